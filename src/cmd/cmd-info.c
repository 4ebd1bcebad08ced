/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <inttypes.h>
#include <libsmartcols.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "options.h"
#include "columns.h"
#include "nsenter.h"
#include "nsrows.h"
#include "posix.h"
#include "render-nsinfo.h"
#include "render.h"
#include "sysv.h"
#include "util.h"

static const char cmdname[] = "info";

enum { OPT_JSON = 1, OPT_RAW, OPT_NOHEADINGS, OPT_HUMAN, OPT_ALL_NAMESPACES };

/* What one `info` was asked for. */
struct info_args {
	struct nsinfo_opts o;
	bool all_ns;
};

static const struct opt_desc options[] = {
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL, "JSON output", "Options:",
	  OPT_TRUE(struct info_args, o.json) },
	{ OPT_RAW, 'r', "raw", OPT_NOARG, NULL, "raw output: DESCRIPTION last, as it is", NULL,
	  OPT_TRUE(struct info_args, o.raw) },
	{ OPT_NOHEADINGS, 'n', "noheadings", OPT_NOARG, NULL, "no header line", NULL,
	  OPT_TRUE(struct info_args, o.noheadings) },
	{ OPT_HUMAN, 'H', "human", OPT_NOARG, NULL, "sizes for humans (4K, 1.5M)", NULL,
	  OPT_TRUE(struct info_args, o.human) },
	{ OPT_ALL_NAMESPACES, 'A', "all-namespaces", OPT_NOARG, NULL,
	  "a row per IPC namespace, its segments and bytes\n"
	  "against its limits, and a row per /dev/shm, its\n"
	  "objects and use against its size", NULL, OPT_TRUE(struct info_args, all_ns) },
};

const struct cmd_options cmd_info_options = {
	CMD_OPTIONS({ { OPT_JSON, OPT_RAW } }),
	.usage = " %1$s info [options]\n\n"
		 "Show the System V shared memory limits and usage, and the size and use\n"
		 "of /dev/shm, where the POSIX shared memory objects live.\n",
};

/* One row of the table; has_* say which cells apply. */
struct info_row {
	const char *resource, *desc;
	int has_limit, has_used, is_bytes;
	uint64_t limit, used;
};

static double use_percent(uint64_t used, uint64_t limit)
{
	return limit ? (double)used * 100.0 / (double)limit : 0.0;
}

/* The LIMIT, USED and USE% cells of a row, "-" where they do not apply. */
struct info_cells {
	char limit_buf[CELL_BUF_SIZE], used_buf[CELL_BUF_SIZE], pct[32];
	const char *limit, *used;
};

static void row_cells(const struct info_row *r, int human, struct info_cells *c)
{
	c->limit = "-";
	if (r->has_limit)
		c->limit = human && r->is_bytes ? fmt_human_size(r->limit, c->limit_buf)
						: fmt_u64(r->limit, c->limit_buf + CELL_BUF_SIZE);
	c->used = "-";
	if (r->has_used)
		c->used = human && r->is_bytes ? fmt_human_size(r->used, c->used_buf)
					       : fmt_u64(r->used, c->used_buf + CELL_BUF_SIZE);
	strcpy(c->pct, "-");
	if (r->has_used && r->has_limit)
		snprintf(c->pct, sizeof(c->pct), "%.2f%%", use_percent(r->used, r->limit));
}

/* -r: the description last and as it is, so that a line reads as four
 * words and the rest; libsmartcols' raw mode would write its spaces as
 * \x20. Every label is ours: nothing here needs escaping. */
static int print_raw(const struct info_row *rows, size_t n, int noheadings, int human)
{
	if (!noheadings)
		puts("RESOURCE LIMIT USED USE% DESCRIPTION");
	for (size_t i = 0; i < n; i++) {
		struct info_cells c;

		row_cells(&rows[i], human, &c);
		printf("%s %s %s %s %s\n", rows[i].resource, c.limit, c.used, c.pct, rows[i].desc);
	}
	return 0;
}

static int print_table(const struct info_row *rows, size_t n, int noheadings, int human)
{
	struct libscols_table *tb = scols_new_table();
	static const char *const heads[] = { "RESOURCE", "DESCRIPTION", "LIMIT", "USED", "USE%" };
	int rc = -1;

	if (!tb)
		goto nomem;
	scols_table_enable_noheadings(tb, noheadings);
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++)
		if (!scols_table_new_column(tb, heads[i], 1, i >= 2 ? SCOLS_FL_RIGHT : 0))
			goto nomem;
	for (size_t i = 0; i < n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		struct info_cells c;

		if (!ln)
			goto nomem;
		row_cells(&rows[i], human, &c);
		if (scols_line_set_data(ln, 0, rows[i].resource) ||
		    scols_line_set_data(ln, 1, rows[i].desc) || scols_line_set_data(ln, 2, c.limit) ||
		    scols_line_set_data(ln, 3, c.used) || scols_line_set_data(ln, 4, c.pct))
			goto nomem;
	}
	scols_print_table(tb);
	rc = 0;
	goto out;
nomem:
	warnx("%s: cannot allocate the table", cmdname);
out:
	scols_unref_table(tb);
	return rc;
}

static int add_u64(cJSON *obj, const char *name, uint64_t v)
{
	char buf[CELL_BUF_SIZE];

	return cJSON_AddRawToObject(obj, name, fmt_u64(v, buf + sizeof(buf))) ? 0 : -1;
}

/* SHMALL in bytes: pages times the page size, exactly, as OpenMetrics
 * gives it. The kernel's default SHMALL (no limit) makes a number past 64
 * bits; ipcs -m -l -b clamps it to 64 bits instead, which is no limit of
 * the kernel's. */
