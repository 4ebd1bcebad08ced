/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd.h"
#include "options.h"
#include "columns.h"
#include "holders.h"
#include "names.h"
#include "posix.h"
#include "render.h"
#include "sort.h"
#include "select.h"
#include "sysv.h"
#include "util.h"

static const char cmdname[] = "list";

static void list_columns(void)
{
	for (int i = 0; i < COL_COUNT; i++)
		printf("%-8s %s\n", columns[i].name, columns[i].help);
}

enum {
	OPT_OUTPUT = FILTER_OPT_END,
	OPT_OUTPUT_ALL,
	OPT_LIST_COLUMNS,
	OPT_JSON,
	OPT_RAW,
	OPT_EXPORT,
	OPT_NOHEADINGS,
	OPT_NOTRUNCATE,
	OPT_HUMAN,
	OPT_TIME_FORMAT,
	OPT_SORT,
	OPT_REVERSE,
	OPT_PIDS,
	OPT_FORMAT,
	OPT_VERBOSE,
	OPT_POSIX,
	OPT_ALL_TYPES,
};

static const struct opt_desc options[] = {
	{ OPT_OUTPUT, 'o', "output", OPT_ARG, "<list>",
	  "columns to show; +<list> adds to the default", "Output:" },
	{ OPT_OUTPUT_ALL, 0, "output-all", OPT_NOARG, NULL, "show every column", NULL },
	{ OPT_LIST_COLUMNS, 0, "list-columns", OPT_NOARG, NULL,
	  "list the column names with a description", NULL },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "JSON output", NULL },
	{ OPT_RAW, 'r', "raw", OPT_NOARG, NULL, "raw output, one line per segment", NULL },
	{ OPT_EXPORT, 'e', "export", OPT_NOARG, NULL, "KEY=\"value\" pairs", NULL },
	{ OPT_NOHEADINGS, 'n', "noheadings", OPT_NOARG, NULL, "no header line", NULL },
	{ OPT_NOTRUNCATE, 0, "notruncate", OPT_NOARG, NULL, "never truncate a cell", NULL },
	{ OPT_HUMAN, 'H', "human", OPT_NOARG, NULL, "sizes for humans (4K, 1.5M)", NULL },
	{ OPT_TIME_FORMAT, 0, "time-format", OPT_ARG, "<fmt>", "short, full, iso or epoch", NULL },
	{ OPT_SORT, 's', "sort", OPT_ARG, "<column>", "sort by a column", NULL },
	{ OPT_REVERSE, 0, "reverse", OPT_NOARG, NULL, "reverse the order", NULL },
	{ OPT_PIDS, 'p', "pids", OPT_NOARG, NULL, "add the PIDS column (attached processes)", NULL },
	{ OPT_FORMAT, 0, "format", OPT_ARG, "<fmt>", "table, raw, export, json or openmetrics", NULL },
	{ OPT_VERBOSE, 'v', "verbose", OPT_NOARG, NULL,
	  "say how many processes' mappings could not be read", NULL },
	{ OPT_POSIX, 0, "posix", OPT_NOARG, NULL, "POSIX objects (the files of /dev/shm) only",
	  "Which shared memory:" },
	{ OPT_ALL_TYPES, 'a', "all-types", OPT_NOARG, NULL, "System V segments and POSIX objects",
	  NULL },
	FILTER_OPTIONS("Filters (they combine):"),
};

static const struct opt_excl exclusive[] = {
	FILTER_EXCL,
	{ { OPT_POSIX, OPT_ALL_TYPES } },
};

