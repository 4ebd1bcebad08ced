/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PROCSCAN_H
#define SHMTOOL_PROCSCAN_H

/* Who holds a segment and who made it, from /proc: one pass over
 * /proc/[0-9]*\/maps for the attached processes, and the creator's
 * /proc/CPID for whether it still runs. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "segment.h"

/* One process attached to one segment (once, however often it attached). */
struct proc_att {
	int32_t shmid;
	int32_t pid;
	int32_t key; /* the key in the mapping's name: the one the segment was created with */
	char comm[16];
};

struct proc_scan {
	struct proc_att *v; /* sorted by shmid, then pid */
	size_t n, cap;
	size_t processes;  /* processes looked at */
	size_t unreadable; /* processes whose mappings could not be read, left out */
};

/* One pass over every process of shmtool's PID namespace; only mappings of
 * processes in shmtool's IPC namespace count (a shmid means nothing in
 * another one). 0, or -1 with errno when /proc cannot be read at all. */
int proc_scan_run(struct proc_scan *ps);
void proc_scan_free(struct proc_scan *ps);

/* The processes attached to a shmid: the first of *n entries, or NULL. */
const struct proc_att *proc_scan_find(const struct proc_scan *ps, int32_t shmid, size_t *n);

/* The /proc of shmtool's own PID namespace, opened on first use. -N opens
 * it before entering another mount namespace, whose /proc may count PIDs
 * in another PID namespace than the CPID and LPID the kernel reports. */
int proc_dir(void);

enum creator_state {
	CREATOR_UNKNOWN, /* no CPID or ctime, or /proc does not say */
	CREATOR_RUNNING, /* the CPID runs and started before the segment */
	CREATOR_GONE,    /* not running, or the PID now belongs to a later process */
};

enum creator_state creator_state(const struct shm_seg *s);

/* The creator's command line (NULs as spaces, control characters as '?'),
 * only while creator_state() is CREATOR_RUNNING; malloc'd, or NULL. */
char *creator_cmdline(const struct shm_seg *s);

/* No process attached and the creator gone. nattch is the kernel's own
 * count, so ps (may be NULL) only adds what a scan already found. A
 * segment whose creator cannot be judged is never an orphan. */
bool seg_is_orphan(const struct shm_seg *s, const struct proc_scan *ps);

#endif
