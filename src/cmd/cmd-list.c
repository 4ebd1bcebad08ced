/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd.h"
#include "columns.h"
#include "holders.h"
#include "query.h"
#include "render.h"
#include "sort.h"
#include "select.h"
#include "util.h"

static const char cmdname[] = "list";

static void usage(void)
{
	printf("Usage:\n"
	       " %s list [options]\n\n"
	       "List System V shared memory segments, POSIX shared memory objects\n"
	       "(--posix), or both (--all-types).\n\n"
	       "Output:\n"
	       " -o, --output <list>      columns to show; +<list> adds to the default\n"
	       "     --output-all         show every column\n"
	       "     --list-columns       list the column names with a description\n"
	       " -J, --json               JSON output\n"
	       " -r, --raw                raw output, one line per segment\n"
	       " -e, --export             KEY=\"value\" pairs\n"
	       " -n, --noheadings         no header line\n"
	       "     --notruncate         never truncate a cell\n"
	       " -H, --human              sizes for humans (4K, 1.5M)\n"
	       "     --time-format <fmt>  short, full, iso or epoch\n"
	       " -s, --sort <column>      sort by a column\n"
	       "     --reverse            reverse the order\n"
	       " -p, --pids               add the PIDS column (attached processes)\n"
	       "     --format <fmt>       table, raw, export, json or openmetrics\n"
	       " -v, --verbose            say how many processes' mappings could not be read\n\n"
	       "Which shared memory:\n"
	       "     --posix              POSIX objects (the files of /dev/shm) only\n"
	       " -a, --all-types          System V segments and POSIX objects\n\n"
	       "Filters (they combine):\n"
	       FILTER_HELP
	       "\n -h, --help               display this help\n\n"
	       "Default columns: KEY SHMID OWNER PERMS BYTES NATTCH STATUS;\n"
	       "with --posix: NAME OWNER PERMS BYTES CTIME;\n"
	       "with --all-types: TYPE KEY SHMID NAME OWNER PERMS BYTES NATTCH STATUS.\n"
	       "Columns only System V has are empty for POSIX objects, and NAME for\n"
	       "segments; a POSIX object's CTIME is its file's status change time and\n"
	       "its RSS the memory its file holds (st_blocks).\n"
	       "Run '%s list --list-columns' for every column.\n",
	       program_invocation_short_name, program_invocation_short_name);
}

static void list_columns(void)
{
	for (int i = 0; i < COL_COUNT; i++)
		printf("%-8s %s\n", columns[i].name, columns[i].help);
}

enum {
	OPT_OUTPUT_ALL = FILTER_OPT_END,
	OPT_LIST_COLUMNS,
	OPT_NOTRUNCATE,
	OPT_TIME_FORMAT,
	OPT_REVERSE,
	OPT_POSIX,
	OPT_FORMAT,
};

static enum time_format parse_time_format(const char *arg)
{
	static const char *const names[] = { "short", "full", "iso", "epoch" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(arg, names[i]) == 0)
			return (enum time_format)i;
	usage_error(cmdname, "invalid time format '%s': expected short, full, iso or epoch", arg);
}

/* -o LIST: an unknown name is quoted whole, however long; a known one
 * refused means the list is longer than the table of columns. */
static void list_option(const char *arg, const int *defs, size_t ndefs, int *cols,
			size_t *ncols, size_t max)
{
	size_t bad_size = strlen(arg) + 1;
	char *bad = xmalloc(bad_size);

	if (parse_column_list_from(arg, defs, ndefs, cols, ncols, max, bad, bad_size) < 0) {
		if (column_by_name(bad, strlen(bad)) >= 0)
			usage_error(cmdname, "too many columns: at most %zu", max);
		usage_error(cmdname, "unknown column '%s'; try '%s list --list-columns'", bad,
			    program_invocation_short_name);
	}
	free(bad);
}

static void set_mode(struct render_opts *o, enum out_mode m, int *mode_set, const char *opt)
{
	static const char *const names[] = { "", "--raw", "--export", "--json",
					     "--format=openmetrics" };

	if (*mode_set && o->mode != m)
		usage_error(cmdname, "%s and %s are mutually exclusive", names[o->mode], opt);
	o->mode = m;
	*mode_set = 1;
}

