/* SPDX-License-Identifier: GPL-2.0-or-later */
/* show: one segment or object as a vertical record, as `ipcs -m -i ID`
 * and `lsipc -m -i ID` print one: every column, the processes attached
 * with their command lines, the attach history, and what rm would do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cJSON.h>

#include "cmd.h"
#include "columns.h"
#include "holders.h"
#include "options.h"
#include "procfs.h"
#include "query.h"
#include "render.h"
#include "rm-verdict.h"
#include "shown.h"
#include "sysv.h"
#include "util.h"

static const char cmdname[] = "show";

/* What one `show` was asked for. */
struct show_args {
	struct selector sel;
	bool json, human;
};

enum { OPT_JSON = SELECTOR_OPT_END, OPT_HUMAN };

static const struct opt_desc options[] = {
	SELECTOR_OPTIONS(struct show_args, sel),
	{ OPT_JSON, 'J', "json", OPT_NOARG, NULL,
	  "the object list -J --output-all gives for it", NULL, OPT_TRUE(struct show_args, json) },
	{ OPT_HUMAN, 'H', "human", OPT_NOARG, NULL, "sizes for humans (4K, 1.5M)", NULL,
	  OPT_TRUE(struct show_args, human) },
};

const struct cmd_options cmd_show_options = {
	CMD_OPTIONS(SELECTOR_EXCL),
	.usage = " %1$s show <shmid> [options]\n"
		 " %1$s show -k <key> [options]\n"
		 " %1$s show /<name> [options]\n\n"
		 "Show one System V segment or POSIX object as a record: every column,\n"
		 "the processes attached with their command lines, the attach history,\n"
		 "and what 'rm' would do to it and why.\n",
	.negative_what = "shmid",
	.negative_why = "expected a non-negative decimal number",
};

/* The history has a section of its own, and PIDS one line per process. */
static bool in_main_section(int col)
{
	return col != COL_PIDS && col != COL_LPID && col != COL_ATIME && col != COL_DTIME;
}

/* The label column: "Processes:" and a space. */
#define LABEL_WIDTH 11

static void print_field(const struct shm_seg *s, int col, const struct fmt_opts *fo,
			const char *indent)
{
	char buf[CELL_BUF_SIZE], label[16];
	const char *text = column_text(s, col, fo, buf);

	snprintf(label, sizeof(label), "%s:", columns[col].name);
	printf("%s%-*s%s\n", indent, LABEL_WIDTH - (int)strlen(indent), label,
	       text && *text ? shown(text) : "-");
}

/* "  1234 (app) ./app --serve": who is attached, one line each. */
static void print_processes(const struct shm_seg *s, const struct holders *h, size_t *natt)
{
	const struct seg_side *side = holders_find(h, s);

	*natt = side ? side->natt : 0;
	if (!h->scanned) {
		printf("%-*sunknown: /proc could not be read\n", LABEL_WIDTH, "Processes:");
		return;
	}
	printf("%-*s%zu %s\n", LABEL_WIDTH, "Processes:", *natt, seg_is_posix(s) ? "mapping it" : "attached");
	for (size_t i = 0; i < *natt; i++) {
		const struct proc_att *a = &side->att[i];
		char *cmdline = proc_cmdline(a->pid);

		printf("  %d (%s)", (int)a->pid, a->comm[0] ? shown(a->comm) : "?");
		if (cmdline)
			printf(" %s", shown(cmdline));
		putchar('\n');
		free(cmdline);
	}
}

static void print_record(const struct shm_seg *s, const struct holders *h, bool human)
{
	const struct fmt_opts fo = { .human = human, .time_format = TIME_FULL,
				     .now = time(NULL), .holders = h };
	char verdict[256];
	size_t natt;

	for (int c = 0; c < COL_COUNT; c++)
		if (in_main_section(c))
			print_field(s, c, &fo, "");
	print_processes(s, h, &natt);
	printf("Attach history:\n");
	print_field(s, COL_LPID, &fo, "  ");
	print_field(s, COL_ATIME, &fo, "  ");
	print_field(s, COL_DTIME, &fo, "  ");
	rm_verdict(s, natt, verdict, sizeof(verdict));
	printf("%-*s%s\n", LABEL_WIDTH, "rm:", verdict);
}

/* The row list shows for it, /proc's fields (RSS, SWAP) included: the
 * lookup's stat alone has not got them. 0, or EXIT_FAIL after the query's
 * error line when it went in between. */
static int list_row(const struct shm_seg *found, struct seg_list *out)
{
	struct seg_query q = { .cmd = cmdname, .need = SYSV_PROC_ONLY_FIELDS };
	char id[16];
	size_t n = 0;
	int rc;

	q.types = seg_is_posix(found) ? TYPES_POSIX : TYPES_SYSV;
	snprintf(id, sizeof(id), "%d", (int)found->shmid);
	if (!seg_is_posix(found))
		filter_option(&q.filter, FILTER_OPT_ID, id, cmdname);
	rc = query_run(&q, out);
	for (size_t i = 0; i < out->n; i++)
		if (seg_is_posix(found) ? strcmp(out->v[i].name, found->name) == 0
					: out->v[i].shmid == found->shmid)
			out->v[n++] = out->v[i];
	out->n = n;
	query_free(&q);
	if (n == 0 && rc == 0 && seg_is_posix(found))
		warnx("%s: %s: no such object", cmdname, shown(found->name));
	return n == 1 ? 0 : EXIT_FAIL;
}

static int show(const struct shm_seg *s, bool json, bool human)
{
	struct seg_list one = { .v = (struct shm_seg *)s, .n = 1, .cap = 1 };
	int cols[COL_COUNT];
	struct holders h;
	int rc = EXIT_OK;

	/* every column, in list --output-all's order */
	for (int c = 0; c < COL_COUNT; c++)
		cols[c] = c;
	if (json) {
		struct cJSON *obj = segment_json(s, cols, COL_COUNT);

		if (!obj)
			errx(EXIT_FAIL, "%s: cannot allocate the JSON output", cmdname);
		rc = print_json(obj) < 0 ? EXIT_FAIL : EXIT_OK;
		cJSON_Delete(obj);
		return rc;
	}
	if (holders_build(&h, &one, holders_needed(cols, COL_COUNT, -1, &one)) < 0)
		warn("%s: cannot read /proc", cmdname);
	print_record(s, &h, human);
	holders_free(&h);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	struct show_args a = { { 0 } };
	struct seg_list row = { 0 };
	struct opt_parser op;
	struct shm_seg seg;
	int rc;

	if ((rc = opts_parse(&op, &cmd_show_options, &a, argc, argv)) != 0)
		return rc;
	selector_end(&op, &a.sel, NULL);
	selector_resolve(cmdname, &a.sel, &seg);
	rc = list_row(&seg, &row);
	if (rc == 0)
		rc = show(&row.v[0], a.json, a.human);
	seg_list_free(&row);
	return rc;
}
