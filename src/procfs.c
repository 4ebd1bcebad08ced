/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "all-io.h"
#include "procfs.h"
#include "procparse.h"
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
