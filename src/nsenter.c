/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "missing.h"
#include "nsenter.h"
#include "nsscan.h"
#include "parse.h"
#include "procfs.h"

/* Set when -N left /dev/shm the caller's: the reason POSIX is refused. */
static char posix_why[320];
static bool entered;

bool ns_entered(void)
{
	return entered;
}

bool ns_posix_reachable(const char **why)
{
	if (!posix_why[0])
		return true;
	*why = posix_why;
	return false;
}

static void __attribute__((format(printf, 2, 3))) unreachable(const char *arg, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(posix_why, sizeof(posix_why),
			 "POSIX objects are not reachable: the mount namespace of -N %s ", arg);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(posix_why))
		vsnprintf(posix_why + n, sizeof(posix_why) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* "-N ARG: what: strerror(e)", or without what; always NS_FAILED. */
static enum ns_status failed(char *msg, size_t size, const char *arg, const char *what, int e)
{
	if (what)
		snprintf(msg, size, "-N %s: %s%s%s", arg, what, e ? ": " : "", e ? strerror(e) : "");
	else
		snprintf(msg, size, "-N %s: %s", arg, strerror(e));
	return NS_FAILED;
}

/* An open nsfs file of an IPC namespace, or -1 with msg set. */
static int open_ipc_file(const char *arg, char *msg, size_t size)
{
	struct statfs sfs;
	int fd = open(arg, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), type;

	if (fd < 0 || fstatfs(fd, &sfs) < 0) {
		failed(msg, size, arg, NULL, errno);
		goto fail;
	}
	if (sfs.f_type != NSFS_MAGIC) {
		failed(msg, size, arg, "not a namespace file", 0);
		goto fail;
	}
	type = ioctl(fd, NS_GET_NSTYPE);
	/* kernels before 4.11 cannot say; setns checks the type anyway */
	if (type >= 0 && type != CLONE_NEWIPC) {
		failed(msg, size, arg, "not an IPC namespace", 0);
		goto fail;
	}
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

/* /proc/PID/ns/NAME of our own /proc, or -1 with errno. */
static int open_pid_ns(int32_t pid, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "%d/ns/%s", pid, name);
	return openat(proc_dir(), path, O_RDONLY | O_CLOEXEC);
}

/* Whether fd names the namespace self/ns/NAME we are in already. */
static bool same_ns(int fd, const char *name)
{
	char path[32];
	struct stat a, b;

	snprintf(path, sizeof(path), "self/ns/%s", name);
	return fstat(fd, &a) == 0 && fstatat(proc_dir(), path, &b, 0) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/* The mount namespace of a PID, after its IPC namespace: where it cannot
 * be entered, POSIX objects are refused, System V ones still work. */
static void enter_mnt(const char *arg, int32_t pid)
{
	int mnt = open_pid_ns(pid, "mnt");

	if (mnt < 0) {
		unreachable(arg, "could not be opened: %s", strerror(errno));
		return;
	}
	/* entering a mount namespace needs CAP_SYS_CHROOT besides CAP_SYS_ADMIN */
	if (!same_ns(mnt, "mnt") && setns(mnt, CLONE_NEWNS) < 0)
		unreachable(arg, "could not be entered: %s", strerror(errno));
	close(mnt);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The PID -N ARG names: a number is a PID (a container id of digits only
 * when no such process runs), anything else a container as CONTAINER
 * shows it. */
static enum ns_status resolve_pid(const char *arg, int32_t *pid, char *msg, size_t size)
{
	const char *why;
	char path[32];
	struct stat st;

	if (!all_digits(arg)) {
		if (ns_container_pid(arg, pid) == 0)
			return NS_OK;
		return failed(msg, size, arg, errno == ENOENT ? "no such process or container" : NULL,
			      errno == ENOENT ? 0 : errno);
	}
	if (parse_pid(arg, pid, &why) < 0) {
		snprintf(msg, size, "invalid process ID '%s': %s", arg, why);
		return NS_BAD_ARG;
	}
	snprintf(path, sizeof(path), "%d", *pid);
	/* no such process: a short id may be digits only; *pid stays when none is */
	if (fstatat(proc_dir(), path, &st, 0) < 0 && errno == ENOENT &&
	    strlen(arg) >= CONTAINER_SHORT_LEN)
		(void)ns_container_pid(arg, pid);
	return NS_OK;
}

enum ns_status ns_enter(const char *arg, char *msg, size_t size)
{
	bool file = strchr(arg, '/') != NULL, ours;
	int32_t pid = 0;
	int ipc;

	/* our own /proc, before another mount namespace brings its own */
	if (proc_dir() < 0)
		return failed(msg, size, arg, "cannot open /proc", errno);
	if (file) {
		ipc = open_ipc_file(arg, msg, size);
		if (ipc < 0)
			return NS_FAILED;
	} else {
		enum ns_status st = resolve_pid(arg, &pid, msg, size);

		if (st != NS_OK)
			return st;
		ipc = open_pid_ns(pid, "ipc");
		if (ipc < 0 && (errno == ENOENT || errno == ESRCH))
			return failed(msg, size, arg, "no such process", 0);
		if (ipc < 0)
			return failed(msg, size, arg, "cannot open its IPC namespace", errno);
	}
	ours = same_ns(ipc, "ipc");
	if (setns(ipc, CLONE_NEWIPC) < 0) {
		int e = errno;
		close(ipc);
		return failed(msg, size, arg, "cannot enter the IPC namespace", e);
	}
	close(ipc);
	entered = true;
	if (!file)
		enter_mnt(arg, pid);
	else if (!ours)
		/* a FILE says nothing of the mount namespace that goes with it */
		unreachable(arg, "was not entered (give -N a PID)");
	return NS_OK;
}
