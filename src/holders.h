/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_HOLDERS_H
#define SHMTOOL_HOLDERS_H

/* What /proc says about each listed segment (PIDS, ORIGKEY, COMMAND), kept
 * beside the segment list, not in struct shm_seg: a list that shows none of
 * these columns never builds it and never reads /proc beyond sysvipc. */

#include <stdbool.h>
#include <stddef.h>
#include "posix.h"
#include "procscan.h"
#include "segment.h"

struct seg_side {
	/* under -A shmids repeat across IPC namespaces and names across
	 * /dev/shm mounts (two of which may share one IPC namespace): the
	 * namespace tag the row points to tells them apart */
	const struct seg_ns *ns;
	int32_t shmid;
	const char *name; /* a POSIX object's (its PIDS are the processes mapping it) */
	const struct proc_att *att; /* the attached processes, natt of them */
	size_t natt;
	bool has_origkey;
	int32_t origkey;
	char *pids;    /* "pid(comm),pid(comm)", "" for none; ",?" or "?" ends it
			* when pids_incomplete */
	bool pids_incomplete; /* processes left unread may hold it too */
	char *command; /* the creator's command line, NULL when not shown */
};

struct holders {
	struct proc_scan scan;
	bool scanned;  /* the maps were read: PIDS and ORIGKEY are known */
	size_t incomplete; /* rows whose PIDS may miss processes left unread */
	bool commands; /* COMMAND was looked up */
	struct seg_side *v; /* sorted by shmid */
	size_t n;
};

enum {
	HOLDERS_SCAN = 1,    /* read every process's maps (PIDS, ORIGKEY of removed segments) */
	HOLDERS_COMMAND = 2, /* read the creators' command lines */
	HOLDERS_ORIGKEY = 4, /* ORIGKEY, which needs the maps only for removed segments */
};

/* Whether col is among cols or is the sort column. */
bool column_wanted(const int *cols, size_t ncols, int sort_col, int col);

/* What holders_build must read for these columns (and sort column, or -1)
 * of l: the maps for PIDS, and for ORIGKEY of removed segments; the
 * creators for COMMAND. 0 when none of them is shown. */
unsigned holders_needed(const int *cols, size_t ncols, int sort_col, const struct seg_list *l);

/* Builds the side table of the segments in l. ORIGKEY of a segment not
 * marked for removal is its key and needs no scan. With HOLDERS_SCAN, a /proc
 * that cannot be read at all is -1 with errno (the columns stay unknown);
 * otherwise 0. */
int holders_build(struct holders *h, const struct seg_list *l, unsigned what);

const struct seg_side *holders_find(const struct holders *h, const struct shm_seg *s);
void holders_free(struct holders *h);

#endif