static int add_total_bytes(cJSON *obj, const struct shm_limits *l)
{
	char buf[CELL_BUF_SIZE];

	return cJSON_AddRawToObject(obj, "total_bytes",
				    fmt_u64_product(l->shmall, l->page_size, buf)) ? 0 : -1;
}

/* /dev/shm: its size and use, or nothing known (posix->ok false). */
struct posix_fs {
	bool ok;
	uint64_t size, used;
};

static int add_u64_or_null(cJSON *obj, const char *name, bool known, uint64_t v)
{
	if (!known)
		return cJSON_AddNullToObject(obj, name) ? 0 : -1;
	return add_u64(obj, name, v);
}

static int add_posix_json(cJSON *lim, cJSON *use, const struct posix_fs *p)
{
	if (add_u64_or_null(lim, "posix_bytes", p->ok, p->size) ||
	    add_u64_or_null(use, "posix_bytes", p->ok, p->used))
		return -1;
	if (!p->ok)
		return cJSON_AddNullToObject(use, "posix_percent") ? 0 : -1;
	return cJSON_AddNumberToObject(use, "posix_percent", use_percent(p->used, p->size)) ? 0 : -1;
}

static int print_json_info(const struct shm_limits *l, const struct posix_fs *p)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *lim = cJSON_AddObjectToObject(root, "limits");
	cJSON *use = cJSON_AddObjectToObject(root, "usage");
	int rc = -1;

	if (!root || !lim || !use ||
	    add_u64(lim, "segments", l->shmmni) || add_u64(lim, "pages", l->shmall) ||
	    add_total_bytes(lim, l) ||
	    add_u64(lim, "segment_bytes_max", l->shmmax) ||
	    add_u64(lim, "segment_bytes_min", l->shmmin) ||
	    add_u64(lim, "page_size", l->page_size) ||
	    add_u64(use, "segments", l->used_ids) || add_u64(use, "pages", l->pages) ||
	    add_u64(use, "pages_resident", l->resident) ||
	    add_u64(use, "pages_swapped", l->swapped) ||
	    add_u64(use, "swap_attempts", l->swap_attempts) ||
	    add_u64(use, "swap_successes", l->swap_successes) ||
	    !cJSON_AddNumberToObject(use, "segments_percent", use_percent(l->used_ids, l->shmmni)) ||
	    !cJSON_AddNumberToObject(use, "pages_percent", use_percent(l->pages, l->shmall)) ||
	    add_posix_json(lim, use, p)) {
		warnx("%s: cannot allocate the JSON output", cmdname);
		goto out;
	}
	rc = print_json(root);
out:
	cJSON_Delete(root);
	return rc;
}

static int all_namespaces(const struct nsinfo_opts *o)
{
	struct ns_scan s;
	struct ns_usage *u;
	struct shm_usage *m;
	int rc = nsrows_usage(&s, &u, &m, cmdname);

	if (rc >= 0 && render_nsinfo(&s, u, m, o) < 0)
		rc = -1;
	free(u);
	free(m);
	ns_scan_free(&s);
	return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_info(int argc, char **argv)
{
	struct info_args a = { { 0 } };
	const struct nsinfo_opts *o = &a.o;
	int rc = EXIT_OK;
	struct shm_limits l;
	struct posix_fs p = { 0 };
	const char *why;
	struct opt_parser op;

	if ((rc = opts_parse(&op, &cmd_info_options, &a, argc, argv)) != 0)
		return rc;
	opts_end(&op);
	if (a.all_ns) {
		if (ns_entered())
			usage_error(cmdname, "-N and --all-namespaces are mutually exclusive");
		return all_namespaces(o);
	}
	if (sysv_limits(&l) < 0) {
		warn("%s: cannot read the shared memory limits", cmdname);
		return EXIT_FAIL;
	}
	/* without /dev/shm the System V rows still print: an error line, exit 1 */
	if (posix_dir_check(&why) < 0) {
		warnx("%s: %s: %s", cmdname, POSIX_SHM_DIR, why);
		rc = EXIT_FAIL;
	} else if (posix_fs_usage(&p.size, &p.used) < 0) {
		warn("%s: %s", cmdname, POSIX_SHM_DIR);
		rc = EXIT_FAIL;
	} else {
		p.ok = true;
	}
	if (o->json)
		return print_json_info(&l, &p) < 0 ? EXIT_FAIL : rc;

	const struct info_row rows[] = {
		{ "SHMMNI", "Shared memory segments", 1, 1, 0, l.shmmni, l.used_ids },
		{ "SHMALL", "Shared memory pages", 1, 1, 0, l.shmall, l.pages },
		{ "SHMMAX", "Max size of shared memory segment (bytes)", 1, 0, 1, l.shmmax, 0 },
		{ "SHMMIN", "Min size of shared memory segment (bytes)", 1, 0, 1, l.shmmin, 0 },
		{ "RESIDENT", "Shared memory pages resident", 0, 1, 0, 0, l.resident },
		{ "SWAPPED", "Shared memory pages swapped", 0, 1, 0, 0, l.swapped },
		{ "POSIX", "POSIX shared memory bytes (/dev/shm)", 1, 1, 1, p.size, p.used },
	};
	/* the POSIX row only when /dev/shm could be read */
	size_t nrows = ARRAY_SIZE(rows) - !p.ok;
	if (o->raw)
		return print_raw(rows, nrows, o->noheadings, o->human) < 0 ? EXIT_FAIL : rc;
	return print_table(rows, nrows, o->noheadings, o->human) < 0 ? EXIT_FAIL : rc;
}
