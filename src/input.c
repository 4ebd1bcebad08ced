/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "all-io.h"
#include "segio.h"
#include "xalloc.h"

#define CAPTURE_MAP_MIN (2u << 20)

/* A stream (a pipe, a terminal, a device, /proc) in a buffer that grows
 * with what arrives, never past limit: a small input into a large segment
 * costs what the input costs. */
static int capture_stream(int fd, uint64_t limit, struct input *in)
{
	size_t size = 0, len = 0;
	unsigned char *buf = NULL;

	while (len < limit) {
		ssize_t n;

		if (len == size) {
			size = size ? size * 2 : 64u << 10;
			if (size > limit)
				size = (size_t)limit;
			buf = xrealloc(buf, size);
		}
		n = read_all(fd, buf + len, size - len);
		if (n < 0) {
			free(buf);
			return -1;
		}
		len += (size_t)n;
		if (len < size)
			break; /* the end */
	}
	in->heap = buf;
	in->data = buf;
	in->len = len;
	return 0;
}

/* Room for n bytes of a file. A large one is a mapping of its own that
 * asks for huge pages and is populated in one call: the capture then costs
 * about a bare read, not a read plus a page fault every 4 KiB. */
static int capture_buffer(struct input *in, size_t n)
{
	void *p;

	if (n < CAPTURE_MAP_MIN) {
		in->heap = xmalloc(n ? n : 1);
		in->data = in->heap;
		return 0;
	}
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	(void)madvise(p, n, MADV_HUGEPAGE);
	segio_prefault(p, n, true);
	in->map = p;
	in->maplen = n;
	in->data = p;
	return 0;
}

static bool same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* A regular file: its size says up front whether it fits. Read into memory
 * of our own (a mapping of the file would change with it), then checked:
 * as many bytes as it had, none after them, size and time as before. */
static int capture_file(int fd, const struct stat *st, uint64_t cap, bool truncate,
			struct input *in, const char **why)
{
	uint64_t size = (uint64_t)st->st_size;
	size_t n = (size_t)(size < cap ? size : cap);
	unsigned char extra;
	struct stat after;
	ssize_t r;

	if (size > cap && !truncate) {
		in->len = (size_t)size; /* too long: known without reading a byte */
		return 0;
	}
	if (capture_buffer(in, n) < 0)
		return -1;
	r = read_all(fd, (void *)in->data, n);
	if (r < 0)
		return -1;
	if ((size_t)r < n || (n == size && read_all(fd, &extra, 1) != 0) || fstat(fd, &after) < 0 ||
	    !same_file_state(st, &after)) {
		errno = 0;
		*why = "it changed while it was read; nothing written";
		return -1;
	}
	in->len = n;
	in->dropped = size - n;
	return 0;
}

int input_capture(const char *path, uint64_t cap, bool truncate, struct input *in,
		  const char **why)
{
	struct stat st;
	int rc, e, fd = STDIN_FILENO;

	if (path && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		rc = -1;
	} else if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		rc = -1;
	} else if (S_ISREG(st.st_mode) && st.st_size > 0) {
		rc = capture_file(fd, &st, cap, truncate, in, why);
	} else {
		/* /proc and friends say 0 and have bytes: a stream too */
		rc = capture_stream(fd, truncate ? cap : cap + 1, in);
		if (rc == 0 && truncate && in->len == cap) {
			unsigned char extra;
			ssize_t n = read_all(fd, &extra, 1);
			rc = n < 0 ? -1 : 0;
			in->longer = n > 0;
		}
	}
	e = errno;
	if (path)
		close(fd);
	errno = e;
	return rc;
}

void input_free(struct input *in)
{
	free(in->heap);
	in->heap = NULL;
	if (in->map)
		munmap(in->map, in->maplen);
	in->map = NULL;
}
