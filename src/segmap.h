/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SEGMAP_H
#define SHMTOOL_SEGMAP_H

/* The bytes of a selected segment, for the commands that read or write
 * them (attach-dump, write): a descriptor to read them through, a mapping
 * to write them through, and the size as the kernel says it now. */

#include <stdbool.h>
#include <stdint.h>
#include "escape.h"
#include "posix.h"
#include "segment.h"

struct segmap {
	unsigned char *addr; /* the mapping, or NULL when none is needed */
	int fd;              /* the object's or segment's file, or -1 */
	uint64_t size;       /* from the kernel (IPC_STAT, fstat), never from /proc text */
	int shmid;
	const char *name; /* a POSIX object's, else NULL */
	/* how errors name it: "shmid 5" or "/app", escaped (shown.h) */
	char label[ESCAPE_SIZE(POSIX_NAME_BUF_SIZE)];
};

/* Opens seg for reading (rdonly) or writing. Reading: a POSIX object's own
 * descriptor; a System V segment is attached read-only, its memory opened
 * through /proc/self/map_files and detached again, or, where that cannot be
 * had (no CAP_SYS_ADMIN, huge pages), kept attached and read through the
 * mapping. Writing: the segment attached, or the object mapped shared with
 * its descriptor kept (to reserve pages). 0, or -1 with errno; m->label is
 * set either way, for segmap_strerror. */
int segmap_open(const struct shm_seg *seg, bool rdonly, struct segmap *m);

/* Why segmap_open failed, in the user's terms: "no such segment" for one
 * removed since it was selected, "no such object", else strerror(e). */
const char *segmap_strerror(const struct segmap *m, int e);

/* Unmaps or detaches, and closes. -1 with errno when the detach failed
 * (nothing changes for the caller but a warning). */
int segmap_close(struct segmap *m);

/* Checks that [offset, offset + *length) lies within the segment; without
 * has_length, *length becomes the bytes from offset to the end. 0, or -1
 * with the reason in why ("offset 9 is beyond the end of the segment (8
 * bytes)"): the numbers were well-formed, the segment is smaller. */
int segmap_range(const struct segmap *m, uint64_t offset, bool has_length, uint64_t *length,
		 char *why, size_t whylen);

#endif
