/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_ALL_IO_H
#define SHMTOOL_ALL_IO_H

/* Whole reads and writes of descriptors, EINTR and EAGAIN handled once
 * (util-linux's include/all-io.h). */

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* write(2) until all n bytes are written; EINTR and EAGAIN (a non-blocking
 * descriptor: we wait until it is writable) are retried. 0, or -1 with errno. */
int write_all(int fd, const void *buf, size_t n);

/* read(2) until n bytes or the end: the bytes read (fewer than n only at
 * the end), or -1 with errno. EINTR and EAGAIN are retried as above. */
ssize_t read_all(int fd, void *buf, size_t n);

/* pread(2) the same way, from offset off. */
ssize_t pread_all(int fd, void *buf, size_t n, uint64_t off);

#endif
