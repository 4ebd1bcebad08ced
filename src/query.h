/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_QUERY_H
#define SHMTOOL_QUERY_H

/* The segments a command asks for: collect the types wanted, then keep
 * what the filters select. list renders the result; rm --all removes it.
 * A selector (-i, -k) that matches nothing goes to the query's miss
 * callback, so each command reports it in its own way. */

#include <stdbool.h>
#include <stddef.h>
#include "segment.h"
#include "select.h"

struct ns_scan;

enum seg_types { TYPES_SYSV = 1, TYPES_POSIX = 2, TYPES_ALL = 3 };

struct seg_query {
	const char *cmd;         /* for the error lines */
	enum seg_types types;
	struct seg_filter filter;
	uint32_t need;           /* fields only /proc has (sysv_list): SF_BIT(SF_RSS)... */
	filter_miss_fn *miss;    /* NULL: an error line "CMD: shmid N: no such segment" */
	void *miss_data;
	bool incomplete;         /* set: --orphans could not judge every creator */
	struct ns_scan *all_ns;  /* --all-namespaces: every namespace's rows (nsrows.h) */
};

/* The default columns of a type: the one table list and rm both read. */
const int *query_default_columns(enum seg_types types, size_t *n);

/* Collects and filters into out, System V first, then POSIX by name.
 * 0; 1 after error lines when what was read still counts (malformed lines
 * left out, the System V rows of --all-types without /dev/shm, a selector
 * that matched nothing, --orphans with creators /proc could not tell
 * about: then q->incomplete, and the orphans in out are certain but others
 * may be missing); -1 after an error line when nothing could be read. */
int query_run(struct seg_query *q, struct seg_list *out);

void query_free(struct seg_query *q);

#endif
