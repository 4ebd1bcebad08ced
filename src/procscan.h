/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PROCSCAN_H
#define SHMTOOL_PROCSCAN_H

/* Who holds a segment or an object and who made it, from /proc: one pass
 * over /proc/[0-9]*\/maps finds the processes attached to System V
 * segments and those mapping files of /dev/shm, with their comm; the
 * creator's /proc/CPID says whether it still runs. Every PID is counted in
 * shmtool's own PID namespace (procfs.h's proc_dir), however -N was given. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "procfs.h"
#include "segment.h"

/* One process attached to one segment, or mapping one file of /dev/shm
 * (once, however often it attached or mapped it). */
struct proc_att {
	uint64_t ipcns; /* System V under PROC_SCAN_ALL_NS: the process's IPC namespace; else 0 */
	int32_t shmid;  /* System V */
	int32_t pid;
	int32_t key; /* the key in the mapping's name: the one the segment was created with */
	dev_t dev;   /* POSIX: the file */
	ino_t ino;
	char comm[16];
};

struct proc_scan {
	struct proc_att *v; /* System V, sorted by shmid, then pid */
	size_t n, cap;
	struct proc_att *files; /* files of /dev/shm, sorted by dev, ino, then pid */
	size_t nfiles, capfiles;
	size_t processes;  /* processes looked at */
	size_t unreadable; /* processes whose mappings could not be read, left out */
	/* of them, those of another user than the caller: they may hold what
	 * this user sees listed. One of the caller's own that cannot be read
	 * (another user namespace's init) is counted only above. */
	size_t unreadable_others;
	int unreadable_errno; /* why the first of those could not be read */
};

enum {
	PROC_SCAN_SYSV = 1,  /* attachments of System V segments */
	PROC_SCAN_POSIX = 2, /* mappings of files of /dev/shm */
	/* System V mappings of every IPC namespace, each kept with the inode
	 * of its process's namespace: shmids repeat across namespaces */
	PROC_SCAN_ALL_NS = 4,
};

/* One pass over every process of shmtool's PID namespace, for what
 * (PROC_SCAN_*). Only System V mappings of processes in shmtool's IPC
 * namespace count (a shmid means nothing in another one); a file of
 * /dev/shm is known by its device and inode, which no other file shares.
 * 0, or -1 with errno when /proc cannot be read at all. */
int proc_scan_run(struct proc_scan *ps, unsigned what);
void proc_scan_free(struct proc_scan *ps);

/* The processes attached to a shmid: the first of *n entries, or NULL. */
const struct proc_att *proc_scan_find(const struct proc_scan *ps, int32_t shmid, size_t *n);

/* The same in the IPC namespace of inode ipcns, after PROC_SCAN_ALL_NS. */
const struct proc_att *proc_scan_find_ns(const struct proc_scan *ps, uint64_t ipcns,
					 int32_t shmid, size_t *n);

/* The processes mapping the file dev/ino, by pid: the first of *n, or NULL. */
const struct proc_att *proc_scan_find_file(const struct proc_scan *ps, dev_t dev, ino_t ino,
					   size_t *n);

enum creator_state {
	CREATOR_UNKNOWN, /* no CPID or ctime, or /proc does not say */
	CREATOR_RUNNING, /* the CPID runs and started before the segment */
	CREATOR_GONE,    /* not running, or the PID now belongs to a later process */
};

enum creator_state creator_state(const struct shm_seg *s);

/* How many times creator_state() could not judge a creator because /proc
 * could not be read (EMFILE, ENFILE, ENOMEM, EACCES...), not because no
 * creator is known, since the process started; *first_errno says why the
 * first time. An answer that depends on the creators (--orphans) is then
 * incomplete. */
size_t creators_unjudged(int *first_errno);

/* The creator's command line (NULs as spaces, control characters as '?'),
 * only while creator_state() is CREATOR_RUNNING; malloc'd, or NULL. */
char *creator_cmdline(const struct shm_seg *s);

/* No process attached and the creator gone. nattch is the kernel's own
 * count, so ps (may be NULL) only adds what a scan already found. A
 * segment whose creator cannot be judged is never an orphan. */
bool seg_is_orphan(const struct shm_seg *s, const struct proc_scan *ps);

#endif
