/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "procfs.h"

/* The temporary file a signal must not leave behind: one at a time. */
static volatile sig_atomic_t pending_dirfd = -1;
static char pending_name[32];
static const int fatal_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };

static void on_fatal(int sig)
{
	if (pending_dirfd >= 0)
		(void)unlinkat(pending_dirfd, pending_name, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_signals(const struct outfile *o)
{
	struct sigaction sa = { .sa_handler = on_fatal };

	memcpy(pending_name, o->tmp, sizeof(pending_name));
	pending_dirfd = o->dirfd;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++) {
		struct sigaction old;
		/* a signal the caller's parent ignored stays ignored */
		if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &sa, NULL);
	}
}

static const char *file_type(mode_t m)
{
	return S_ISLNK(m) ? "symbolic link" : S_ISFIFO(m) ? "FIFO" : S_ISCHR(m) ? "character device"
	     : S_ISBLK(m) ? "block device" : S_ISSOCK(m) ? "socket" : "special file";
}

/* What is at the target now, looked at without following it. */
static int check_target(struct outfile *o, const char **why)
{
	static char buf[64];
	struct stat st;

	if (fstatat(o->dirfd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	errno = 0;
	if (!o->replace) {
		*why = "file exists (use --force to overwrite it)";
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(buf, sizeof(buf), "not a regular file (%s); not replaced", file_type(st.st_mode));
		*why = buf;
		return -1;
	}
	return 0;
}

static int split_path(struct outfile *o, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir;

	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		errno = EISDIR;
		return -1;
	}
	if (strlen(base) >= sizeof(o->base)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(o->base, base);
	dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
	if (!dir)
		return -1;
	o->dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return o->dirfd < 0 ? -1 : 0;
}

/* Creates the file named o->tmp: open it (the named way) or give the
 * unnamed file that name. 0, or -1 with errno (EEXIST: try another name). */
typedef int tmp_create_fn(struct outfile *o);

static int create_named(struct outfile *o)
{
	o->fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	return o->fd < 0 ? -1 : 0;
}

/* The unnamed file gets its name through /proc/self/fd: linkat of the
 * descriptor itself (AT_EMPTY_PATH) needs CAP_DAC_READ_SEARCH. */
static int link_unnamed(struct outfile *o)
{
	char fdpath[32];

	snprintf(fdpath, sizeof(fdpath), "self/fd/%d", o->fd);
	return linkat(proc_dir(), fdpath, o->dirfd, o->tmp, AT_SYMLINK_FOLLOW);
}

/* A free name .shmtool-XXXXXXXX in the target's directory, made by create. */
static int make_tmp(struct outfile *o, tmp_create_fn *create)
{
	for (int tries = 0; tries < 100; tries++) {
		unsigned r;

		if (getentropy(&r, sizeof(r)) < 0)
			r = (unsigned)rand();
		snprintf(o->tmp, sizeof(o->tmp), ".shmtool-%08x", r);
		if (create(o) == 0) {
			watch_signals(o);
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	o->tmp[0] = '\0';
	return -1;
}

/* Where the file system allows it, the bytes go to an unnamed file
 * (O_TMPFILE): until it is complete there is no name to leave behind,
 * even when shmtool is killed by SIGKILL. Elsewhere (a file system
 * without O_TMPFILE, no /proc) a named temporary file. */
int outfile_open(struct outfile *o, const char *path, bool replace, const char **why)
{
	o->fd = -1;
	o->dirfd = -1;
	o->path = path;
	o->replace = replace;
	o->tmp[0] = '\0';
	if (split_path(o, path) < 0 || check_target(o, why) < 0)
		goto fail;
	if (proc_dir() >= 0)
		o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	o->unnamed = o->fd >= 0;
	if (o->unnamed || make_tmp(o, create_named) == 0)
		return 0;
fail:
	outfile_abort(o);
	return -1;
}

/* Without replace: the name must still be free at the last moment.
 * renameat2(RENAME_NOREPLACE), or a hard link where the file system
 * lacks it. */
static int rename_noreplace(struct outfile *o)
{
	if (renameat2(o->dirfd, o->tmp, o->dirfd, o->base, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (linkat(o->dirfd, o->tmp, o->dirfd, o->base, 0) < 0)
		return -1;
	(void)unlinkat(o->dirfd, o->tmp, 0);
	return 0;
}

int outfile_commit(struct outfile *o, const char **why)
{
	int fd;

	/* named for the moment of the rename only */
	if (o->unnamed && make_tmp(o, link_unnamed) < 0) {
		outfile_abort(o);
		return -1;
	}
	fd = o->fd;
	o->fd = -1;
	if (close(fd) < 0 || (o->replace ? renameat(o->dirfd, o->tmp, o->dirfd, o->base)
					 : rename_noreplace(o)) < 0) {
		if (errno == EEXIST) {
			errno = 0;
			*why = "file exists (use --force to overwrite it)";
		}
		outfile_abort(o);
		return -1;
	}
	o->tmp[0] = '\0';
	outfile_abort(o);
	return 0;
}

void outfile_abort(struct outfile *o)
{
	int e = errno;

	pending_dirfd = -1;
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0])
		(void)unlinkat(o->dirfd, o->tmp, 0);
	o->tmp[0] = '\0';
	if (o->dirfd >= 0)
		close(o->dirfd);
	o->dirfd = -1;
	errno = e;
}
