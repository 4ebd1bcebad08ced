/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posix.h"
#include "procscan.h"
#include "segmap.h"
#include "sysv.h"
#include "shown.h"

/* The memory of our own read-only attach as a file: pread of it reads
 * holes as zeros without allocating them, where the mapping would fault
 * every page in. Only with CAP_SYS_ADMIN (the kernel guards map_files), and
 * only for a mapping of whole small pages (a huge-page segment's mapping
 * ends elsewhere): -1 otherwise, and the mapping is read instead. */
static int map_files_fd(const void *addr, uint64_t size)
{
	uint64_t pg = (uint64_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = (uintptr_t)addr;
	char path[64];
	int fd;

	if (size == 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/self/map_files/%" PRIxPTR "-%" PRIxPTR, start,
		 start + (uintptr_t)((size + pg - 1) / pg * pg));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd;
}

/* The segment as a process that holds it maps it, from /proc/PID/maps: the
 * range of the one mapping of it whole (its inode is the shmid). 0, or -1. */
static int held_range(int pid, const struct shm_seg *seg, char *range, size_t len)
{
	uint64_t pg = (uint64_t)sysconf(_SC_PAGESIZE), want = (seg->size + pg - 1) / pg * pg;
	char path[32], *line = NULL;
	size_t cap = 0;
	int rc = -1, fd;
	FILE *f;

	snprintf(path, sizeof(path), "%d/maps", pid);
	if ((fd = openat(proc_dir(), path, O_RDONLY | O_CLOEXEC)) < 0 || !(f = fdopen(fd, "r"))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (rc < 0 && getline(&line, &cap, f) > 0) {
		unsigned long long start, end, off, ino;
		int name = 0;

		if (sscanf(line, "%llx-%llx %*s %llx %*s %llu %n", &start, &end, &off, &ino, &name) == 4 &&
		    name && ino == (unsigned long long)seg->shmid && off == 0 && end - start == want &&
		    strncmp(line + name, "/SYSV", 5) == 0) {
			snprintf(range, len, "%llx-%llx", start, end);
			rc = 0;
		}
	}
	free(line);
	fclose(f);
	return rc;
}

/* Reading through the mapping of a process already attached (its LPID, or
 * its creator) leaves LPID, ATIME, DTIME and NATTCH as they were: there is
 * no attach of ours. Root only (map_files of another process), and only
 * when the file opened is the segment (its inode is the shmid). */
static int pid_fd(int pid, const struct shm_seg *now)
{
	char range[48], path[96];
	struct stat st;
	int fd;

	if (pid <= 0 || held_range(pid, now, range, sizeof(range)) < 0)
		return -1;
	snprintf(path, sizeof(path), "%d/map_files/%s", pid, range);
	fd = openat(proc_dir(), path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_ino == (ino_t)now->shmid &&
	    (uint64_t)st.st_size == now->size)
		return fd;
	close(fd);
	return -1;
}

/* The LPID and the creator are the likely holders; else one scan of
 * /proc finds them all. */
static int holder_fd(const struct shm_seg *now)
{
	struct proc_scan ps = { 0 };
	const struct proc_att *a;
	size_t n = 0;
	int fd;

	/* map_files of another process wants CAP_SYS_ADMIN: spare others the scan */
	if (now->nattch == 0 || geteuid() != 0 || proc_dir() < 0)
		return -1;
	if ((fd = pid_fd(now->lpid, now)) >= 0 || (fd = pid_fd(now->cpid, now)) >= 0)
		return fd;
	if (proc_scan_run(&ps, PROC_SCAN_SYSV) == 0 && (a = proc_scan_find(&ps, now->shmid, &n)) != NULL)
		for (size_t i = 0; i < n && fd < 0; i++)
			fd = pid_fd(a[i].pid, now);
	proc_scan_free(&ps);
	return fd;
}

static int open_posix(const struct shm_seg *seg, bool rdonly, struct segmap *m)
{
	void *p = NULL;
	size_t len;

	snprintf(m->label, sizeof(m->label), "%s", shown(m->name));
	if (posix_open_map(m->name, !rdonly, rdonly ? NULL : &p, &len, &m->fd) < 0)
		return -1;
	(void)seg;
	m->addr = p;
	m->size = len;
	return 0;
}

static int open_sysv(const struct shm_seg *seg, bool rdonly, struct segmap *m)
{
	struct shm_seg now;
	void *p;
	int e;

	snprintf(m->label, sizeof(m->label), "shmid %d", seg->shmid);
	if (rdonly && sysv_stat(seg->shmid, &now) == 0 && (m->fd = holder_fd(&now)) >= 0) {
		m->size = now.size;
		return 0;
	}
	p = sysv_attach(seg->shmid, rdonly);
	if (!p)
		return -1;
	/* the size the kernel gives the segment we hold, not the one the
	 * list said (SHMTOOL_PROC_SHM may say anything) */
	if (sysv_stat(seg->shmid, &now) < 0) {
		e = errno;
		(void)sysv_detach(p);
		errno = e;
		return -1;
	}
	m->addr = p;
	m->size = now.size;
	if (rdonly) {
		m->fd = map_files_fd(p, m->size);
		/* the file keeps the memory alive: the mapping is not needed */
		if (m->fd >= 0 && sysv_detach(p) == 0)
			m->addr = NULL;
	}
	return 0;
}

int segmap_open(const struct shm_seg *seg, bool rdonly, struct segmap *m)
{
	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->name = seg_is_posix(seg) ? seg->name : NULL;
	m->shmid = seg->shmid;
	return m->name ? open_posix(seg, rdonly, m) : open_sysv(seg, rdonly, m);
}

const char *segmap_strerror(const struct segmap *m, int e)
{
	/* gone since it was selected: unlinked, or removed (EINVAL, EIDRM) */
	if (m->name && e == ENOENT)
		return "no such object";
	if (!m->name && (e == EINVAL || e == EIDRM))
		return "no such segment";
	return strerror(e);
}

int segmap_close(struct segmap *m)
{
	int rc = 0;

	if (m->addr && (m->name ? posix_unmap(m->addr, (size_t)m->size) : sysv_detach(m->addr)) < 0)
		rc = -1;
	m->addr = NULL;
	if (m->fd >= 0) {
		int e = errno;
		close(m->fd);
		errno = e;
	}
	m->fd = -1;
	return rc;
}

int segmap_range(const struct segmap *m, uint64_t offset, bool has_length, uint64_t *length,
		 char *why, size_t whylen)
{
	if (offset > m->size) {
		snprintf(why, whylen,
			 "offset %" PRIu64 " is beyond the end of the segment (%" PRIu64 " bytes)",
			 offset, m->size);
		return -1;
	}
	if (!has_length) {
		*length = m->size - offset;
		return 0;
	}
	if (*length > m->size - offset) {
		snprintf(why, whylen,
			 "offset %" PRIu64 " + length %" PRIu64
			 " is beyond the end of the segment (%" PRIu64 " bytes)",
			 offset, *length, m->size);
		return -1;
	}
	return 0;
}
