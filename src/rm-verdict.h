/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RM_VERDICT_H
#define SHMTOOL_RM_VERDICT_H

/* What `rm` would do to one segment or object, and why, for `show`: the
 * same rules in the same order as cmd-rm.c (attached or mapped: skipped
 * unless --force; then the permission check of the dry run). */

#include <stddef.h>
#include "segment.h"

/* One line, without "rm: " or a newline, into buf; nmappers is the count
 * of processes mapping a POSIX object (System V counts NATTCH). */
void rm_verdict(const struct shm_seg *s, size_t nmappers, char *buf, size_t size);

#endif
