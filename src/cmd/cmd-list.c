/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd.h"
#include "column-list.h"
#include "options.h"
#include "columns.h"
#include "holders.h"
#include "nsenter.h"
#include "nsscan.h"
#include "query.h"
#include "render.h"
#include "sort.h"
#include "sysv.h"
#include "select.h"
#include "util.h"

static const char cmdname[] = "list";

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
	OPT_VIEW,
	OPT_ALL_NAMESPACES,
};

static const struct opt_desc options[] = {
	{ OPT_OUTPUT, 'o', "output", OPT_ARG, "<list>",
	  "columns to show; +<list> adds to the default", "Output:" },
	{ OPT_OUTPUT_ALL, 0, "output-all", OPT_NOARG, NULL, "show every column", NULL },
	{ OPT_VIEW, 0, "view", OPT_ARG, "<view>",
	  "the columns of an ipcs view: creators (ipcs -m -c),\ntimes (ipcs -m -t) or pids (ipcs -m -p)", NULL },
	{ OPT_LIST_COLUMNS, 0, "list-columns", OPT_NOARG, NULL,
	  "list the columns, [default] marking the defaults;\nwith -J as JSON", NULL },
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
	{ OPT_ALL_NAMESPACES, 'A', "all-namespaces", OPT_NOARG, NULL,
	  "every IPC namespace and every /dev/shm on the host", NULL },
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
		  "with --all-types: TYPE KEY SHMID NAME OWNER PERMS BYTES NATTCH STATUS;\n"
		  "--all-namespaces adds IPCNS CONTAINER.\n"
		  "Columns only System V has are empty for POSIX objects, and NAME for\n"
		  "segments; a POSIX object's CTIME is its file's status change time and\n"
		  "its RSS the memory its file holds (st_blocks).\n"
		  "-o and -s also take lsipc's names ID, SIZE, ATTACH and DETACH.\n"
		  "Views: creators: SHMID PERMS CUSER CGROUP USER GROUP;\n"
		  "times: SHMID OWNER ATIME DTIME CTIME; pids: SHMID OWNER CPID LPID.\n"
		  "Run '%1$s list --list-columns' for every column.\n",
	.opts = OPTS(options),
	.excl = OPTS(exclusive),
};

/* The fields of a segment the output reads that only /proc has: without
 * them, sysv_list takes its faster path. The filters read none of them. */
