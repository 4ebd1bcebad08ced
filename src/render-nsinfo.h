/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RENDER_NSINFO_H
#define SHMTOOL_RENDER_NSINFO_H

/* info --all-namespaces: one row per IPC namespace, its System V use
 * against its own limits and the size, use and use% of its /dev/shm (on
 * the first namespace that sees that /dev/shm only). */

#include <stdbool.h>
#include "nsrows.h"
#include "nsscan.h"

struct nsinfo_opts {
	bool json, raw, noheadings, human;
};

/* 0, or -1 after an error line. */
int render_nsinfo(const struct ns_scan *s, const struct ns_usage *u, const struct nsinfo_opts *o);

#endif
