/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "missing.h"
#include "cmd.h"
#include "parse.h"
#include "render.h"
#include "segio.h"
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

static void usage(void)
{
	printf("Usage:\n"
	       " %1$s write <shmid> [--offset <size>] (--string <text> | --file <file> | -) [options]\n"
	       " %1$s write <shmid> [--offset <size>] --fill <byte> --length <size>\n"
	       " %1$s write -k <key> ...\n"
	       " %1$s write /<name> ...\n\n"
	       "Write bytes into a System V shared memory segment or a POSIX object.\n"
	       "The whole input is read first; when it does not fit in the room after the\n"
	       "offset, nothing is written.\n\n"
	       "Options:\n"
	       " -k, --key <key>          the segment with this key: number, 0x-hex or @PATH[:PROJ]\n"
	       "     --posix <name>       the POSIX object /<name> (also given as /<name>)\n"
	       "     --offset <size>      write at this byte of the segment (default 0)\n"
	       "     --string <text>      write this text\n"
	       "     --file <file>        write the contents of this file\n"
	       " -                        write what standard input gives\n"
	       "     --fill <byte>        write this byte (0-255, 0x-hex, or one character)...\n"
	       "     --length <size>      ...this many times\n"
	       "     --nul                append a NUL byte, so C readers see the string end\n"
	       "     --truncate           write the part that fits; say on stderr what was dropped\n"
	       " -v, --verbose            say how many bytes were written where\n"
	       " -J, --json               say it as JSON\n"
	       " -h, --help               display this help\n",
	       program_invocation_short_name);
}

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
		ssize_t n = read_all(fd, buf + len, size - len);
		if (n < 0)
			input_fail(in);
		len += (size_t)n;
		if (len < size)
			break;
	}
	if (truncate && len == limit) {
		/* count what is left, keeping none of it */
		char scratch[64 << 10];
		for (;;) {
			ssize_t n = read_all(fd, scratch, sizeof(scratch));
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

/* Writes the input (or length bytes of fill) at offset. A file mapping
 * raises SIGBUS when another process shrinks the file between the read-in
 * and the copy, and so does a POSIX object shrunk while we write it: no
 * longer all or nothing, so say which one it was. */
static void copy_in(const struct segmap *m, uint64_t offset, const struct input *in, int fill,
		    size_t length)
{
	const unsigned char *f;

	if (segio_copy_in(m, offset, fill >= 0 ? NULL : in->data, fill, length) == 0)
		return;
	f = segio_fault_addr();
	if (f >= m->addr && f < m->addr + m->size)
		errx(EXIT_FAIL, "%s: %s: it shrank while it was written; it may be partly written",
		     cmdname, m->label);
	errx(EXIT_FAIL, "%s: %s: the file shrank while it was copied; %s may be partly written",
	     cmdname, in->name, m->label);
}

static void report(bool json, uint64_t written, uint64_t offset, uint64_t dropped,
		   const struct segmap *m)
{
	cJSON *o;

	if (!json) {
		printf("wrote %" PRIu64 " bytes at offset %" PRIu64 " of %s", written, offset, m->label);
		if (dropped)
			printf(", dropped %" PRIu64, dropped);
		putchar('\n');
		return;
	}
	o = cJSON_CreateObject();
	/* a System V segment is named by its shmid, a POSIX object by its name */
	if (!o || !(m->name ? cJSON_AddStringToObject(o, "name", m->name)
			    : cJSON_AddNumberToObject(o, "shmid", m->shmid)) ||
	    !cJSON_AddNumberToObject(o, "offset", (double)offset) ||
	    !cJSON_AddNumberToObject(o, "bytes_written", (double)written) ||
	    !cJSON_AddNumberToObject(o, "dropped", (double)dropped) || print_json(o) < 0) {
		cJSON_Delete(o);
		errx(EXIT_FAIL, "%s: cannot allocate the JSON output", cmdname);
	}
	cJSON_Delete(o);
}

enum { OPT_OFFSET = 0x100, OPT_STRING, OPT_FILE, OPT_FILL, OPT_LENGTH, OPT_NUL, OPT_TRUNCATE };

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		SELECTOR_LONGOPTS,
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "string", required_argument, NULL, OPT_STRING },
		{ "file", required_argument, NULL, OPT_FILE },
		{ "fill", required_argument, NULL, OPT_FILL },
		{ "length", required_argument, NULL, OPT_LENGTH },
		{ "nul", no_argument, NULL, OPT_NUL },
		{ "truncate", no_argument, NULL, OPT_TRUNCATE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct selector sel = { 0 };
	const char *string = NULL, *file = NULL;
	bool from_stdin = false, has_length = false, nul = false, truncate = false;
	bool verbose = false, json = false;
	uint64_t offset = 0, length = 0, room, cap;
	int fill = -1, sources, c;
	struct input in = { 0 };
	struct shm_seg seg;
	struct segmap m;
	char why[160];

	while ((c = getopt_long(argc, argv, ":k:vJh", longopts, NULL)) != -1) {
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
		case 'v':
			verbose = true;
			break;
		case 'J':
			json = true;
			break;
		case 'h':
			usage();
			return EXIT_OK;
		default:
			bad_option(cmdname, c, argv);
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
	if (verbose && json)
		usage_error(cmdname, "--verbose and --json are mutually exclusive");
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
	if (segmap_open(&seg, false, &m) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmdname, m.label, segmap_strerror(&m, errno));
	if (segmap_range(&m, offset, false, &room, why, sizeof(why)) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmdname, m.label, why);
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
	copy_in(&m, offset, &in, fill, in.len);
	if (nul)
		m.addr[offset + in.len] = '\0';
	if (segmap_close(&m) < 0)
		warn("%s: %s: detach", cmdname, m.label);
	if (in.dropped)
		warnx("%s: %s: dropped the last %" PRIu64 " byte%s of the input: %s not fit",
		      cmdname, m.label, in.dropped, in.dropped == 1 ? "" : "s",
		      in.dropped == 1 ? "it did" : "they did");
	if (verbose || json)
		report(json, in.len + nul, offset, in.dropped, &m);
	input_free(&in);
	posix_names_free();
	return EXIT_OK;
}

const struct shm_cmd cmd_write = {
	.name = "write",
	.alias = NULL,
	.run = run,
	.help = "write a string, a file, standard input or a fill byte into a segment",
};
