/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "options.h"
#include "hexdump.h"
#include "parse.h"
#include "segmap.h"
#include "posix.h"
#include "select.h"
#include "util.h"

static const char cmdname[] = "attach-dump";

/* Dumps over this size show a progress bar when stderr is a terminal. */
#define PROGRESS_MIN (64ull << 20)
/* Bytes of the segment formatted per write(2): big enough that the
 * system call cost vanishes, small enough to stay in the cache. */
#define HEX_CHUNK (128u << 10)
#define RAW_CHUNK (256u << 10)
#define PIPE_SIZE (256 << 10)

enum dump_format { FMT_HEX, FMT_RAW, FMT_STRING };

/* Where the dump goes: standard output or a file we created. */
struct sink {
	int fd;
	const char *path; /* NULL for standard output */
	bool created;     /* ours to remove if the dump fails */
};

struct progress {
	bool on;
	uint64_t total, done;
	int shown; /* percent last drawn, -1 for none */
};

enum { OPT_OFFSET = SELECTOR_OPT_END, OPT_LENGTH, OPT_FORMAT, OPT_NO_SQUEEZING, OPT_OUTPUT,
       OPT_FORCE };

static const struct opt_desc options[] = {
	SELECTOR_OPTIONS,
	{ OPT_OFFSET, 0, "offset", OPT_ARG, "<size>", "start at this byte of the segment (default 0)",
	  NULL },
	{ OPT_LENGTH, 0, "length", OPT_ARG, "<size>", "this many bytes (default: to the end)", NULL },
	{ OPT_FORMAT, 0, "format", OPT_ARG, "<format>",
	  "hex (as hexdump -C), raw or string (default hex)", NULL },
	{ OPT_NO_SQUEEZING, 0, "no-squeezing", OPT_NOARG, NULL,
	  "hex: print every line, no '*' for repeated lines", NULL },
	{ OPT_OUTPUT, 0, "output-file", OPT_ARG, "<file>",
	  "write to a new file (mode 0600) instead of stdout", NULL },
	{ OPT_FORCE, 0, "force", OPT_NOARG, NULL,
	  "raw bytes to a terminal; --output-file over an existing file", NULL },
	/* -v is --verbose and -o/--output the columns elsewhere: the old
	 * spellings still work, with a note (no help: a deprecated spelling) */
	{ OPT_NO_SQUEEZING, 'v', NULL, OPT_NOARG, NULL, NULL, NULL },
	{ OPT_OUTPUT, 'o', "output", OPT_ARG, NULL, NULL, NULL },
};

static const struct opt_excl exclusive[] = { SELECTOR_EXCL };

static const struct cmd_options spec = {
	.cmd = cmdname,
	.usage = "Usage:\n"
		 " %1$s attach-dump <shmid> [options]\n"
		 " %1$s attach-dump -k <key> [options]\n"
		 " %1$s attach-dump /<name> [options]\n\n"
		 "Print the bytes of a System V shared memory segment or a POSIX object.\n"
		 "It is attached read-only and detached again; nothing in it changes.\n",
	.footer = "Offsets in the hex dump count from the start of the segment. An offset or\n"
		  "length past the end of the segment is an error, not a short dump.\n",
	.opts = OPTS(options),
	.excl = OPTS(exclusive),
};

/* A POSIX object is a file: another process may shrink it while we read
 * its mapping. The pages past its new end raise SIGBUS when we touch them,
 * and EFAULT when write(2) copies from them. */
static sigjmp_buf shrink_jmp;
static const char *shrink_label;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(shrink_jmp, 1);
}

static void shrank(struct sink *s)
{
	if (s->created)
		(void)unlink(s->path);
	errx(EXIT_FAIL, "%s: %s: it shrank while it was dumped; the dump is incomplete", cmdname,
	     shrink_label);
}

static void sink_fail(struct sink *s)
{
	int e = errno;

	if (e == EFAULT && shrink_label)
		shrank(s);
	if (s->created)
		(void)unlink(s->path);
	errno = e;
	if (s->path)
		err(EXIT_FAIL, "%s: %s", cmdname, s->path);
	/* the same line as every other command's output to a full disk */
	err(EXIT_FAIL, "write error");
}

static void sink_write(struct sink *s, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(s->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			sink_fail(s);
		}
		p += w;
		n -= (size_t)w;
	}
}

static void sink_open(struct sink *s, const char *path, bool force)
{
	struct stat st;

	s->path = path;
	s->created = false;
	if (!path) {
		s->fd = STDOUT_FILENO;
		/* a pipe of 64 KiB costs a context switch per 64 KiB; at 256 KiB
		 * the copies still stay in the cache (1 MiB measured slower: 2.0
		 * against 2.3 GB/s of raw bytes into cat) */
		if (fstat(s->fd, &st) == 0 && S_ISFIFO(st.st_mode))
			(void)fcntl(s->fd, F_SETPIPE_SZ, PIPE_SIZE);
		return;
	}
	s->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (s->fd >= 0) {
		s->created = true;
		return;
	}
	if (errno == EEXIST && force)
		s->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	else if (errno == EEXIST)
		errx(EXIT_FAIL, "%s: %s: file exists (use --force to overwrite it)", cmdname, path);
	if (s->fd < 0)
		err(EXIT_FAIL, "%s: %s", cmdname, path);
}

static void sink_close(struct sink *s)
{
	if (!s->path)
		return;
	if (close(s->fd) < 0)
		sink_fail(s);
}

