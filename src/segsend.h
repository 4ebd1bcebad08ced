/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SEGSEND_H
#define SHMTOOL_SEGSEND_H

/* A segment's bytes to a descriptor without copying them through our
 * memory: splice into a pipe, copy_file_range or sendfile to a file or a
 * device, from the descriptor segmap_open gives (a POSIX object's, or the
 * map_files of an attach). The kernel reads holes as zeros without
 * allocating them. Where it refuses, the caller copies the rest itself. */

#include <stdint.h>

#include "segmap.h"

/* What segsend returns besides 0, -1 and SEGIO_SHRANK (segio.h). */
enum { SEGSEND_REFUSED = 3 }; /* the kernel would not: copy the rest another way */

/* Called after each piece that went out, with its size. */
typedef void (*segsend_fn)(void *ctx, uint64_t n);

/* Sends [off, off + len) of m to out, from out's file position. *done
 * counts the bytes that went out, whatever the result. Returns 0; -1 with
 * errno (a write error: EPIPE, ENOSPC...); SEGIO_SHRANK when the object
 * ended early; SEGSEND_REFUSED when there is no descriptor to send from,
 * out is a terminal, or the system calls are refused (EINVAL, ENOSYS,
 * EXDEV...), possibly after some bytes went out. */
int segsend(const struct segmap *m, uint64_t off, uint64_t len, int out, segsend_fn step,
	    void *ctx, uint64_t *done);

#endif
