/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "missing.h"
#include "cmd.h"
#include "options.h"
#include "parse.h"
#include "render.h"
#include "segmap.h"
#include "posix.h"
#include "select.h"
#include "util.h"

static const char cmdname[] = "write";

/* The whole input, read before the segment is touched: the all-or-nothing
 * rule needs to know it fits and is readable first. */
struct input {
	const unsigned char *data;
	size_t len;
	uint64_t dropped;     /* bytes that did not fit (--truncate) */
	const char *name;     /* for errors: the file, or "standard input" */
	unsigned char *heap;  /* to free */
	void *map;            /* to munmap */
	size_t maplen;
};

enum { OPT_OFFSET = SELECTOR_OPT_END, OPT_STRING, OPT_FILE, OPT_FILL, OPT_LENGTH, OPT_NUL,
       OPT_TRUNCATE, OPT_VERBOSE, OPT_JSON };

static const struct opt_desc options[] = {
	SELECTOR_OPTIONS,
	{ OPT_OFFSET, 0, "offset", OPT_ARG, "<size>", "write at this byte of the segment (default 0)",
	  NULL },
	{ OPT_STRING, 0, "string", OPT_ARG, "<text>", "write this text", NULL },
	{ OPT_FILE, 0, "file", OPT_ARG, "<file>", "write the contents of this file", NULL },
	{ 0, 0, NULL, OPT_NOARG, "-", "write what standard input gives", NULL },
	{ OPT_FILL, 0, "fill", OPT_ARG, "<byte>",
	  "write this byte (0-255, 0x-hex, or one character)...", NULL },
	{ OPT_LENGTH, 0, "length", OPT_ARG, "<size>", "...this many times", NULL },
	{ OPT_NUL, 0, "nul", OPT_NOARG, NULL, "append a NUL byte, so C readers see the string end",
	  NULL },
	{ OPT_TRUNCATE, 0, "truncate", OPT_NOARG, NULL,
	  "write the part that fits; say on stderr what was dropped", NULL },
	{ OPT_VERBOSE, 'v', "verbose", OPT_NOARG, NULL, "say how many bytes were written where", NULL },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "say it as JSON", NULL },
};

static const struct opt_excl exclusive[] = {
	SELECTOR_EXCL,
	{ { OPT_VERBOSE, OPT_JSON } },
};

static const struct cmd_options spec = {
	.cmd = cmdname,
	.usage = "Usage:\n"
		 " %1$s write <shmid> [--offset <size>] (--string <text> | --file <file> | -) [options]\n"
		 " %1$s write <shmid> [--offset <size>] --fill <byte> --length <size>\n"
		 " %1$s write -k <key> ...\n"
		 " %1$s write /<name> ...\n\n"
		 "Write bytes into a System V shared memory segment or a POSIX object.\n"
		 "The whole input is read first; when it does not fit in the room after the\n"
		 "offset, nothing is written.\n",
	.opts = OPTS(options),
	.excl = OPTS(exclusive),
};

/* A byte as typed: 0-255 in decimal or 0x-hex, or one non-digit character. */
static int byte_arg(const char *arg)
{
	uint64_t v;
	const char *why;

	if (arg[0] && !arg[1] && (arg[0] < '0' || arg[0] > '9'))
		return (unsigned char)arg[0];
	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X') && arg[2]) {
		char *end;
		errno = 0;
		v = strtoull(arg + 2, &end, 16);
		if (!*end && arg[2] != '-' && arg[2] != '+' && !errno && v <= 255)
			return (int)v;
	} else if (parse_u64(arg, &v, &why) == 0 && v <= 255) {
		return (int)v;
	}
	usage_error(cmdname, "invalid byte '%s': expected 0-255, 0x00-0xff or one character", arg);
}

static void input_fail(const struct input *in)
{
	err(EXIT_FAIL, "%s: %s", cmdname, in->name);
}

/* Reads a stream (stdin, a pipe, a device) into a buffer that grows up to
 * cap + 1 bytes: one byte more than fits is enough to know the input is too
 * long, without holding an endless stream in memory. With truncate it
 * keeps cap bytes and counts the rest. */
