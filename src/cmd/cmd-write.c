/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "missing.h"
#include "cmd.h"
#include "options.h"
#include "parse.h"
#include "render.h"
#include "segio.h"
#include "segmap.h"
#include "shown.h"
#include "input.h"
#include "posix.h"
#include "select.h"
#include "util.h"

static const char cmdname[] = "write";

/* What one `write` was asked for: the options and operands as given. */
struct write_args {
	struct selector sel;
	const char *string, *file;
	bool from_stdin, has_length, nul, truncate, verbose, json;
	uint64_t offset, length;
	int fill; /* the --fill byte, or -1 */
};

enum { OPT_OFFSET = SELECTOR_OPT_END, OPT_STRING, OPT_FILE, OPT_FILL, OPT_LENGTH, OPT_NUL,
       OPT_TRUNCATE, OPT_VERBOSE, OPT_JSON };

static opt_call_fn fill_option;

static const struct opt_desc options[] = {
	SELECTOR_OPTIONS(struct write_args, sel),
	{ OPT_OFFSET, 0, "offset", OPT_ARG, "<size>", "write at this byte of the segment (default 0)",
	  NULL, OPT_SIZE(struct write_args, offset) },
	{ OPT_STRING, 0, "string", OPT_ARG, "<text>", "write this text", NULL,
	  OPT_STR(struct write_args, string) },
	{ OPT_FILE, 0, "file", OPT_ARG, "<file>", "write the contents of this file", NULL,
	  OPT_PATH(struct write_args, file) },
	{ 0, 0, NULL, OPT_NOARG, "-", "write what standard input gives", NULL },
	{ OPT_FILL, 0, "fill", OPT_ARG, "<byte>",
	  "write this byte (0-255, 0x-hex, or one character)...", NULL,
	  OPT_CALL_AT(fill_option, struct write_args, fill) },
	{ OPT_LENGTH, 0, "length", OPT_ARG, "<size>", "...this many times", NULL,
	  OPT_SIZE_GIVEN(struct write_args, length, has_length) },
	{ OPT_NUL, 0, "nul", OPT_NOARG, NULL, "append a NUL byte, so C readers see the string end",
	  NULL, OPT_TRUE(struct write_args, nul) },
	{ OPT_TRUNCATE, 0, "truncate", OPT_NOARG, NULL,
	  "write the part that fits; say on stderr what was dropped", NULL,
	  OPT_TRUE(struct write_args, truncate) },
	{ OPT_VERBOSE, 'v', "verbose", OPT_NOARG, NULL, "say how many bytes were written where", NULL,
	  OPT_TRUE(struct write_args, verbose) },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "say it as JSON", NULL,
	  OPT_TRUE(struct write_args, json) },
};

const struct cmd_options cmd_write_options = {
	CMD_OPTIONS(SELECTOR_EXCL, { { OPT_VERBOSE, OPT_JSON } }),
	.usage = " %1$s write <shmid> [--offset <size>] (--string <text> | --file <file> | -) [options]\n"
		 " %1$s write <shmid> [--offset <size>] --fill <byte> --length <size>\n"
		 " %1$s write -k <key> ...\n"
		 " %1$s write /<name> ...\n\n"
		 "Write bytes into a System V shared memory segment or a POSIX object.\n"
		 "The whole input is read first; when it does not fit in the room after the\n"
		 "offset, nothing is written.\n",
};

/* --fill: a byte as typed, 0-255 in decimal or 0x-hex, or one non-digit
 * character. */
static int fill_option(void *fill, int id, const char *arg, const char *cmd)
{
	uint64_t v;
	const char *why;

	(void)id;
	if (arg[0] && !arg[1] && (arg[0] < '0' || arg[0] > '9')) {
		*(int *)fill = (unsigned char)arg[0];
		return 0;
	}
	if (arg[0] == '0' && (arg[1] == 'x' || arg[1] == 'X') && arg[2]) {
		char *end;
		errno = 0;
		v = strtoull(arg + 2, &end, 16);
		if (*end || arg[2] == '-' || arg[2] == '+' || errno)
			v = 256;
	} else if (parse_u64(arg, &v, &why) < 0) {
		v = 256;
	}
	if (v > 255)
		return usage_warn(cmd, "invalid byte '%s': expected 0-255, 0x00-0xff or one character",
				  arg);
	*(int *)fill = (int)v;
	return 0;
}

static void __attribute__((noreturn)) input_fail(const struct input *in, const char *why)
{
	if (errno)
		err(EXIT_FAIL, "%s: %s", cmdname, shown_typed(in->name));
	errx(EXIT_FAIL, "%s: %s: %s", cmdname, shown_typed(in->name), why);
}

/* A POSIX object's pages are reserved before the first byte changes, so a
 * full /dev/shm is an error with nothing written, not a SIGBUS half-way.
 * KEEP_SIZE: an object shrunk meanwhile is not grown back. File systems
 * without fallocate reserve nothing, as before. */
static void reserve(const struct segmap *m, uint64_t offset, uint64_t len)
{
	if (!m->name || len == 0)
		return;
	if (fallocate(m->fd, FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)len) == 0 ||
	    errno == EOPNOTSUPP || errno == ENOSYS)
		return;
	errx(EXIT_FAIL, "%s: %s: %s; nothing written", cmdname, m->label, strerror(errno));
}

/* Writes the input (or length bytes of fill) at offset, then the NUL. The
 * input is ours in memory, so a SIGBUS can only be the segment: a POSIX
 * object another process shrank while we wrote it. */
