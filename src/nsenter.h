/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NSENTER_H
#define SHMTOOL_NSENTER_H

/* -N/--namespace PID|FILE: the namespaces another process sees.
 *
 * An argument with a '/' is a FILE, any other a PID. A PID enters that
 * process's IPC namespace (System V) and its mount namespace, whose
 * /dev/shm holds its POSIX objects. A FILE (an nsfs file such as
 * /proc/PID/ns/ipc) names the IPC namespace alone: its POSIX objects are
 * out of reach, as they are when the mount namespace of a PID cannot be
 * entered. Then every POSIX operation must be refused, never done on the
 * caller's /dev/shm: ns_posix_reachable says so and why.
 *
 * The /proc of shmtool's own PID namespace is opened before (procfs.h's
 * proc_dir), so PIDs stay the caller's. */

#include <stdbool.h>
#include <stddef.h>

enum ns_status {
	NS_OK = 0,
	NS_FAILED = -1,  /* msg: "-N ARG: reason" (exit 1) */
	NS_BAD_ARG = -2, /* msg: "invalid process ID ...", a usage error for -N (exit 2) */
};

/* Enters the namespaces arg names. On failure nothing was entered
 * but possibly the IPC namespace, and msg (size bytes) says why. */
enum ns_status ns_enter(const char *arg, char *msg, size_t size);

/* Whether the POSIX objects of the namespace shmtool works in are the ones
 * in its /dev/shm: true without -N. false with the reason for the user in
 * *why ("POSIX objects are not reachable: ..."). */
bool ns_posix_reachable(const char **why);

/* Whether -N entered a namespace: --all-namespaces refuses it. */
bool ns_entered(void);

#endif
