/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SEGIO_H
#define SHMTOOL_SEGIO_H

/* Moving bytes in and out of a segment, for attach-dump and write: the loop that
 * hands a segment's bytes out a chunk at a time, the SIGBUS guard around
 * touching a mapping another process may shrink, and prefault hints. */

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "all-io.h"
#include "segmap.h"

/* What segio_each and segio_copy_in return besides 0 and -1. */
enum {
	SEGIO_SHRANK = 1, /* the segment ended before the range did */
	SEGIO_STOP = 2,   /* the callback asked to stop (not an error) */
};

/* Gets each chunk of at most chunk bytes (at most SEGIO_CHUNK_MAX) of
 * [off, off + len) of m, in order, and gives it to fn. Through m->fd with
 * pread when the segment has one, so holes read as zeros and no page is
 * allocated; else straight from the mapping, prefaulted, under the SIGBUS
 * guard. fn returns 0 to go on, SEGIO_STOP to stop, -1 to fail (errno
 * kept). Returns 0, SEGIO_STOP, SEGIO_SHRANK, or -1 with errno. */
#define SEGIO_CHUNK_MAX (256u << 10)
typedef int (*segio_fn)(void *ctx, const unsigned char *p, size_t n);
int segio_each(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
	       void *ctx);

/* Writes len bytes at offset off of m's writable mapping: a copy of src,
 * or the byte fill when src is NULL. The pages are populated first in one
 * call; SEGIO_SHRANK when the segment was shrunk under us (a POSIX object
 * truncated by another process: the bytes before the fault are written). */
int segio_copy_in(const struct segmap *m, uint64_t off, const void *src, int fill, size_t len);

/* Tells the kernel we are about to read (or write) [p, p + n): maps the
 * pages in one go where the kernel can (MADV_POPULATE_*, Linux 5.14), else
 * asks for read-ahead. Only a hint: failures are ignored. */
void segio_prefault(const void *p, uint64_t n, bool write);

/* The SIGBUS guard: one owner of the jump buffer and the fault address.
 *	if (SEGIO_GUARD())
 *		... a page of the guarded range went away: segio_fault_addr() ...
 *	segio_guard_arm();
 *	... touch the mapping ...
 *	segio_guard_disarm();
 * Not nested; the frame that calls SEGIO_GUARD() must not return before
 * disarming, and must change no local variable after it. */
#define SEGIO_GUARD() sigsetjmp(*segio_guard_jmp(), 1)
sigjmp_buf *segio_guard_jmp(void);
void segio_guard_arm(void);
void segio_guard_disarm(void);
const void *segio_fault_addr(void);

#endif
