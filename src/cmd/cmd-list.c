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
#include "names.h"
#include "nsenter.h"
#include "nsrows.h"
#include "posix.h"
#include "render.h"
#include "sort.h"
#include "select.h"
#include "sysv.h"
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
	       " -a, --all-types          System V segments and POSIX objects\n"
	       " -A, --all-namespaces     every IPC namespace and every /dev/shm on the host\n\n"
	       "Filters (they combine):\n"
	       FILTER_HELP
	       "\n -h, --help               display this help\n\n"
	       "Default columns: KEY SHMID OWNER PERMS BYTES NATTCH STATUS;\n"
	       "with --posix: NAME OWNER PERMS BYTES CTIME;\n"
	       "with --all-types: TYPE KEY SHMID NAME OWNER PERMS BYTES NATTCH STATUS;\n"
	       "--all-namespaces adds IPCNS CONTAINER.\n"
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

enum seg_types { TYPES_SYSV = 1, TYPES_POSIX = 2, TYPES_ALL = 3 };

/* The rows of the types asked for: System V first, then POSIX by name.
 * 0; 1 after an error line when what was read still prints (malformed
 * lines left out, or the System V rows of --all-types without /dev/shm);
 * -1 after an error line when nothing could be read. */
static int collect(enum seg_types types, struct seg_list *segs, struct ns_scan *all_ns)
{
	struct list_report rep;
	const char *why;
	int rc = 0;

	if (all_ns)
		return nsrows_collect(all_ns, types & TYPES_SYSV, types & TYPES_POSIX, segs, cmdname);
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
		{ "all-namespaces", no_argument, NULL, 'A' },
		{ "pids", no_argument, NULL, 'p' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		FILTER_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int cols[COL_COUNT * 2];
	struct render_opts ro = { .mode = OUT_TABLE, .fmt = { .time_format = TIME_SHORT } };
	struct seg_filter filter = { 0 };
	struct seg_list segs = { 0 };
	enum seg_types types;
	const char *output = NULL; /* the last -o, parsed once the types are known */
	bool output_all = false, posix_only = false, all_types = false;
	struct holders holders = { 0 };
	struct shm_limits limits;
	bool pids = false, verbose = false, all_ns = false;
	struct ns_scan ns = { .self_fd = -1 };
	int sort_col = -1, reverse = 0, mode_set = 0, c, rc = EXIT_OK;

	memcpy(cols, default_columns, n_default_columns * sizeof(int));
	ro.cols = cols;
	ro.ncols = n_default_columns;

	while ((c = getopt_long(argc, argv, ":o:Jrenhs:HaApv" FILTER_SHORTOPTS, longopts,
				NULL)) != -1) {
		if (filter_option(&filter, c, optarg, cmdname))
			continue;
		switch (c) {
		case 'o':
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
		case 'a':
			all_types = true;
			break;
		case 'A':
			all_ns = true;
			break;
		case OPT_LIST_COLUMNS:
			list_columns();
			return EXIT_OK;
		case 'J':
			set_mode(&ro, OUT_JSON, &mode_set, "--json");
			break;
		case 'r':
			set_mode(&ro, OUT_RAW, &mode_set, "--raw");
			break;
		case 'e':
			set_mode(&ro, OUT_EXPORT, &mode_set, "--export");
			break;
		case 'n':
			ro.noheadings = true;
			break;
		case OPT_NOTRUNCATE:
			ro.notruncate = true;
			break;
		case 'H':
			ro.fmt.human = true;
			break;
		case OPT_TIME_FORMAT:
			ro.fmt.time_format = parse_time_format(optarg);
			break;
		case 's':
			sort_col = column_by_name(optarg, strlen(optarg));
			if (sort_col < 0)
				usage_error(cmdname, "unknown column '%s'; try '%s list --list-columns'",
					    optarg, program_invocation_short_name);
			break;
		case OPT_REVERSE:
			reverse = 1;
			break;
		case 'p':
			pids = true;
			break;
		case 'v':
			verbose = true;
			break;
		case OPT_FORMAT: {
			const char *opt;
			enum out_mode m = parse_format(optarg, &opt);
			set_mode(&ro, m, &mode_set, opt);
			break;
		}
		case 'h':
			usage();
			return EXIT_OK;
		default:
			bad_option(cmdname, c, argv);
		}
	}
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	if (filter.attached && filter.unattached)
		usage_error(cmdname, "--attached and --unattached are mutually exclusive");
	if (posix_only && all_types)
		usage_error(cmdname, "--posix and --all-types are mutually exclusive");
	if (all_ns && ns_entered())
		usage_error(cmdname, "-N and --all-namespaces are mutually exclusive");
	types = posix_only ? TYPES_POSIX : all_types ? TYPES_ALL : TYPES_SYSV;

	{
		const int *defs0 = posix_only ? default_columns_posix
				   : all_types ? default_columns_all : default_columns;
		size_t ndefs = posix_only ? n_default_columns_posix
			       : all_types ? n_default_columns_all : n_default_columns;
		int defs[COL_COUNT];

		/* -A: every row says whose it is */
		memcpy(defs, defs0, ndefs * sizeof(int));
		if (all_ns) {
			defs[ndefs++] = COL_IPCNS;
			defs[ndefs++] = COL_CONTAINER;
		}

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

	switch (collect(types, &segs, all_ns ? &ns : NULL)) {
	case 1:
		rc = EXIT_FAIL;
		break;
	case -1:
		ns_scan_free(&ns);
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
	ns_scan_free(&ns);
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