static void read_stream(int fd, uint64_t cap, bool truncate, struct input *in)
{
	uint64_t limit = truncate ? cap : cap + 1;
	size_t size = 0, len = 0;
	unsigned char *buf = NULL;

	for (;;) {
		if (len == size) {
			if (len >= limit)
				break;
			size = size ? size * 2 : 64u << 10;
			if (size > limit)
				size = (size_t)limit;
			buf = xrealloc(buf, size);
		}
		ssize_t n = read(fd, buf + len, size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			input_fail(in);
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (truncate && len == limit) {
		/* count what is left, keeping none of it */
		char scratch[64 << 10];
		for (;;) {
			ssize_t n = read(fd, scratch, sizeof(scratch));
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				input_fail(in);
			if (n == 0)
				break;
			in->dropped += (uint64_t)n;
		}
	}
	in->heap = buf;
	in->data = buf;
	in->len = len;
}

/* A regular file is mapped and its pages read in (MADV_POPULATE_READ
 * reports a read error before anything is written), then copied once:
 * about the cost of a bare read() into the segment, where a buffer and
 * a second copy cost half as much again. 0, or -1 when the file cannot
 * be mapped (the caller reads it as a stream). */
static int map_file(int fd, const struct stat *st, uint64_t cap, bool truncate, struct input *in)
{
	uint64_t size = (uint64_t)st->st_size;
	size_t n;
	void *p;

	if (size == 0)
		return -1; /* /proc and friends say 0 and have bytes */
	if (size > cap && !truncate) {
		in->len = size; /* too long: known without reading a byte */
		return 0;
	}
	n = (size_t)(size < cap ? size : cap);
	in->dropped = size - n;
	if (n == 0)
		return 0;
	p = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	if (madvise(p, n, MADV_POPULATE_READ) < 0) {
		if (errno == EINVAL) { /* kernels before 5.14 */
			munmap(p, n);
			in->dropped = 0;
			return -1;
		}
		if (errno == EFAULT) /* a page the file no longer has */
			errno = EIO;
		input_fail(in);
	}
	(void)madvise(p, n, MADV_SEQUENTIAL);
	in->map = p;
	in->maplen = n;
	in->data = p;
	in->len = n;
	return 0;
}

static void read_file(const char *path, uint64_t cap, bool truncate, struct input *in)
{
	struct stat st;
	int fd = STDIN_FILENO;

	if (path) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			input_fail(in);
	}
	if (fstat(fd, &st) < 0)
		input_fail(in);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		input_fail(in);
	}
	if (!S_ISREG(st.st_mode) || map_file(fd, &st, cap, truncate, in) < 0)
		read_stream(fd, cap, truncate, in);
	if (path)
		close(fd);
}

static void input_free(struct input *in)
{
	if (in->map)
		munmap(in->map, in->maplen);
	free(in->heap);
}

/* A file mapping raises SIGBUS when another process shrinks the file
 * between the read-in and the copy, and so does a POSIX object shrunk
 * while we write it: no longer all or nothing, so say which one it was. */
static sigjmp_buf copy_jmp;
static void *volatile fault_addr;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_addr = si->si_addr;
	siglongjmp(copy_jmp, 1);
}

/* Maps the segment's pages in one call rather than one fault each; only
 * once the input is known to fit. A hint: failures are ignored. */
static void populate_write(unsigned char *p, size_t n)
{
	uintptr_t mask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;

	if (n)
		(void)madvise((void *)((uintptr_t)p & ~mask), n + ((uintptr_t)p & mask),
			      MADV_POPULATE_WRITE);
}

/* Writes the input (or length bytes of fill) at dst, in a frame of its
 * own: nothing here changes after sigsetjmp. */
static void copy_in(const struct segmap *m, unsigned char *dst, const struct input *in, int fill,
		    size_t length)
{
	struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO }, old;
	bool guard = in->map || m->name;

	if (length == 0)
		return;
	populate_write(dst, length);
	if (guard) {
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, &old);
		if (sigsetjmp(copy_jmp, 1)) {
			const unsigned char *f = fault_addr;
			if (f >= m->addr && f < m->addr + m->size)
				errx(EXIT_FAIL, "%s: %s: it shrank while it was written; it may be partly written",
				     cmdname, m->label);
			errx(EXIT_FAIL, "%s: %s: the file shrank while it was copied; %s may be partly written",
			     cmdname, in->name, m->label);
		}
	}
	if (fill >= 0)
		memset(dst, fill, length);
	else
		memcpy(dst, in->data, length);
	if (guard)
		sigaction(SIGBUS, &old, NULL);
}

static void report(bool json, uint64_t written, uint64_t offset, uint64_t dropped,
		   const struct segmap *m)
{
	cJSON *o;

	if (!json) {
		printf("wrote %" PRIu64 " byte%s at offset %" PRIu64 " of %s", written,
		       written == 1 ? "" : "s", offset, m->label);
		if (dropped)
			printf(", dropped %" PRIu64, dropped);
		putchar('\n');
		return;
	}
	o = cJSON_CreateObject();
	/* a System V segment is named by its shmid, a POSIX object by its name */
	if (!o || !(m->name ? json_add_text(o, "name", "name_hex", m->name) == 0
			    : cJSON_AddNumberToObject(o, "shmid", m->shmid) != NULL) ||
	    !cJSON_AddNumberToObject(o, "offset", (double)offset) ||
	    !cJSON_AddNumberToObject(o, "bytes_written", (double)written) ||
	    !cJSON_AddNumberToObject(o, "dropped", (double)dropped) || print_json(o) < 0) {
		cJSON_Delete(o);
		errx(EXIT_FAIL, "%s: cannot allocate the JSON output", cmdname);
	}
	cJSON_Delete(o);
}

