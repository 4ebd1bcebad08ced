/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NSSCAN_H
#define SHMTOOL_NSSCAN_H

/* --all-namespaces: every distinct IPC namespace on the host, found
 * through /proc/PID/ns/ipc of shmtool's own /proc (procfs.h's proc_dir),
 * each visited once through one of its processes with setns and left
 * again for shmtool's own; and every distinct /dev/shm among them, reached
 * through /proc/PID/root/dev/shm without entering a mount namespace.
 * PIDs stay in shmtool's numbering. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "container.h"
#include "segment.h"
#include "sysv.h"

struct ipc_ns {
	struct seg_ns tag; /* what the System V rows read in it point to */
	dev_t dev;
	int32_t pid;  /* the lowest PID in it: the one visited and named */
	bool host;    /* the initial one: CONTAINER is null */
	bool ours;    /* shmtool's own: no setns needed */
	struct container_ref ctr;
	int err;      /* why it could not be entered; 0 when it was */
	bool have_limits; /* read by nsrows_collect while in it */
	struct shm_limits limits;
};

/* A /dev/shm: one per mount namespace, the same file system seen from
 * several counted once (by st_dev). Its tag names the IPC namespace and
 * the container of the lowest PID of the mount namespace. */
struct shm_mnt {
	struct seg_ns tag; /* what its POSIX rows point to */
	uint64_t mntns;
	int32_t pid;
	struct container_ref ctr;
	char dir[48]; /* "/proc/PID/root/dev/shm" */
	bool first;   /* the first to see its file system: the one listed */
	dev_t dev;
};

struct ns_scan {
	struct ipc_ns *v; /* the host's first, then by their lowest PID */
	size_t n, cap;
	struct shm_mnt *mnt; /* the same order */
	size_t nmnt, capmnt;
	size_t unreadable;  /* processes whose namespace could not be read */
	size_t unentered;   /* namespaces that could not be entered */
	int self_fd;        /* our own IPC namespace, to come back to */
};

/* Finds the namespaces, their container and their /dev/shm. 0, or -1
 * with errno when /proc cannot be read. */
int ns_scan_find(struct ns_scan *s);

/* Enters ns (setns), calls fn, and comes back. fn's result, or 1 when ns
 * could not be entered (ns->err says why, s->unentered counts it), or -1
 * with errno when coming back failed: then shmtool is in another
 * namespace and must stop. */
int ns_scan_visit(struct ns_scan *s, struct ipc_ns *ns, int (*fn)(struct ipc_ns *, void *),
		  void *data);

/* -N CONTAINER: the lowest PID of the processes whose cgroup names a
 * container arg matches (container_matches), read off every process's
 * /proc/PID/cgroup. 0, or -1 with errno (ENOENT: no such container). */
int ns_container_pid(const char *arg, int32_t *pid);

/* "CMD: N of M IPC namespaces could not be entered: REASON" and "CMD: the
 * IPC namespace of N processes could not be read", on stderr. Whether a
 * namespace was left out: the rows of a process whose namespace is unknown
 * may be in a namespace seen through another, so that alone is no failure. */
bool ns_scan_report(const struct ns_scan *s, const char *cmd);

void ns_scan_free(struct ns_scan *s);

#endif
