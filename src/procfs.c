/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "all-io.h"
#include "procfs.h"
#include "procparse.h"
#include "xalloc.h"
#include "state.h"

static int proc_fd = -1;

static void proc_dir_close(void)
{
	close(proc_fd);
	proc_fd = -1;
}

int proc_dir(void)
{
	if (proc_fd < 0) {
		proc_fd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (proc_fd >= 0)
			state_register(proc_dir_close);
	}
	return proc_fd;
}

ssize_t read_file_at(int dfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC), e;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read_all(fd, buf, size);
	e = errno;
	close(fd);
	errno = e;
	return n;
}

void proc_comm(int32_t pid, char comm[16])
{
	char path[32];
	ssize_t r;

	comm[0] = '\0';
	if (proc_dir() < 0)
		return;
	snprintf(path, sizeof(path), "%d/comm", pid);
	r = read_file_at(proc_dir(), path, comm, 15);
	if (r <= 0)
		return;
	/* only the kernel's final newline: a name may hold others */
	if (comm[r - 1] == '\n')
		r--;
	comm[r] = '\0';
}

char *read_cmdline_at(int dfd)
{
	size_t cap = 4096, n = 0;
	char *buf = NULL;

	for (;;) {
		ssize_t r;

		buf = xrealloc(buf, cap + 1);
		r = read_file_at(dfd, "cmdline", buf, cap);
		if (r < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)r < cap) {
			n = (size_t)r;
			break;
		}
		cap *= 2;
	}
	while (n && buf[n - 1] == '\0')
		n--;
	if (!n) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	/* the arguments' separators */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	return buf;
}

char *proc_cmdline(int32_t pid)
{
	char path[16];
	char *text;
	int dfd;

	if (proc_dir() < 0)
		return NULL;
	snprintf(path, sizeof(path), "%d", pid);
	dfd = openat(proc_dir(), path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return NULL;
	text = read_cmdline_at(dfd);
	close(dfd);
	return text;
}

int read_u64_file(const char *path, uint64_t *out)
{
	char buf[64];
	ssize_t n = read_file_at(AT_FDCWD, path, buf, sizeof(buf));

	if (n < 0)
		return -1;
	if (u64_text_parse(buf, (size_t)n, out) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Whether a name in /proc is a process's directory: a decimal number with
 * no leading zero. */
static bool is_pid_name(const char *s)
{
	if (*s < '1' || *s > '9')
		return false;
	while (*++s)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int proc_each_pid(int (*fn)(int32_t pid, void *data), void *data)
{
	int dfd = proc_dir() < 0 ? -1 : openat(proc_dir(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dirent *de;
	DIR *dir;
	int rc = 0;

	if (dfd < 0)
		return -1;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -1;
	}
	while (!rc && (de = readdir(dir)))
		if (is_pid_name(de->d_name))
			rc = fn((int32_t)strtol(de->d_name, NULL, 10), data);
	closedir(dir);
	return rc;
}
