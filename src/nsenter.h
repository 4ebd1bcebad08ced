/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NSENTER_H
#define SHMTOOL_NSENTER_H

/* -N/--namespace PID|FILE: enter the IPC namespace of process PID, or the
 * one an nsfs FILE (such as /proc/PID/ns/ipc) stands for. An argument with
 * a '/' is a FILE, any other a PID. With a PID, the mount namespace is
 * entered too where the caller may (POSIX objects live in its /dev/shm).
 * Malformed PID: exit 2; anything else that fails: one error line, exit 1. */
void enter_namespace(const char *arg);

#endif