static enum out_mode parse_format(const char *arg, const char **opt)
{
	static const struct {
		const char *name, *opt;
		enum out_mode mode;
	} formats[] = {
		{ "table", "--format=table", OUT_TABLE },
		{ "raw", "--raw", OUT_RAW },
		{ "export", "--export", OUT_EXPORT },
		{ "json", "--json", OUT_JSON },
		{ "openmetrics", "--format=openmetrics", OUT_OPENMETRICS },
	};

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(arg, formats[i].name) == 0) {
			*opt = formats[i].opt;
			return formats[i].mode;
		}
	usage_error(cmdname, "invalid format '%s': expected table, raw, export, json or openmetrics",
		    arg);
}

/* What one `list` asks for and what it found, from argv to the output. */
struct list_ctl {
	struct seg_query q;
	struct render_opts ro;
	int cols[COL_COUNT * 2];
	const char *output; /* the last -o, parsed once the types are known */
	bool output_all, posix_only, all_types, pids, verbose;
	int sort_col, reverse, mode_set;
	struct seg_list segs;
	struct holders holders;
};

/* parse_args: go on with the query; any other value is the exit status. */
enum { PARSE_GO = -1 };

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "output-all", no_argument, NULL, OPT_OUTPUT_ALL },
	{ "list-columns", no_argument, NULL, OPT_LIST_COLUMNS },
	{ "json", no_argument, NULL, 'J' },
	{ "raw", no_argument, NULL, 'r' },
	{ "export", no_argument, NULL, 'e' },
	{ "noheadings", no_argument, NULL, 'n' },
	{ "notruncate", no_argument, NULL, OPT_NOTRUNCATE },
	{ "human", no_argument, NULL, 'H' },
	{ "time-format", required_argument, NULL, OPT_TIME_FORMAT },
	{ "sort", required_argument, NULL, 's' },
	{ "reverse", no_argument, NULL, OPT_REVERSE },
	{ "posix", no_argument, NULL, OPT_POSIX },
	{ "all-types", no_argument, NULL, 'a' },
	{ "pids", no_argument, NULL, 'p' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	FILTER_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

static int parse_args(struct list_ctl *ctl, int argc, char **argv)
{
	int c, rc;

	while ((c = getopt_long(argc, argv, ":o:Jrenhs:Hapv" FILTER_SHORTOPTS, longopts,
				NULL)) != -1) {
		if (filter_takes(c)) {
			if ((rc = filter_option(&ctl->q.filter, c, optarg, cmdname)) != 0)
				return rc;
			continue;
		}
		switch (c) {
		case 'o':
			ctl->output = optarg;
			ctl->output_all = false;
			break;
		case OPT_OUTPUT_ALL:
			ctl->output = NULL;
			ctl->output_all = true;
			break;
		case OPT_POSIX:
			ctl->posix_only = true;
			break;
		case 'a':
			ctl->all_types = true;
			break;
		case OPT_LIST_COLUMNS:
			list_columns();
			return EXIT_OK;
		case 'J':
			set_mode(&ctl->ro, OUT_JSON, &ctl->mode_set, "--json");
			break;
		case 'r':
			set_mode(&ctl->ro, OUT_RAW, &ctl->mode_set, "--raw");
			break;
		case 'e':
			set_mode(&ctl->ro, OUT_EXPORT, &ctl->mode_set, "--export");
			break;
		case 'n':
			ctl->ro.noheadings = true;
			break;
		case OPT_NOTRUNCATE:
			ctl->ro.notruncate = true;
			break;
		case 'H':
			ctl->ro.fmt.human = true;
			break;
		case OPT_TIME_FORMAT:
			ctl->ro.fmt.time_format = parse_time_format(optarg);
			break;
		case 's':
			ctl->sort_col = column_by_name(optarg, strlen(optarg));
			if (ctl->sort_col < 0)
				usage_error(cmdname, "unknown column '%s'; try '%s list --list-columns'",
					    optarg, program_invocation_short_name);
			break;
		case OPT_REVERSE:
			ctl->reverse = 1;
			break;
		case 'p':
			ctl->pids = true;
			break;
		case 'v':
			ctl->verbose = true;
			break;
		case OPT_FORMAT: {
			const char *opt;
			enum out_mode m = parse_format(optarg, &opt);
			set_mode(&ctl->ro, m, &ctl->mode_set, opt);
			break;
		}
		case 'h':
			usage();
			return EXIT_OK;
		default:
			bad_option(cmdname, c, argv);
		}
	}
	return PARSE_GO;
}

/* What the options say together: the types asked for, or a usage error. */
static void check_args(struct list_ctl *ctl, int argc, char **argv)
{
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	if (ctl->q.filter.attached && ctl->q.filter.unattached)
		usage_error(cmdname, "--attached and --unattached are mutually exclusive");
	if (ctl->posix_only && ctl->all_types)
		usage_error(cmdname, "--posix and --all-types are mutually exclusive");
	ctl->q.types = ctl->posix_only ? TYPES_POSIX : ctl->all_types ? TYPES_ALL : TYPES_SYSV;
}

/* The defaults of the types asked for, then -o, --output-all and -p. */
static void pick_columns(struct list_ctl *ctl)
{
	size_t ndefs;
	const int *defs = query_default_columns(ctl->q.types, &ndefs);

	memcpy(ctl->cols, defs, ndefs * sizeof(int));
	ctl->ro.ncols = ndefs;
	if (ctl->output)
		list_option(ctl->output, defs, ndefs, ctl->cols, &ctl->ro.ncols,
			    ARRAY_SIZE(ctl->cols));
	if (ctl->output_all) {
		for (int i = 0; i < COL_COUNT; i++)
			ctl->cols[i] = i;
		ctl->ro.ncols = COL_COUNT;
	}
	if (ctl->pids && !column_wanted(ctl->cols, ctl->ro.ncols, -1, COL_PIDS) &&
	    ctl->ro.ncols < ARRAY_SIZE(ctl->cols))
		ctl->cols[ctl->ro.ncols++] = COL_PIDS;
}

/* Reads /proc for the columns that need it, and only for those: a scan of
 * every process's maps for PIDS, and for ORIGKEY of removed segments. */
static int look_up_holders(struct list_ctl *ctl)
{
	const struct render_opts *ro = &ctl->ro;
	struct holders *h = &ctl->holders;

	if (holders_build(h, &ctl->segs,
			  holders_needed(ro->cols, ro->ncols, ctl->sort_col, &ctl->segs)) < 0) {
		warn("%s: cannot read /proc", cmdname);
		return -1;
	}
	if (ctl->verbose && h->scanned)
		warnx("%s: could not read the mappings of %zu of %zu processes", cmdname,
		      h->scan.unreadable, h->scan.processes);
	return 0;
}

/* collect -> filter -> holders -> sort -> render */
static int list(struct list_ctl *ctl)
{
	int rc = EXIT_OK;

	switch (query_run(&ctl->q, &ctl->segs)) {
	case -1:
		return EXIT_FAIL;
	case 1:
		rc = EXIT_FAIL;
	}
	if (render_shows_columns(ctl->ro.mode)) {
		if (look_up_holders(ctl) < 0)
			rc = EXIT_FAIL;
		ctl->ro.fmt.holders = &ctl->holders;
		ctl->ro.fmt.now = time(NULL);
		if (ctl->sort_col >= 0 || ctl->reverse)
			sort_segments(&ctl->segs, ctl->sort_col >= 0 ? ctl->sort_col : COL_SHMID,
				      ctl->reverse, &ctl->ro.fmt);
	}
	if (render_segments(&ctl->segs, &ctl->ro) < 0)
		rc = EXIT_FAIL;
	return rc;
}

static int run(int argc, char **argv)
{
	struct list_ctl ctl = {
		.q = { .cmd = cmdname },
		.ro = { .cmd = cmdname, .mode = OUT_TABLE, .fmt = { .time_format = TIME_SHORT } },
		.sort_col = -1,
	};
	int rc;

	ctl.ro.cols = ctl.cols;
	rc = parse_args(&ctl, argc, argv);
	if (rc == PARSE_GO) {
		check_args(&ctl, argc, argv);
		pick_columns(&ctl);
		rc = list(&ctl);
	}
	holders_free(&ctl.holders);
	seg_list_free(&ctl.segs);
	query_free(&ctl.q);
	return rc;
}

const struct shm_cmd cmd_list = {
	.name = "list",
	.alias = "ls",
	.run = run,
	.help = "list segments (the default command)",
};
