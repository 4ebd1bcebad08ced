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

/* What one `list` asks for and what it found, from argv to the output. */
struct list_ctl {
	struct seg_query q;
	struct render_opts ro;
	int cols[COL_COUNT * 2];
	const char *output; /* the last -o, parsed once the types are known */
	const struct column_view *view; /* --view: these are the defaults */
	bool output_all, posix_only, all_types, all_ns, pids, verbose, list_cols, reverse;
	bool mode_set; /* an output mode was given: a second one must agree */
	int sort_col;
	struct seg_list segs;
	struct holders holders;
	struct ns_scan ns; /* under -A */
};

static opt_call_fn column_option, mode_option;

static const char *const time_formats[] = { [TIME_SHORT] = "short", [TIME_FULL] = "full",
					    [TIME_ISO] = "iso", [TIME_EPOCH] = "epoch", NULL };

#define LIST_TRUE(field) OPT_TRUE(struct list_ctl, field)

static const struct opt_desc options[] = {
	{ OPT_OUTPUT, 'o', "output", OPT_ARG, "<list>",
	  "columns to show; +<list> adds to the default", "Output:", OPT_CALL(column_option) },
	{ OPT_OUTPUT_ALL, 0, "output-all", OPT_NOARG, NULL, "show every column", NULL,
	  OPT_CALL(column_option) },
	{ OPT_VIEW, 0, "view", OPT_ARG, "<view>",
	  "the columns of an ipcs view: creators (ipcs -m -c),\ntimes (ipcs -m -t) or pids (ipcs -m -p)",
	  NULL, OPT_CALL(column_option) },
	{ OPT_LIST_COLUMNS, 0, "list-columns", OPT_NOARG, NULL,
	  "list the columns, [default] marking the defaults;\nwith -J as JSON", NULL,
	  LIST_TRUE(list_cols) },
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "JSON output", NULL, OPT_CALL(mode_option) },
	{ OPT_RAW, 'r', "raw", OPT_NOARG, NULL, "raw output, one line per segment", NULL,
	  OPT_CALL(mode_option) },
	{ OPT_EXPORT, 'e', "export", OPT_NOARG, NULL, "KEY=\"value\" pairs", NULL,
	  OPT_CALL(mode_option) },
	{ OPT_NOHEADINGS, 'n', "noheadings", OPT_NOARG, NULL, "no header line", NULL,
	  LIST_TRUE(ro.noheadings) },
	{ OPT_NOTRUNCATE, 0, "notruncate", OPT_NOARG, NULL, "never truncate a cell", NULL,
	  LIST_TRUE(ro.notruncate) },
	{ OPT_HUMAN, 'H', "human", OPT_NOARG, NULL, "sizes for humans (4K, 1.5M)", NULL,
	  LIST_TRUE(ro.fmt.human) },
	{ OPT_TIME_FORMAT, 0, "time-format", OPT_ARG, "<fmt>", "short, full, iso or epoch", NULL,
	  OPT_CHOICE(struct list_ctl, ro.fmt.time_format, time_formats) },
	{ OPT_SORT, 's', "sort", OPT_ARG, "<column>", "sort by a column", NULL,
	  OPT_CALL(column_option) },
	{ OPT_REVERSE, 0, "reverse", OPT_NOARG, NULL, "reverse the order", NULL,
	  LIST_TRUE(reverse) },
	{ OPT_PIDS, 'p', "pids", OPT_NOARG, NULL, "add the PIDS column (attached processes)", NULL,
	  LIST_TRUE(pids) },
	{ OPT_FORMAT, 0, "format", OPT_ARG, "<fmt>", "table, raw, export, json or openmetrics", NULL,
	  OPT_CALL(mode_option) },
	{ OPT_VERBOSE, 'v', "verbose", OPT_NOARG, NULL,
	  "say how many processes' mappings could not be read", NULL, LIST_TRUE(verbose) },
	{ OPT_POSIX, 0, "posix", OPT_NOARG, NULL, "POSIX objects (the files of /dev/shm) only",
	  "Which shared memory:", LIST_TRUE(posix_only) },
	{ OPT_ALL_TYPES, 'a', "all-types", OPT_NOARG, NULL, "System V segments and POSIX objects",
	  NULL, LIST_TRUE(all_types) },
	{ OPT_ALL_NAMESPACES, 'A', "all-namespaces", OPT_NOARG, NULL,
	  "every IPC namespace and every /dev/shm on the host", NULL, LIST_TRUE(all_ns) },
	FILTER_OPTIONS("Filters (they combine):", struct list_ctl, q.filter),
};

const struct cmd_options cmd_list_options = {
	CMD_OPTIONS(FILTER_EXCL, { { OPT_POSIX, OPT_ALL_TYPES } }),
	.usage = " %1$s list [options]\n\n"
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

/* -J, -r, -e and --format: one output mode, or the same one again. -J is
 * --format=json, and so on. */
static int mode_option(void *ctl_, int id, const char *arg, const char *cmd)
{
	static const char *const names[] = { "", "--raw", "--export", "--json",
					     "--format=openmetrics" };
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
	struct list_ctl *ctl = ctl_;
	size_t i = 0;

	arg = id == OPT_JSON ? "json" : id == OPT_RAW ? "raw" : id == OPT_EXPORT ? "export" : arg;
	while (i < ARRAY_SIZE(formats) && strcmp(arg, formats[i].name) != 0)
		i++;
	if (i == ARRAY_SIZE(formats))
		return usage_warn(cmd, "invalid format '%s': expected table, raw, export, json or "
				       "openmetrics", arg);
	if (ctl->mode_set && ctl->ro.mode != formats[i].mode)
		return usage_warn(cmd, "%s and %s are mutually exclusive", names[ctl->ro.mode],
				  formats[i].opt);
	ctl->ro.mode = formats[i].mode;
	ctl->mode_set = true;
	return 0;
}

/* -o, --output-all, --view and --sort: the columns. */
static int column_option(void *ctl_, int id, const char *arg, const char *cmd)
{
	struct list_ctl *ctl = ctl_;

	switch (id) {
	case OPT_OUTPUT:
	case OPT_OUTPUT_ALL:
		ctl->output = id == OPT_OUTPUT ? arg : NULL;
		ctl->output_all = id == OPT_OUTPUT_ALL;
		break;
	case OPT_VIEW:
		ctl->view = column_view_by_name(arg);
		if (!ctl->view)
			return usage_warn(cmd, "invalid view '%s': expected creators, times or pids",
					  arg);
		break;
	case OPT_SORT:
		ctl->sort_col = column_by_name(arg, strlen(arg));
		if (ctl->sort_col < 0)
			return usage_warn(cmd, "unknown column '%s'; try '%s list --list-columns'", arg,
					  program_invocation_short_name);
		break;
	}
	return 0;
}

/* What the options say together: the types asked for, or a usage error. */
static void check_args(struct list_ctl *ctl, struct opt_parser *op)
{
	opts_end(op);
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

int cmd_list(int argc, char **argv)
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
	rc = opts_parse(&op, &cmd_list_options, &ctl, argc, argv);
	if (rc == 0) {
		check_args(&ctl, &op);
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
