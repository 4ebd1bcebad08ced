/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The column table's names: ours, lsipc -m's aliases, -o lists. Prints TAP. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "columns.h"
#include "tap.h"

static void named(const char *name, int want)
{
	int got = column_by_name(name, strlen(name));

	ok(got == want, "column_by_name(\"%s\") = %d (got %d)", name, want, got);
}

/* Every column of lsipc -m (util-linux 2.38: lsipc --help) names one of ours. */
static void test_lsipc_names(void)
{
/* an lsipc column that has our column's name */
#define SAME(c) { #c, COL_##c }
	static const struct {
		const char *lsipc;
		int ours;
	} m[] = {
		SAME(KEY), SAME(OWNER), SAME(PERMS), SAME(CUID), SAME(CUSER), SAME(CGID),
		SAME(CGROUP), SAME(UID), SAME(USER), SAME(GID), SAME(GROUP), SAME(CTIME),
		SAME(NATTCH), SAME(STATUS), SAME(COMMAND), SAME(CPID), SAME(LPID),
		/* lsipc's own names, our aliases */
		{ "ID", COL_SHMID }, { "SIZE", COL_BYTES }, { "ATTACH", COL_ATIME }, { "DETACH", COL_DTIME },
	};
#undef SAME

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		named(m[i].lsipc, m[i].ours);
	named("id", COL_SHMID);
	named("Size", COL_BYTES);
	named("attach", COL_ATIME);
	named("dEtAcH", COL_DTIME);
}

static void test_names(void)
{
	for (int i = 0; i < COL_COUNT; i++)
		named(columns[i].name, i);
	named("shmid", COL_SHMID);
	named("", -1);
	named("IDS", -1);
	named("SIZ", -1);
	named("ATTACHED", -1);
	/* a prefix of a longer name is not that name */
	ok(column_by_name("SIZE,X", 4) == COL_BYTES, "the length bounds the name");
	ok(column_by_name("IDX", 2) == COL_SHMID, "the length bounds an alias");
	/* no alias shadows or repeats a column name */
	for (size_t i = 0; i < n_column_aliases; i++) {
		const char *a = column_aliases[i].name;
		int clash = 0;

		for (int c = 0; c < COL_COUNT; c++)
			clash |= strcasecmp(columns[c].name, a) == 0;
		ok(!clash, "alias %s is no column's name", a);
	}
}

static void test_list(void)
{
	int cols[COL_COUNT * 2];
	size_t n = 0;
	char bad[32];

	ok(parse_column_list("ID,SIZE,ATTACH,DETACH", cols, &n, COL_COUNT, bad, sizeof(bad)) == 0 &&
		   n == 4 && cols[0] == COL_SHMID && cols[1] == COL_BYTES && cols[2] == COL_ATIME &&
		   cols[3] == COL_DTIME,
	   "-o ID,SIZE,ATTACH,DETACH");
	ok(parse_column_list("+size", cols, &n, COL_COUNT * 2, bad, sizeof(bad)) == 0 &&
		   n == n_default_columns + 1 && cols[n - 1] == COL_BYTES,
	   "-o +size appends BYTES");
	ok(parse_column_list("ID,SIZES", cols, &n, COL_COUNT, bad, sizeof(bad)) == -1 &&
		   strcmp(bad, "SIZES") == 0,
	   "an unknown name after an alias is the one reported");
}

static void test_defaults(void)
{
	ok(column_is_default(default_columns, n_default_columns, COL_OWNER), "OWNER is a default");
	ok(!column_is_default(default_columns, n_default_columns, COL_USER), "USER is not");
	ok(column_is_default(default_columns_posix, n_default_columns_posix, COL_CTIME),
	   "CTIME is a default of --posix");
	ok(!column_is_default(default_columns_posix, n_default_columns_posix, COL_SHMID),
	   "SHMID is not a default of --posix");
}

static void test_views(void)
{
	const struct column_view *v = column_view_by_name("pids");

	ok(v && v->ncols == 4 && v->cols[0] == COL_SHMID && v->cols[2] == COL_CPID &&
	   v->cols[3] == COL_LPID, "view pids: SHMID OWNER CPID LPID");
	v = column_view_by_name("creators");
	ok(v && v->ncols == 6 && v->cols[2] == COL_CUSER, "view creators: CUSER third");
	v = column_view_by_name("times");
	ok(v && v->ncols == 5 && v->cols[4] == COL_CTIME, "view times ends in CTIME");
	ok(!column_view_by_name("Times"), "a view's name is exact");
	ok(!column_view_by_name("time"), "no prefix of a view");
	ok(!column_view_by_name(""), "no empty view");
	for (size_t i = 0; i < n_column_views; i++)
		for (size_t c = 0; c < column_views[i].ncols; c++)
			ok(column_views[i].cols[c] >= 0 && column_views[i].cols[c] < COL_COUNT,
			   "view %s column %zu is a column", column_views[i].name, c);
}

int main(void)
{
	test_lsipc_names();
	test_names();
	test_list();
	test_defaults();
	test_views();
	return tap_done();
}