static int run(int argc, char **argv)
{
	struct selector sel = { 0 };
	const char *string = NULL, *file = NULL;
	bool from_stdin = false, has_length = false, nul = false, truncate = false;
	bool verbose = false, json = false;
	uint64_t offset = 0, length = 0, room, cap;
	int fill = -1, sources, c;
	struct input in = { 0 };
	struct shm_seg seg;
	struct segmap m;
	struct opt_parser op;

	opts_start(&op, &spec, argc, argv);
	while ((c = opts_next(&op)) != -1) {
		if (selector_option(&sel, c, optarg))
			continue;
		switch (c) {
		case OPT_OFFSET:
			offset = resolve_size(optarg, cmdname);
			break;
		case OPT_STRING:
			string = optarg;
			break;
		case OPT_FILE:
			if (!*optarg)
				usage_error(cmdname, "option '--file' needs a file name");
			file = optarg;
			break;
		case OPT_FILL:
			fill = byte_arg(optarg);
			break;
		case OPT_LENGTH:
			length = resolve_size(optarg, cmdname);
			has_length = true;
			break;
		case OPT_NUL:
			nul = true;
			break;
		case OPT_TRUNCATE:
			truncate = true;
			break;
		case OPT_VERBOSE:
			verbose = true;
			break;
		case OPT_JSON:
			json = true;
			break;
		}
	}
	if (!sel.key && !sel.posix && optind < argc && strcmp(argv[optind], "-") != 0)
		sel.operand = argv[optind++];
	if (optind < argc && strcmp(argv[optind], "-") == 0) {
		from_stdin = true;
		optind++;
	}
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	selector_check(cmdname, &sel);
	opts_exclusive(&op);
	sources = !!string + !!file + from_stdin + (fill >= 0);
	if (sources != 1)
		usage_error(cmdname, "%s input: give one of --string, --file, - or --fill",
			    sources ? "more than one" : "no");
	if (fill >= 0 && !has_length)
		usage_error(cmdname, "--fill needs --length");
	if (fill < 0 && has_length)
		usage_error(cmdname, "--length goes with --fill only");
	if (fill >= 0 && nul)
		usage_error(cmdname, "--nul does not go with --fill");

	selector_resolve(cmdname, &sel, &seg);
	segmap_attach(cmdname, &seg, false, &m);
	(void)segmap_range(cmdname, &m, offset, false, 0);
	room = m.size - offset;
	if (nul && room == 0)
		errx(EXIT_FAIL, "%s: %s: no room for the NUL at offset %" PRIu64 " (the end)",
		     cmdname, m.label, offset);
	cap = room - nul;

	in.name = file ? file : "standard input";
	if (string) {
		in.data = (const unsigned char *)string;
		in.len = strlen(string);
		if (truncate && in.len > cap) {
			in.dropped = in.len - cap;
			in.len = (size_t)cap;
		}
	} else if (file || from_stdin) {
		read_file(file, cap, truncate, &in);
	} else if (length > cap && truncate) {
		in.dropped = length - cap;
		length = cap;
	}
	if ((fill >= 0 ? length : in.len) > cap)
		errx(EXIT_FAIL, "%s: %s: the input does not fit in the %" PRIu64
			" byte%s after offset %" PRIu64 "%s; nothing written",
		     cmdname, m.label, room, room == 1 ? "" : "s", offset, nul ? " with its NUL" : "");

	if (fill >= 0)
		in.len = length;
	copy_in(&m, m.addr + offset, &in, fill, in.len);
	if (nul)
		m.addr[offset + in.len] = '\0';
	segmap_release(cmdname, &m);
	if (in.dropped)
		warnx("%s: %s: dropped the last %" PRIu64 " byte%s of the input: %s not fit",
		      cmdname, m.label, in.dropped, in.dropped == 1 ? "" : "s",
		      in.dropped == 1 ? "it did" : "they did");
	if (verbose || json)
		report(json, in.len + nul, offset, in.dropped, &m);
	input_free(&in);
	return EXIT_OK;
}

const struct shm_cmd cmd_write = {
	.name = "write",
	.alias = NULL,
	.run = run,
	.help = "write a string, a file, standard input or a fill byte into a segment",
	.options = &spec,
};