static uint32_t proc_fields_needed(const struct render_opts *ro, int sort_col)
{
	uint32_t need = 0;

	if (ro->mode == OUT_OPENMETRICS)
		return SYSV_PROC_ONLY_FIELDS;
	if (column_wanted(ro->cols, ro->ncols, sort_col, COL_RSS))
		need |= SF_BIT(SF_RSS);
	if (column_wanted(ro->cols, ro->ncols, sort_col, COL_SWAP))
		need |= SF_BIT(SF_SWAP);
	return need;
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

/* What one `list` asks for and what it found, from argv to the output. */
struct list_ctl {
	struct seg_query q;
	struct render_opts ro;
	int cols[COL_COUNT * 2];
	const char *output; /* the last -o, parsed once the types are known */
	const struct column_view *view; /* --view: these are the defaults */
	bool output_all, posix_only, all_types, all_ns, pids, verbose, list_cols;
	int sort_col, reverse, mode_set;
	struct seg_list segs;
	struct holders holders;
	struct ns_scan ns; /* under -A */
};

/* parse_args: go on with the query; any other value is the exit status. */
enum { PARSE_GO = -1 };

/* The options that choose how the rows are shown. */
static void output_option(struct render_opts *ro, int *mode_set, int c)
{
	switch (c) {
	case OPT_JSON:
		set_mode(ro, OUT_JSON, mode_set, "--json");
		break;
	case OPT_RAW:
		set_mode(ro, OUT_RAW, mode_set, "--raw");
		break;
	case OPT_EXPORT:
		set_mode(ro, OUT_EXPORT, mode_set, "--export");
		break;
	case OPT_NOHEADINGS:
		ro->noheadings = true;
		break;
	case OPT_NOTRUNCATE:
		ro->notruncate = true;
		break;
	case OPT_HUMAN:
		ro->fmt.human = true;
		break;
	case OPT_TIME_FORMAT:
		ro->fmt.time_format = parse_time_format(optarg);
		break;
	case OPT_FORMAT: {
		const char *opt;
		enum out_mode m = parse_format(optarg, &opt);
		set_mode(ro, m, mode_set, opt);
		break;
	}
	}
}

static int parse_args(struct list_ctl *ctl, struct opt_parser *op, int argc, char **argv)
{
	int c, rc;

	opts_start(op, &spec, argc, argv);
	while ((c = opts_next(op)) != -1) {
		if (filter_takes(c)) {
			if ((rc = filter_option(&ctl->q.filter, c, optarg, cmdname)) != 0)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_OUTPUT:
			ctl->output = optarg;
			ctl->output_all = false;
			break;
		case OPT_OUTPUT_ALL:
			ctl->output = NULL;
			ctl->output_all = true;
			break;
		case OPT_VIEW:
			ctl->view = column_view_by_name(optarg);
			if (!ctl->view)
				usage_error(cmdname, "invalid view '%s': expected creators, times or pids",
					    optarg);
			break;
		case OPT_POSIX:
			ctl->posix_only = true;
			break;
		case OPT_ALL_TYPES:
			ctl->all_types = true;
			break;
		case OPT_ALL_NAMESPACES:
			ctl->all_ns = true;
			break;
		case OPT_LIST_COLUMNS:
			ctl->list_cols = true;
			break;
		case OPT_SORT:
			ctl->sort_col = column_by_name(optarg, strlen(optarg));
			if (ctl->sort_col < 0)
				usage_error(cmdname, "unknown column '%s'; try '%s list --list-columns'",
					    optarg, program_invocation_short_name);
			break;
		case OPT_REVERSE:
			ctl->reverse = 1;
			break;
		case OPT_PIDS:
			ctl->pids = true;
			break;
		case OPT_VERBOSE:
			ctl->verbose = true;
			break;
		default:
			output_option(&ctl->ro, &ctl->mode_set, c);
		}
	}
	return PARSE_GO;
}

/* What the options say together: the types asked for, or a usage error. */
static void check_args(struct list_ctl *ctl, struct opt_parser *op, int argc, char **argv)
{
	if (optind < argc)
		extra_operand(cmdname, argv[optind]);
	opts_exclusive(op);
	ctl->q.types = ctl->posix_only ? TYPES_POSIX : ctl->all_types ? TYPES_ALL : TYPES_SYSV;
	if (ctl->all_ns && ns_entered())
		usage_error(cmdname, "-N and --all-namespaces are mutually exclusive");
	if (ctl->all_ns) {
		ctl->q.all_ns = &ctl->ns;
		ctl->ro.all_ns = &ctl->ns;
	}
}

/* The default columns of the types asked for into defs (COL_COUNT of
 * them); how many. -A: every row says whose it is. */
static size_t list_defaults(const struct list_ctl *ctl, int *defs)
{
	size_t ndefs;
	const int *types_defs = query_default_columns(ctl->q.types, &ndefs);

	if (ctl->view) {
		types_defs = ctl->view->cols;
		ndefs = ctl->view->ncols;
	}
	memcpy(defs, types_defs, ndefs * sizeof(int));
	if (ctl->all_ns) {
		defs[ndefs++] = COL_IPCNS;
		defs[ndefs++] = COL_CONTAINER;
	}
	return ndefs;
}

/* --list-columns, after every option: -J and the defaults (-A's too) apply. */
static int list_columns(const struct list_ctl *ctl)
{
	int defs[COL_COUNT];
	size_t ndefs = list_defaults(ctl, defs);

	return print_column_list(defs, ndefs, ctl->ro.mode == OUT_JSON) < 0 ? EXIT_FAIL : EXIT_OK;
}

/* The defaults of the types asked for or of --view, then -o (+LIST adds
 * to the view), --output-all and -p. */
static void pick_columns(struct list_ctl *ctl)
{
	int defs[COL_COUNT];
	size_t ndefs = list_defaults(ctl, defs);

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
	/* a PIDS cell marked incomplete is never without a word */
	if (h->scanned && h->incomplete && column_wanted(ro->cols, ro->ncols, -1, COL_PIDS))
		warnx("%s: could not read the mappings of %zu of %zu processes (%s): PIDS "
		      "ending in ? may miss some", cmdname, h->scan.unreadable_others,
		      h->scan.processes, strerror(h->scan.unreadable_errno));
	else if (ctl->verbose && h->scanned)
		warnx("%s: could not read the mappings of %zu of %zu processes", cmdname,
		      h->scan.unreadable, h->scan.processes);
	return 0;
}

/* collect -> filter -> holders -> sort -> render */
static int list(struct list_ctl *ctl)
{
	int rc = EXIT_OK;

	ctl->q.need = proc_fields_needed(&ctl->ro, ctl->sort_col);
	switch (query_run(&ctl->q, &ctl->segs)) {
	case -1:
		return EXIT_FAIL;
	case 1:
		rc = EXIT_FAIL;
	}
	/* an empty table still prints its header, but after an error line
	 * that lists nothing the error is the whole answer */
	if (rc != EXIT_OK && ctl->segs.n == 0 &&
	    (ctl->ro.mode == OUT_TABLE || ctl->ro.mode == OUT_RAW))
		return rc;
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
		.ns = { .self_fd = -1 },
	};
	struct opt_parser op;
	int rc;

	ctl.ro.cols = ctl.cols;
	rc = parse_args(&ctl, &op, argc, argv);
	if (rc == PARSE_GO) {
		check_args(&ctl, &op, argc, argv);
		if (ctl.list_cols) {
			rc = list_columns(&ctl);
		} else {
			pick_columns(&ctl);
			rc = list(&ctl);
		}
	}
	holders_free(&ctl.holders);
	seg_list_free(&ctl.segs);
	query_free(&ctl.q);
	ns_scan_free(&ctl.ns);
	return rc;
}

const struct shm_cmd cmd_list = {
	.name = "list",
	.alias = "ls",
	.run = run,
	.help = "list segments (the default command)",
	.options = &spec,
};