static const struct cmd_options spec = {
	.cmd = cmdname,
	.usage = "Usage:\n"
		 " %1$s list [options]\n\n"
		 "List System V shared memory segments, POSIX shared memory objects\n"
		 "(--posix), or both (--all-types).\n",
	.footer = "Default columns: KEY SHMID OWNER PERMS BYTES NATTCH STATUS;\n"
		  "with --posix: NAME OWNER PERMS BYTES CTIME;\n"
		  "with --all-types: TYPE KEY SHMID NAME OWNER PERMS BYTES NATTCH STATUS.\n"
		  "Columns only System V has are empty for POSIX objects, and NAME for\n"
		  "segments; a POSIX object's CTIME is its file's status change time and\n"
		  "its RSS the memory its file holds (st_blocks).\n"
		  "Run '%1$s list --list-columns' for every column.\n",
	.opts = OPTS(options),
	.excl = OPTS(exclusive),
};

enum seg_types { TYPES_SYSV = 1, TYPES_POSIX = 2, TYPES_ALL = 3 };

/* The rows of the types asked for: System V first, then POSIX by name.
 * 0; 1 after an error line when what was read still prints (malformed
 * lines left out, or the System V rows of --all-types without /dev/shm);
 * -1 after an error line when nothing could be read. */
static int collect(enum seg_types types, struct seg_list *segs)
{
	struct list_report rep;
	const char *why;
	int rc = 0;

	if (types & TYPES_SYSV) {
		if (sysv_list(segs, &rep) < 0) {
			warn("%s: cannot read the segment list", cmdname);
			return -1;
		}
		if (rep.skipped) {
			warnx("%s: %s: skipped %zu malformed line%s", cmdname, rep.source,
			      rep.skipped, rep.skipped == 1 ? "" : "s");
			rc = 1;
		}
	}
	if (!(types & TYPES_POSIX))
		return rc;
	if (posix_dir_check(&why) < 0) {
		warnx("%s: %s: %s", cmdname, POSIX_SHM_DIR, why);
		return types == TYPES_ALL ? 1 : -1;
	}
	if (posix_list(segs) < 0) {
		warn("%s: %s", cmdname, POSIX_SHM_DIR);
		return types == TYPES_ALL ? 1 : -1;
	}
	return rc;
}

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

/* Reads /proc for the columns that need it, and only for those: a scan of
 * every process's maps for PIDS, and for ORIGKEY of removed segments. */
static int look_up_holders(struct holders *h, const struct seg_list *l, const int *cols,
			   size_t ncols, int sort_col, bool verbose)
{
	if (holders_build(h, l, holders_needed(cols, ncols, sort_col, l)) < 0) {
		warn("%s: cannot read /proc", cmdname);
		return -1;
	}
	if (verbose && h->scanned)
		warnx("%s: could not read the mappings of %zu of %zu processes", cmdname,
		      h->scan.unreadable, h->scan.processes);
	return 0;
}

