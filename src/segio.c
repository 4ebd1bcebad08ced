/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "missing.h"
#include "segio.h"

/* The guard's state: one jump buffer, one fault address, the handler it
 * replaced. A shrinking POSIX object raises SIGBUS on the pages past its
 * new end; nothing else in shmtool catches it. */
static sigjmp_buf guard_jmp;
static const void *volatile guard_fault;
static struct sigaction guard_old;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	guard_fault = si->si_addr;
	siglongjmp(guard_jmp, 1);
}

sigjmp_buf *segio_guard_jmp(void)
{
	return &guard_jmp;
}

void segio_guard_arm(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO };

	guard_fault = NULL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &guard_old);
}

void segio_guard_disarm(void)
{
	sigaction(SIGBUS, &guard_old, NULL);
}

const void *segio_fault_addr(void)
{
	return guard_fault;
}

void segio_prefault(const void *p, uint64_t n, bool write)
{
	uintptr_t mask = (uintptr_t)sysconf(_SC_PAGESIZE) - 1;
	uintptr_t start = (uintptr_t)p & ~mask;
	size_t len = (size_t)((uintptr_t)p + n - start);

	if (n == 0)
		return;
	if (madvise((void *)start, len, write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ) == 0 ||
	    write)
		return;
	/* kernels before 5.14: read-ahead, at least */
	(void)madvise((void *)start, len, MADV_WILLNEED);
}

/* Through the descriptor: a buffer of ours, static so that nothing is lost
 * when a caller's error path never comes back here. */
static int read_run(int fd, uint64_t off, uint64_t len, size_t chunk, segio_fn fn, void *ctx)
{
	static unsigned char buf[SEGIO_CHUNK_MAX];

	while (len) {
		size_t n = len < chunk ? (size_t)len : chunk;
		ssize_t r = pread_all(fd, buf, n, off);
		int rc;

		if (r < 0)
			return -1;
		if ((size_t)r < n)
			return SEGIO_SHRANK;
		rc = fn(ctx, buf, n);
		if (rc)
			return rc;
		off += n;
		len -= n;
	}
	return 0;
}

/* Where the data at or after off begins, and where it ends (the next
 * hole, or the end of the file), both clipped to end. 0; SEGIO_SHRANK when
 * the file now ends before end; -1 when the file system cannot say. */
static int next_data(int fd, uint64_t off, uint64_t end, uint64_t *data, uint64_t *data_end)
{
	off_t d = lseek(fd, (off_t)off, SEEK_DATA), e;
	struct stat st;

	if (d < 0 && errno == ENXIO) {
		/* no data after off: a hole to the end of the file, or the end came first */
		if (fstat(fd, &st) < 0 || (uint64_t)st.st_size < end)
			return SEGIO_SHRANK;
		*data = *data_end = end;
		return 0;
	}
	if (d < 0)
		return -1;
	*data = (uint64_t)d < end ? (uint64_t)d : end;
	e = *data < end ? lseek(fd, (off_t)*data, SEEK_HOLE) : (off_t)end;
	if (e < 0)
		return -1;
	*data_end = (uint64_t)e < end ? (uint64_t)e : end;
	return 0;
}

static int each_fd(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
		   segio_hole_fn hole, void *ctx)
{
	uint64_t end = off + len, data = off, data_end = end;
	int rc = 0;

	while (off < end && !rc) {
		if (hole && (rc = next_data(m->fd, off, end, &data, &data_end)) < 0) {
			/* no SEEK_DATA here: every byte is data */
			hole = NULL;
			data = off;
			data_end = end;
			rc = 0;
		}
		if (rc)
			break;
		if (data > off)
			rc = hole(ctx, data - off);
		if (!rc)
			rc = read_run(m->fd, data, data_end - data, chunk, fn, ctx);
		off = data_end;
	}
	return rc;
}

/* Through the mapping, in a frame of its own: nothing here changes after
 * SEGIO_GUARD() but through the pointer arguments. */
static int each_map(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
		    void *ctx)
{
	const unsigned char *volatile p = m->addr + off;
	volatile uint64_t left = len;
	int rc = 0;

	if (SEGIO_GUARD()) {
		segio_guard_disarm();
		return SEGIO_SHRANK;
	}
	segio_guard_arm();
	while (left && !rc) {
		size_t n = left < chunk ? (size_t)left : chunk;
		segio_prefault(p, n, false);
		rc = fn(ctx, p, n);
		p += n;
		left -= n;
	}
	segio_guard_disarm();
	return rc;
}

int segio_each_sparse(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk,
		      segio_fn fn, segio_hole_fn hole, void *ctx)
{
	if (chunk == 0 || chunk > SEGIO_CHUNK_MAX)
		chunk = SEGIO_CHUNK_MAX;
	if (m->fd >= 0 && !m->addr)
		return each_fd(m, off, len, chunk, fn, hole, ctx);
	return each_map(m, off, len, chunk, fn, ctx);
}

int segio_each(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
	       void *ctx)
{
	return segio_each_sparse(m, off, len, chunk, fn, NULL, ctx);
}

int segio_copy_in(const struct segmap *m, uint64_t off, const void *src, int fill, size_t len)
{
	unsigned char *dst = m->addr + off;

	if (len == 0)
		return 0;
	segio_prefault(dst, len, true);
	if (SEGIO_GUARD()) {
		segio_guard_disarm();
		return SEGIO_SHRANK;
	}
	segio_guard_arm();
	if (src)
		memcpy(dst, src, len);
	else
		memset(dst, fill, len);
	segio_guard_disarm();
	return 0;
}
