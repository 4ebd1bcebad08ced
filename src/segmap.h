/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SEGMAP_H
#define SHMTOOL_SEGMAP_H

/* The bytes of a selected segment as an address and a length, for the
 * commands that read or write them (attach-dump, write). System V today
 * (shmat); a POSIX object is an mmap of its file, behind the same struct. */

#include <stdbool.h>
#include <stdint.h>
#include "escape.h"
#include "posix.h"
#include "segment.h"

struct segmap {
	unsigned char *addr;
	uint64_t size;
	int shmid;
	const char *name; /* a POSIX object's, else NULL */
	/* how errors name it: "shmid 5" or "/app", escaped (shown.h) */
	char label[ESCAPE_SIZE(POSIX_NAME_BUF_SIZE)];
};

/* Attaches seg (SHM_RDONLY when rdonly), or maps a POSIX object. Fails with one error line naming
 * the segment, exit 1 (EACCES: Permission denied). */
void segmap_attach(const char *cmd, const struct shm_seg *seg, bool rdonly, struct segmap *m);

/* Detaches; a failure is reported but changes nothing for the caller. */
void segmap_release(const char *cmd, struct segmap *m);

/* Checks that [offset, offset + length) lies within the segment and
 * returns length (without has_length: the bytes from offset to the end).
 * Past the end is an error line naming the segment and exit 1: the
 * numbers were well-formed, the segment is smaller. */
uint64_t segmap_range(const char *cmd, const struct segmap *m, uint64_t offset, bool has_length,
		      uint64_t length);

/* Tells the kernel we are about to read [p, p + n) in order: maps the
 * pages in one go where the kernel can (MADV_POPULATE_READ), else asks
 * for read-ahead. Only a hint: failures are ignored. */
void segmap_prefault(const void *p, uint64_t n);

#endif