static void progress_step(struct progress *p, uint64_t n)
{
	int pct, bars;

	if (!p->on)
		return;
	p->done += n;
	pct = (int)(p->done * 100 / p->total);
	if (pct == p->shown)
		return;
	p->shown = pct;
	bars = pct / 5;
	fprintf(stderr, "\r[%.*s%*s] %3d%% %" PRIu64 "/%" PRIu64 " MiB", bars,
		"####################", 20 - bars, "", pct, p->done >> 20, p->total >> 20);
	if (p->done == p->total)
		fputc('\n', stderr);
	fflush(stderr);
}

static void dump_hex(struct sink *s, const unsigned char *p, uint64_t len, uint64_t base,
		     bool squeeze, struct progress *pr)
{
	/* static: a shrinking object jumps out of here (SIGBUS), and a buffer
	 * of this frame's would be lost on the way to the error exit */
	static char out[HEXDUMP_BOUND(HEX_CHUNK) + 2 * HEXDUMP_LINE_MAX];
	struct hexdump h;

	hexdump_init(&h, base, squeeze);
	while (len) {
		size_t n = len < HEX_CHUNK ? (size_t)len : HEX_CHUNK;
		size_t o = hexdump_feed(&h, p, n, out);
		if (o)
			sink_write(s, out, o);
		p += n;
		len -= n;
		progress_step(pr, n);
	}
	sink_write(s, out, hexdump_finish(&h, out));
}

static void dump_raw(struct sink *s, const unsigned char *p, uint64_t len, struct progress *pr)
{
	while (len) {
		size_t n = len < RAW_CHUNK ? (size_t)len : RAW_CHUNK;
		sink_write(s, p, n);
		p += n;
		len -= n;
		progress_step(pr, n);
	}
}

static void dump_string(struct sink *s, const unsigned char *p, uint64_t len)
{
	const unsigned char *nul = memchr(p, 0, len);

	if (nul)
		len = (uint64_t)(nul - p);
	sink_write(s, p, len);
	sink_write(s, "\n", 1);
}

/* The dump itself, in a frame of its own: nothing in it changes after
 * sigsetjmp, so nothing is clobbered when a shrinking object jumps back. */
static void dump(struct sink *s, const struct segmap *m, enum dump_format fmt, uint64_t offset,
		 uint64_t length, bool squeeze, struct progress *pr)
{
	const unsigned char *p = m->addr + offset;

	if (m->name) {
		struct sigaction sa = { .sa_handler = on_sigbus };

		shrink_label = m->label;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, NULL);
		if (sigsetjmp(shrink_jmp, 1))
			shrank(s);
	}
	if (fmt != FMT_STRING) /* a string stops at its NUL: touch no more */
		segmap_prefault(p, length);
	switch (fmt) {
	case FMT_HEX:
		dump_hex(s, p, length, offset, squeeze, pr);
		break;
	case FMT_RAW:
		dump_raw(s, p, length, pr);
		break;
	case FMT_STRING:
		dump_string(s, p, length);
		break;
	}
}

static int run(int argc, char **argv)
{
	struct selector sel = { 0 };
	const char *path = NULL;
	uint64_t offset = 0, length = 0;
	bool has_length = false, squeeze = true, force = false;
	enum dump_format fmt = FMT_HEX;
	struct progress pr = { .shown = -1 };
	struct shm_seg seg;
	struct segmap m;
	struct sink s;
	struct opt_parser op;
	int c;

	opts_start(&op, &spec, argc, argv);
	while ((c = opts_next(&op)) != -1) {
		if (selector_option(&sel, c, optarg))
			continue;
		switch (c) {
		case OPT_OFFSET:
			offset = resolve_size(optarg, cmdname);
			break;
		case OPT_LENGTH:
			length = resolve_size(optarg, cmdname);
			has_length = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "hex") == 0)
				fmt = FMT_HEX;
			else if (strcmp(optarg, "raw") == 0)
				fmt = FMT_RAW;
			else if (strcmp(optarg, "string") == 0)
				fmt = FMT_STRING;
			else
				usage_error(cmdname, "invalid format '%s': expected hex, raw or string", optarg);
			break;
		case OPT_NO_SQUEEZING:
			squeeze = false;
			break;
		case OPT_OUTPUT:
			if (!*optarg)
				usage_error(cmdname, "option '--output-file' needs a file name");
			path = optarg;
			break;
		case OPT_FORCE:
			force = true;
			break;
		}
	}
	if (!sel.key && !sel.posix && optind < argc)
		sel.operand = argv[optind++];
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	opts_exclusive(&op);
	selector_check(cmdname, &sel);

	selector_resolve(cmdname, &sel, &seg);
	segmap_attach(cmdname, &seg, true, &m);
	length = segmap_range(cmdname, &m, offset, has_length, length);
	if (fmt == FMT_RAW && !path && !force && isatty(STDOUT_FILENO))
		errx(EXIT_FAIL, "%s: refusing to write raw bytes to a terminal (use --force)", cmdname);

	sink_open(&s, path, force);
	pr.total = length;
	pr.on = fmt != FMT_STRING && length > PROGRESS_MIN && isatty(STDERR_FILENO);
	dump(&s, &m, fmt, offset, length, squeeze, &pr);
	sink_close(&s);
	segmap_release(cmdname, &m);
	return EXIT_OK;
}

const struct shm_cmd cmd_dump = {
	.name = "attach-dump",
	.alias = "dump",
	.run = run,
	.help = "print the bytes of a segment (hex as hexdump -C, raw, string)",
	.options = &spec,
};
