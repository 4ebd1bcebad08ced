/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "columns.h"
#include "c.h"

#define R SCOLS_FL_RIGHT
/* The wide columns: on a terminal, libsmartcols cuts them to fit its width
 * (their width hint a share of it), as lsblk and lsipc do, so a row never
 * spills onto the next line; never the narrow ones. In a pipe or with
 * --notruncate they stay whole. */
#define T SCOLS_FL_TRUNC
/* Cells made here from numbers: digits, hex, an octal or rwx mode, a unit
 * letter. No escaping changes them, so the renderers skip it. */
#define P true

const struct column columns[COL_COUNT] = {
	[COL_KEY]    = { "KEY", "key", "segment key (0x-hex)", 10, 0, CT_STRING, P },
	[COL_SHMID]  = { "SHMID", "shmid", "segment id", 6, R, CT_NUMBER, P },
	[COL_OWNER]  = { "OWNER", "owner", "owner's user name, as ipcs shows it", 8, 0, CT_STRING },
	[COL_PERMS]  = { "PERMS", "perms", "permissions in octal", 5, 0, CT_STRING, P },
	[COL_MODE]   = { "MODE", "mode", "permissions as rwx", 9, 0, CT_STRING, P },
	[COL_BYTES]  = { "BYTES", "bytes", "segment size in bytes", 6, R, CT_SIZE, P },
	[COL_NATTCH] = { "NATTCH", "nattch", "number of attached processes", 6, R, CT_NUMBER, P },
	[COL_STATUS] = { "STATUS", "status", "dest (marked for removal), locked", 6, 0, CT_STATUS },
	[COL_CPID]   = { "CPID", "cpid", "creator's process id", 6, R, CT_NUMBER, P },
	[COL_LPID]   = { "LPID", "lpid", "process id of the last attach or detach", 6, R, CT_NUMBER, P },
	[COL_CUID]   = { "CUID", "cuid", "creator's user id", 5, R, CT_NUMBER, P },
	[COL_CUSER]  = { "CUSER", "cuser", "creator's user name", 8, 0, CT_STRING },
	[COL_CGID]   = { "CGID", "cgid", "creator's group id", 5, R, CT_NUMBER, P },
	[COL_CGROUP] = { "CGROUP", "cgroup", "creator's group name", 8, 0, CT_STRING },
	[COL_UID]    = { "UID", "uid", "owner's user id", 5, R, CT_NUMBER, P },
	[COL_USER]   = { "USER", "user", "the user name of UID (same as OWNER)", 8, 0, CT_STRING },
	[COL_GID]    = { "GID", "gid", "owner's group id", 5, R, CT_NUMBER, P },
	[COL_GROUP]  = { "GROUP", "group", "owner's group name", 8, 0, CT_STRING },
	[COL_ATIME]  = { "ATIME", "atime", "time of the last attach", 12, 0, CT_TIME },
	[COL_DTIME]  = { "DTIME", "dtime", "time of the last detach", 12, 0, CT_TIME },
	[COL_CTIME]  = { "CTIME", "ctime", "time of creation or last change", 12, 0, CT_TIME },
	[COL_RSS]    = { "RSS", "rss", "resident bytes", 6, R, CT_SIZE, P },
	[COL_SWAP]   = { "SWAP", "swap", "swapped-out bytes", 6, R, CT_SIZE, P },
	[COL_COMMAND] = { "COMMAND", "command",
			  "creator's command line, while the creator runs", 0.3, T,
			  CT_STRING },
	[COL_PIDS]   = { "PIDS", "pids", "attached processes: pid(comm),...", 0.2, T, CT_PIDS },
	[COL_ORIGKEY] = { "ORIGKEY", "origkey",
			  "key the segment was created with (kept after removal)", 10, 0, CT_STRING, P },
	[COL_TYPE]   = { "TYPE", "type", "sysv or posix", 5, 0, CT_STRING, P },
	[COL_NAME]   = { "NAME", "name", "name of a POSIX object (/NAME)", 0.2, T, CT_STRING },
	[COL_IPCNS]  = { "IPCNS", "ipcns", "inode of the IPC namespace", 10, R, CT_NUMBER, P },
	[COL_CONTAINER] = { "CONTAINER", "container",
			    "container of the namespace, from its cgroup (with -A)", 12, 0,
			    CT_STRING },
};

