/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NSROWS_H
#define SHMTOOL_NSROWS_H

/* What --all-namespaces reads in each namespace nsscan found: its System V
 * segments and limits (setns into it), and the objects of each distinct
 * /dev/shm (through /proc/PID/root). Each row points to its namespace
 * (struct shm_seg's ns). */

#include <stdbool.h>
#include "nsscan.h"
#include "segment.h"
#include "sysv.h"

/* Finds the namespaces into s and appends the rows of the types asked
 * for (need: the fields read, as sysv_list takes it): System V namespace by namespace, then POSIX /dev/shm by /dev/shm.
 * 0; 1 after error lines naming cmd when some rows are missing (a
 * namespace not entered, a process whose namespace could not be read,
 * malformed lines, a /dev/shm not read); -1 after an error line when
 * nothing could be read or shmtool could not come back to its namespace. */
int nsrows_collect(struct ns_scan *s, bool sysv, bool posix, uint32_t need,
		   struct seg_list *out, const char *cmd);

/* info -A: per IPC namespace its limits and use, per /dev/shm (s->mnt
 * whose first is set) its size, use and objects. */
struct ns_usage {
	bool have_limits;
	struct shm_limits limits;
};

struct shm_usage {
	bool ok;
	uint64_t size, used;
	size_t objects;
};

/* Finds the namespaces into s and fills u (s->n entries) and m (s->nmnt),
 * both malloc'd. The same 0, 1 or -1 as nsrows_collect. */
int nsrows_usage(struct ns_scan *s, struct ns_usage **u, struct shm_usage **m, const char *cmd);

#endif
