/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "segio.h"
#include "segsend.h"

/* A piece per system call: the progress bar moves, and sendfile's limit
 * (2 GiB less a page) is never reached. */
#define PIECE (4u << 20)

enum how { BY_SPLICE, BY_COPY_RANGE, BY_SENDFILE, BY_NONE };

/* Errors that say "not this way" rather than "the output failed": the
 * calls differ in what they refuse (copy_file_range: EXDEV across file
 * systems, EBADF on O_APPEND; sendfile: EINVAL on O_APPEND). */
static int refused(enum how how)
{
	switch (errno) {
	case EINVAL:
	case ENOSYS:
	case EXDEV:
	case EOPNOTSUPP:
#if ENOTSUP != EOPNOTSUPP
	case ENOTSUP:
#endif
		return 1;
	case EBADF:
	case EPERM:
		return how == BY_COPY_RANGE;
	}
	return 0;
}

static ssize_t move(enum how how, int in, off_t *pos, int out, size_t n)
{
	switch (how) {
	case BY_SPLICE:
		return splice(in, pos, out, NULL, n, SPLICE_F_MOVE);
	case BY_COPY_RANGE:
		return copy_file_range(in, pos, out, NULL, n, 0);
	case BY_SENDFILE:
		return sendfile(out, in, pos, n);
	default:
		errno = EINVAL;
		return -1;
	}
}

static int ended(int fd, uint64_t end)
{
	struct stat st;

	return fstat(fd, &st) < 0 || (uint64_t)st.st_size < end;
}

static enum how first_way(int out)
{
	struct stat st;

	if (fstat(out, &st) < 0 || isatty(out))
		return BY_NONE;
	if (S_ISFIFO(st.st_mode))
		return BY_SPLICE;
	if (S_ISREG(st.st_mode))
		return BY_COPY_RANGE;
	return BY_SENDFILE;
}

int segsend(const struct segmap *m, uint64_t off, uint64_t len, int out, segsend_fn step,
	    void *ctx, uint64_t *done)
{
	enum how how = m->fd >= 0 && !m->addr ? first_way(out) : BY_NONE;
	off_t pos = (off_t)off;

	*done = 0;
	while (how != BY_NONE && *done < len) {
		uint64_t left = len - *done;
		ssize_t r = move(how, m->fd, &pos, out, left < PIECE ? (size_t)left : PIECE);

		if (r > 0) {
			*done += (uint64_t)r;
			if (step)
				step(ctx, (uint64_t)r);
		} else if (r == 0) {
			/* the end of the object came before the end of the range,
			 * or a call that says 0 for "not here" */
			if (ended(m->fd, off + len))
				return SEGIO_SHRANK;
			how = BY_NONE;
		} else if (errno == EINTR) {
			continue;
		} else if (errno == EAGAIN) {
			/* an output left non-blocking: wait until it takes more */
			struct pollfd p = { .fd = out, .events = POLLOUT };
			(void)poll(&p, 1, -1);
		} else if (!refused(how)) {
			return -1;
		} else {
			/* copy_file_range refused: sendfile may not; else the caller's loop */
			how = how == BY_COPY_RANGE ? BY_SENDFILE : BY_NONE;
			pos = (off_t)(off + *done);
		}
	}
	return how == BY_NONE ? SEGSEND_REFUSED : 0;
}
