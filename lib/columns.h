/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_COLUMNS_H
#define SHMTOOL_COLUMNS_H

/* The one column table: -o, --list-columns, --help, table headers, JSON keys
 * and types, and the completions all read it. */

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "segment.h"

enum col_id {
	COL_KEY, COL_SHMID, COL_OWNER, COL_PERMS, COL_MODE, COL_BYTES, COL_NATTCH,
	COL_STATUS, COL_CPID, COL_LPID, COL_CUID, COL_CUSER, COL_CGID, COL_CGROUP,
	COL_UID, COL_USER, COL_GID, COL_GROUP, COL_ATIME, COL_DTIME, COL_CTIME,
	COL_RSS, COL_SWAP, COL_COMMAND, COL_PIDS, COL_ORIGKEY,
	COL_TYPE, COL_NAME, /* sysv or posix; a POSIX object's name */
	COL_IPCNS, COL_CONTAINER, /* the IPC namespace's inode; its container (-A) */
	COL_COUNT
};

/* How a value is typed in JSON. */
enum col_type {
	CT_STRING,
	CT_NUMBER,
	CT_SIZE,   /* a number of bytes: -H prints it for humans */
	CT_TIME,   /* ISO 8601 string, null for never */
	CT_STATUS, /* array of flag names */
	CT_PIDS,   /* array of {"pid": N, "comm": "name"} */
};

struct column {
	const char *name; /* header and -o name; the JSON key is its lower case */
	const char *json; /* the JSON key */
	const char *help;
	double whint;
	int flags; /* SCOLS_FL_* */
	enum col_type type;
	bool plain; /* its text never needs escaping (see columns.c) */
};

extern const struct column columns[COL_COUNT];
extern const int default_columns[];
extern const size_t n_default_columns;

/* The defaults of list --posix and of list -a (System V and POSIX). */
extern const int default_columns_posix[];
extern const size_t n_default_columns_posix;
extern const int default_columns_all[];
extern const size_t n_default_columns_all;

/* Named column sets for ipcs's habits: list --view creators is ipcs -m -c,
 * times ipcs -m -t, pids ipcs -m -p. */
struct column_view {
	const char *name;
	const char *like; /* the ipcs command it stands for */
	const int *cols;
	size_t ncols;
};
extern const struct column_view column_views[];
extern const size_t n_column_views;

/* The view of that exact name, or NULL. */
const struct column_view *column_view_by_name(const char *name);

/* Other tools' names for our columns: lsipc -m's ID, SIZE, ATTACH, DETACH. */
struct column_alias {
	const char *name;
	int col;
};
extern const struct column_alias column_aliases[];
extern const size_t n_column_aliases;

/* Case-insensitive, a column's name or an alias: the column id, or -1. */
int column_by_name(const char *name, size_t len);

/* Whether col is one of the ndefs default columns defs. */
bool column_is_default(const int *defs, size_t ndefs, int col);

/* "KEY,SHMID" replaces the defaults, "+RSS,SWAP" appends to them.
 * 0, or -1 with the offending name copied to bad (bad_size bytes). */
int parse_column_list(const char *s, int *cols, size_t *ncols, size_t max,
		      char *bad, size_t bad_size);

/* The same, "+LIST" appending to the given defaults. */
int parse_column_list_from(const char *s, const int *defs, size_t ndefs, int *cols,
			   size_t *ncols, size_t max, char *bad, size_t bad_size);

#endif
