/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "all-io.h"

/* A descriptor left non-blocking by whoever handed it to us says EAGAIN:
 * wait until it is ready rather than spin or fail. */
static int retry(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (errno == EINTR)
		return 1;
	if (errno != EAGAIN)
		return 0;
	(void)poll(&p, 1, -1);
	return 1;
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (retry(fd, POLLOUT))
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* read(2), or pread(2) from off when off is not -1, until n bytes or the end. */
static ssize_t read_loop(int fd, void *buf, size_t n, int64_t off)
{
	char *p = buf;
	size_t done = 0;

	while (done < n) {
		ssize_t r = off < 0 ? read(fd, p + done, n - done)
				    : pread(fd, p + done, n - done, (off_t)(off + (int64_t)done));
		if (r < 0) {
			if (retry(fd, POLLIN))
				continue;
			return -1;
		}
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

ssize_t read_all(int fd, void *buf, size_t n)
{
	return read_loop(fd, buf, n, -1);
}

ssize_t pread_all(int fd, void *buf, size_t n, uint64_t off)
{
	return read_loop(fd, buf, n, (int64_t)off);
}
