/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RM_VERDICT_H
#define SHMTOOL_RM_VERDICT_H

/* What `rm` does with one segment or object: one decision, which `rm`
 * acts on and `show` words as a prediction. */

#include <stdbool.h>
#include <stddef.h>
#include "segment.h"

enum rm_action {
	RM_REMOVE,  /* remove it (IPC_RMID, shm_unlink) */
	RM_ALREADY, /* a segment already marked for removal, still attached */
	RM_REFUSED, /* the caller may not remove it (EPERM) */
	RM_SKIPPED, /* processes are attached or map it, and no --force */
};

/* The rules, in order: a System V segment marked for removal (dest) with
 * processes attached is left alone; one the caller may not remove is
 * refused; one processes use is skipped unless force. nmappers counts the
 * processes mapping a POSIX object (System V counts NATTCH). */
enum rm_action rm_decide(const struct shm_seg *s, size_t nmappers, bool force);

/* What rm without --force would do, and why, for `show`: one line,
 * without "rm: " or a newline, into buf. */
void rm_verdict(const struct shm_seg *s, size_t nmappers, char *buf, size_t size);

#endif
