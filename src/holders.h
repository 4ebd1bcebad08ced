/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_HOLDERS_H
#define SHMTOOL_HOLDERS_H

/* What /proc says about each listed segment (PIDS, ORIGKEY, COMMAND), kept
 * beside the segment list, not in struct shm_seg: a list that shows none of
 * these columns never builds it and never reads /proc beyond sysvipc. */

#include <stdbool.h>
#include <stddef.h>
#include "procscan.h"
#include "segment.h"

struct seg_side {
	int32_t shmid;
	const struct proc_att *att; /* the attached processes, natt of them */
	size_t natt;
	bool has_origkey;
	int32_t origkey;
	char *pids;    /* "pid(comm),pid(comm)", "" for none */
	char *command; /* the creator's command line, NULL when not shown */
};

struct holders {
	struct proc_scan scan;
	bool scanned;  /* the maps were read: PIDS and ORIGKEY are known */
	bool commands; /* COMMAND was looked up */
	struct seg_side *v; /* sorted by shmid */
	size_t n;
};

enum { HOLDERS_SCAN = 1, HOLDERS_COMMAND = 2 };

/* Builds the side table of the segments in l. ORIGKEY of a segment not
 * marked for removal is its key and needs no scan. With HOLDERS_SCAN, a /proc
 * that cannot be read at all is -1 with errno (the columns stay unknown);
 * otherwise 0. */
int holders_build(struct holders *h, const struct seg_list *l, unsigned what);

const struct seg_side *holders_find(const struct holders *h, int32_t shmid);
void holders_free(struct holders *h);

#endif