static int run(int argc, char **argv)
{
	int cols[COL_COUNT * 2];
	struct render_opts ro = { .mode = OUT_TABLE, .fmt = { .time_format = TIME_SHORT } };
	struct seg_filter filter = { 0 };
	struct seg_list segs = { 0 };
	enum seg_types types;
	const char *output = NULL; /* the last -o, parsed once the types are known */
	bool output_all = false, posix_only = false, all_types = false;
	struct holders holders = { 0 };
	struct shm_limits limits;
	bool pids = false, verbose = false;
	int sort_col = -1, reverse = 0, mode_set = 0, c, rc = EXIT_OK;
	struct opt_parser op;

	memcpy(cols, default_columns, n_default_columns * sizeof(int));
	ro.cols = cols;
	ro.ncols = n_default_columns;

	opts_start(&op, &spec, argc, argv);
	while ((c = opts_next(&op)) != -1) {
		if (filter_option(&filter, c, optarg, cmdname))
			continue;
		switch (c) {
		case OPT_OUTPUT:
			output = optarg;
			output_all = false;
			break;
		case OPT_OUTPUT_ALL:
			output = NULL;
			output_all = true;
			break;
		case OPT_POSIX:
			posix_only = true;
			break;
		case OPT_ALL_TYPES:
			all_types = true;
			break;
		case OPT_LIST_COLUMNS:
			list_columns();
			return EXIT_OK;
		case OPT_JSON:
			set_mode(&ro, OUT_JSON, &mode_set, "--json");
			break;
		case OPT_RAW:
			set_mode(&ro, OUT_RAW, &mode_set, "--raw");
			break;
		case OPT_EXPORT:
			set_mode(&ro, OUT_EXPORT, &mode_set, "--export");
			break;
		case OPT_NOHEADINGS:
			ro.noheadings = true;
			break;
		case OPT_NOTRUNCATE:
			ro.notruncate = true;
			break;
		case OPT_HUMAN:
			ro.fmt.human = true;
			break;
		case OPT_TIME_FORMAT:
			ro.fmt.time_format = parse_time_format(optarg);
			break;
		case OPT_SORT:
			sort_col = column_by_name(optarg, strlen(optarg));
			if (sort_col < 0)
				usage_error(cmdname, "unknown column '%s'; try '%s list --list-columns'",
					    optarg, program_invocation_short_name);
			break;
		case OPT_REVERSE:
			reverse = 1;
			break;
		case OPT_PIDS:
			pids = true;
			break;
		case OPT_VERBOSE:
			verbose = true;
			break;
		case OPT_FORMAT: {
			const char *opt;
			enum out_mode m = parse_format(optarg, &opt);
			set_mode(&ro, m, &mode_set, opt);
			break;
		}
		}
	}
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	opts_exclusive(&op);
	types = posix_only ? TYPES_POSIX : all_types ? TYPES_ALL : TYPES_SYSV;

	{
		const int *defs = posix_only ? default_columns_posix
				  : all_types ? default_columns_all : default_columns;
		size_t ndefs = posix_only ? n_default_columns_posix
			       : all_types ? n_default_columns_all : n_default_columns;

		memcpy(cols, defs, ndefs * sizeof(int));
		ro.ncols = ndefs;
		if (output)
			list_option(output, defs, ndefs, cols, &ro.ncols, ARRAY_SIZE(cols));
	}
	if (output_all) {
		for (int i = 0; i < COL_COUNT; i++)
			cols[i] = i;
		ro.ncols = COL_COUNT;
	}

	switch (collect(types, &segs)) {
	case 1:
		rc = EXIT_FAIL;
		break;
	case -1:
		seg_list_free(&segs);
		filter_free(&filter);
		posix_names_free();
		return EXIT_FAIL;
	}
	if (filter_apply(&filter, &segs, cmdname))
		rc = EXIT_FAIL;
	if (ro.mode == OUT_OPENMETRICS) {
		bool have_limits = sysv_limits(&limits) == 0;

		if (!have_limits) {
			warn("%s: cannot read the shared memory limits", cmdname);
			rc = EXIT_FAIL;
		}
		if (render_metrics(&segs, have_limits ? &limits : NULL) < 0)
			rc = EXIT_FAIL;
		goto out;
	}
	if (pids && !column_wanted(cols, ro.ncols, -1, COL_PIDS) && ro.ncols < ARRAY_SIZE(cols))
		cols[ro.ncols++] = COL_PIDS;
	if (look_up_holders(&holders, &segs, cols, ro.ncols, sort_col, verbose) < 0)
		rc = EXIT_FAIL;
	ro.fmt.holders = &holders;
	ro.fmt.now = time(NULL);
	if (sort_col >= 0 || reverse)
		sort_segments(&segs, sort_col >= 0 ? sort_col : COL_SHMID, reverse, &ro.fmt);

	if ((ro.mode == OUT_JSON ? render_json(&segs, &ro) : render_table(&segs, &ro)) < 0)
		rc = EXIT_FAIL;
out:
	holders_free(&holders);
	seg_list_free(&segs);
	filter_free(&filter);
	names_free();
	posix_names_free();
	return rc;
}

const struct shm_cmd cmd_list = {
	.name = "list",
	.alias = "ls",
	.run = run,
	.help = "list segments (the default command)",
};
