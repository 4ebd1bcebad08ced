/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
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
static int each_fd(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
		   void *ctx)
{
	static unsigned char buf[SEGIO_CHUNK_MAX];

	while (len) {
		size_t n = len < chunk ? (size_t)len : chunk;
		ssize_t r = pread_all(m->fd, buf, n, off);
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

int segio_each(const struct segmap *m, uint64_t off, uint64_t len, size_t chunk, segio_fn fn,
	       void *ctx)
{
	if (chunk == 0 || chunk > SEGIO_CHUNK_MAX)
		chunk = SEGIO_CHUNK_MAX;
	if (m->fd >= 0 && !m->addr)
		return each_fd(m, off, len, chunk, fn, ctx);
	return each_map(m, off, len, chunk, fn, ctx);
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