static void copy_in(const struct segmap *m, uint64_t offset, const struct input *in, int fill,
		    size_t length, bool nul)
{
	reserve(m, offset, length + nul);
	if (segio_copy_in(m, offset, fill >= 0 ? NULL : in->data, fill, length) == 0 &&
	    (!nul || segio_copy_in(m, offset + length, NULL, 0, 1) == 0))
		return;
	errx(EXIT_FAIL, "%s: %s: it shrank while it was written; it may be partly written", cmdname,
	     m->label);
}

/* dropped is unknown (JSON null) when a stream was longer than the room:
 * the rest was not read, so not counted. */
static void report(bool json, uint64_t written, uint64_t offset, const struct input *in,
		   const struct segmap *m)
{
	uint64_t dropped = in->dropped;
	cJSON *o;

	if (!json) {
		printf("wrote %" PRIu64 " byte%s at offset %" PRIu64 " of %s", written,
		       written == 1 ? "" : "s", offset, m->label);
		if (dropped)
			printf(", dropped %" PRIu64, dropped);
		else if (in->longer)
			printf(", dropped the rest");
		putchar('\n');
		return;
	}
	o = cJSON_CreateObject();
	/* a System V segment is named by its shmid, a POSIX object by its name */
	if (!o || !(m->name ? json_add_text(o, "name", "name_hex", m->name) == 0
			    : cJSON_AddNumberToObject(o, "shmid", m->shmid) != NULL) ||
	    !cJSON_AddNumberToObject(o, "offset", (double)offset) ||
	    !cJSON_AddNumberToObject(o, "bytes_written", (double)written) ||
	    !(in->longer ? cJSON_AddNullToObject(o, "dropped")
			 : cJSON_AddNumberToObject(o, "dropped", (double)dropped)) ||
	    print_json(o) < 0) {
		cJSON_Delete(o);
		errx(EXIT_FAIL, "%s: cannot allocate the JSON output", cmdname);
	}
	cJSON_Delete(o);
}

/* What the options say together: one input, and the fill's length. */
static void check_args(const struct write_args *a)
{
	int sources = !!a->string + !!a->file + a->from_stdin + (a->fill >= 0);

	if (sources != 1)
		usage_error(cmdname, "%s input: give one of --string, --file, - or --fill",
			    sources ? "more than one" : "no");
	if (a->fill >= 0 && !a->has_length)
		usage_error(cmdname, "--fill needs --length");
	if (a->fill < 0 && a->has_length)
		usage_error(cmdname, "--length goes with --fill only");
	if (a->fill >= 0 && a->nul)
		usage_error(cmdname, "--nul does not go with --fill");
}

/* Reads the whole input, at most cap bytes of it with --truncate, into in
 * (a fill is its length); what does not fit is an error, nothing written. */
static void capture(struct write_args *a, const struct segmap *m, uint64_t room,
		    struct input *in)
{
	uint64_t cap = room - a->nul;

	in->name = a->file ? a->file : "standard input";
	if (a->string) {
		in->data = (const unsigned char *)a->string;
		in->len = strlen(a->string);
		if (a->truncate && in->len > cap) {
			in->dropped = in->len - cap;
			in->len = (size_t)cap;
		}
	} else if (a->file || a->from_stdin) {
		const char *changed = NULL;
		if (input_capture(a->file, cap, a->truncate, in, &changed) < 0)
			input_fail(in, changed);
	} else if (a->length > cap && a->truncate) {
		in->dropped = a->length - cap;
		a->length = cap;
	}
	if ((a->fill >= 0 ? a->length : in->len) > cap)
		errx(EXIT_FAIL, "%s: %s: the input does not fit in the %" PRIu64
			" byte%s after offset %" PRIu64 "%s; nothing written",
		     cmdname, m->label, room, room == 1 ? "" : "s", a->offset,
		     a->nul ? " with its NUL" : "");
	if (a->fill >= 0)
		in->len = a->length;
}

/* The input's bytes the room had no place for, said on stderr. */
static void say_dropped(const struct input *in, const struct segmap *m, uint64_t cap)
{
	if (in->dropped)
		warnx("%s: %s: dropped the last %" PRIu64 " byte%s of the input: %s not fit",
		      cmdname, m->label, in->dropped, in->dropped == 1 ? "" : "s",
		      in->dropped == 1 ? "it did" : "they did");
	else if (in->longer)
		warnx("%s: %s: the input was longer than the %" PRIu64 " byte%s that fit; the rest was not read",
		      cmdname, m->label, cap, cap == 1 ? "" : "s");
}

/* resolve -> map -> room -> capture the input -> copy in -> report */
static int write_segment(struct write_args *a)
{
	struct input in = { 0 };
	struct segmap m;
	uint64_t room;

	selector_map(cmdname, &a->sel, false, a->offset, false, &room, &m);
	if (a->nul && room == 0)
		errx(EXIT_FAIL, "%s: %s: no room for the NUL at offset %" PRIu64 " (the end)",
		     cmdname, m.label, a->offset);
	capture(a, &m, room, &in);
	copy_in(&m, a->offset, &in, a->fill, in.len, a->nul);
	if (segmap_close(&m) < 0)
		warn("%s: %s: detach", cmdname, m.label);
	say_dropped(&in, &m, room - a->nul);
	if (a->verbose || a->json)
		report(a->json, in.len + a->nul, a->offset, &in, &m);
	input_free(&in);
	return EXIT_OK;
}

int cmd_write(int argc, char **argv)
{
	struct write_args a = { .fill = -1 };
	struct opt_parser op;
	int rc;

	if ((rc = opts_parse(&op, &cmd_write_options, &a, argc, argv)) != 0)
		return rc;
	selector_end(&op, &a.sel, &a.from_stdin);
	check_args(&a);
	return write_segment(&a);
}