const int default_columns[] = {
	COL_KEY, COL_SHMID, COL_OWNER, COL_PERMS, COL_BYTES, COL_NATTCH, COL_STATUS,
};
const size_t n_default_columns = sizeof(default_columns) / sizeof(default_columns[0]);

const int default_columns_posix[] = {
	COL_NAME, COL_OWNER, COL_PERMS, COL_BYTES, COL_CTIME,
};
const size_t n_default_columns_posix = ARRAY_SIZE(default_columns_posix);

const int default_columns_all[] = {
	COL_TYPE, COL_KEY, COL_SHMID, COL_NAME, COL_OWNER, COL_PERMS, COL_BYTES, COL_NATTCH,
	COL_STATUS,
};
const size_t n_default_columns_all = ARRAY_SIZE(default_columns_all);

static const int view_creators[] = {
	COL_SHMID, COL_PERMS, COL_CUSER, COL_CGROUP, COL_USER, COL_GROUP,
};
static const int view_times[] = {
	COL_SHMID, COL_OWNER, COL_ATIME, COL_DTIME, COL_CTIME,
};
static const int view_pids[] = {
	COL_SHMID, COL_OWNER, COL_CPID, COL_LPID,
};

const struct column_view column_views[] = {
	{ "creators", "ipcs -m -c", view_creators, ARRAY_SIZE(view_creators) },
	{ "times", "ipcs -m -t", view_times, ARRAY_SIZE(view_times) },
	{ "pids", "ipcs -m -p", view_pids, ARRAY_SIZE(view_pids) },
};
const size_t n_column_views = ARRAY_SIZE(column_views);

const struct column_view *column_view_by_name(const char *name)
{
	for (size_t i = 0; i < n_column_views; i++)
		if (strcmp(column_views[i].name, name) == 0)
			return &column_views[i];
	return NULL;
}

/* The lsipc -m names that differ from ours; every other lsipc -m column
 * (KEY, OWNER, PERMS, CUID ... COMMAND, CPID, LPID) has our name already.
 * lsipc's PERMS is rwx unless -P: ours stays the octal of ipcs (MODE is rwx). */
const struct column_alias column_aliases[] = {
	{ "ID", COL_SHMID },
	{ "SIZE", COL_BYTES },
	{ "ATTACH", COL_ATIME },
	{ "DETACH", COL_DTIME },
};
const size_t n_column_aliases = ARRAY_SIZE(column_aliases);

static bool name_is(const char *want, const char *name, size_t len)
{
	return strlen(want) == len && strncasecmp(want, name, len) == 0;
}

int column_by_name(const char *name, size_t len)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (name_is(columns[i].name, name, len))
			return i;
	for (size_t i = 0; i < n_column_aliases; i++)
		if (name_is(column_aliases[i].name, name, len))
			return column_aliases[i].col;
	return -1;
}

bool column_is_default(const int *defs, size_t ndefs, int col)
{
	for (size_t i = 0; i < ndefs; i++)
		if (defs[i] == col)
			return true;
	return false;
}

int parse_column_list(const char *s, int *cols, size_t *ncols, size_t max,
		      char *bad, size_t bad_size)
{
	return parse_column_list_from(s, default_columns, n_default_columns, cols, ncols, max,
				      bad, bad_size);
}

int parse_column_list_from(const char *s, const int *defs, size_t ndefs, int *cols,
			   size_t *ncols, size_t max, char *bad, size_t bad_size)
{
	size_t n = 0;

	if (*s == '+') {
		s++;
		for (; n < ndefs && n < max; n++)
			cols[n] = defs[n];
	}
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int id = column_by_name(s, len);

		if (id < 0 || n == max) {
			snprintf(bad, bad_size, "%.*s", (int)len, s);
			return -1;
		}
		cols[n++] = id;
		if (!comma)
			break;
		s = comma + 1;
	}
	*ncols = n;
	return 0;
}
