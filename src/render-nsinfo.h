/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RENDER_NSINFO_H
#define SHMTOOL_RENDER_NSINFO_H

/* info --all-namespaces: one row per IPC namespace (TYPE sysv), its
 * segments and bytes against its own limits, and one per distinct /dev/shm
 * (TYPE posix), its objects and the bytes they use against its size. */

#include <stdbool.h>
#include "nsrows.h"
#include "nsscan.h"

struct nsinfo_opts {
	bool json, raw, noheadings, human;
};

/* 0, or -1 after an error line. */
int render_nsinfo(const struct ns_scan *s, const struct ns_usage *u, const struct shm_usage *m,
		  const struct nsinfo_opts *o);

#endif
