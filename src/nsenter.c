/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "missing.h"
#include "nsenter.h"
#include "parse.h"
#include "procscan.h"
#include "util.h"

static void __attribute__((noreturn)) fail(const char *arg, const char *what, int e)
{
	if (what)
		errx(EXIT_FAIL, "-N %s: %s: %s", arg, what, strerror(e));
	errx(EXIT_FAIL, "-N %s: %s", arg, strerror(e));
}

/* An open nsfs file of an IPC namespace, or an error line. */
static int open_ipc_file(const char *path, const char *arg)
{
	struct statfs sfs;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), type;

	if (fd < 0)
		fail(arg, NULL, errno);
	if (fstatfs(fd, &sfs) < 0)
		fail(arg, NULL, errno);
	if (sfs.f_type != NSFS_MAGIC)
		errx(EXIT_FAIL, "-N %s: not a namespace file", arg);
	type = ioctl(fd, NS_GET_NSTYPE);
	/* kernels before 4.11 cannot say; setns checks the type anyway */
	if (type >= 0 && type != CLONE_NEWIPC)
		errx(EXIT_FAIL, "-N %s: not an IPC namespace", arg);
	return fd;
}

static int open_pid_ns(const char *arg, int32_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	if (errno == ENOENT || errno == ESRCH)
		errx(EXIT_FAIL, "-N %s: no such process", arg);
	fail(arg, "cannot open its IPC namespace", errno);
}

/* Whether fd names the mount namespace we are in already. */
static bool same_ns(int fd, const char *self)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(self, &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_dev == b.st_dev;
}

void enter_namespace(const char *arg)
{
	char path[64];
	int ipc, mnt = -1;

	if (strchr(arg, '/')) {
		ipc = open_ipc_file(arg, arg);
	} else {
		int32_t pid;
		const char *why;

		if (parse_pid(arg, &pid, &why) < 0)
			usage_error("-N", "invalid process ID '%s': %s", arg, why);
		ipc = open_pid_ns(arg, pid);
		snprintf(path, sizeof(path), "/proc/%d/ns/mnt", pid);
		mnt = open(path, O_RDONLY | O_CLOEXEC);
	}
	/* The /proc of our PID namespace, for the maps scan and CPID checks,
	 * before another mount namespace brings its own /proc. */
	proc_dir();
	if (setns(ipc, CLONE_NEWIPC) < 0)
		fail(arg, "cannot enter the IPC namespace", errno);
	close(ipc);
	/* where it can: entering a mount namespace needs CAP_SYS_CHROOT too,
	 * and System V segments do not depend on it */
	if (mnt >= 0 && !same_ns(mnt, "/proc/self/ns/mnt"))
		(void)setns(mnt, CLONE_NEWNS);
	if (mnt >= 0)
		close(mnt);
}
