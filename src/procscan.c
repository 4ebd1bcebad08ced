/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "procparse.h"
#include "procscan.h"
#include "util.h"

/* Large reads: the kernel fills them across many lines of maps. */
#define MAPS_BUF_SIZE (128 * 1024)

int proc_dir(void)
{
	static int fd = -1;

	if (fd < 0)
		fd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
	return fd;
}

static void add_att(struct proc_scan *ps, int32_t shmid, int32_t key, int32_t pid)
{
	struct proc_att *a;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->v = xreallocarray(ps->v, ps->cap, sizeof(*ps->v));
	}
	a = &ps->v[ps->n++];
	memset(a, 0, sizeof(*a));
	a->shmid = shmid;
	a->key = key;
	a->pid = pid;
}

/* p..end holds whole lines. memmem skips the lines of other mappings
 * without looking at them: almost all of a process's lines. */
static void scan_lines(const char *p, const char *end, int32_t pid, struct proc_scan *ps)
{
	const char *hit;

	while (p < end && (hit = memmem(p, (size_t)(end - p), "/SYSV", 5))) {
		const char *start = memrchr(p, '\n', (size_t)(hit - p));
		const char *eol = memchr(hit, '\n', (size_t)(end - hit));
		int32_t shmid, key;

		start = start ? start + 1 : p;
		if (!eol)
			eol = end;
		if (maps_parse_line(start, (size_t)(eol - start), &shmid, &key) == 1)
			add_att(ps, shmid, key, pid);
		p = eol + 1;
	}
}

/* 0, or -1 with errno when the read failed. */
static int scan_maps(int fd, char *buf, int32_t pid, struct proc_scan *ps)
{
	size_t have = 0;
	bool skipping = false; /* inside a line longer than the buffer */

	for (;;) {
		ssize_t r = read(fd, buf + have, MAPS_BUF_SIZE - have);
		char *last;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		have += (size_t)r;
		if (skipping) {
			char *nl = memchr(buf, '\n', have);
			if (!nl) {
				have = 0;
				continue;
			}
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have);
			skipping = false;
		}
		last = memrchr(buf, '\n', have);
		if (!last) {
			/* no segment's line is that long */
			if (have == MAPS_BUF_SIZE) {
				have = 0;
				skipping = true;
			}
			continue;
		}
		scan_lines(buf, last + 1, pid, ps);
		have -= (size_t)(last + 1 - buf);
		memmove(buf, last + 1, have);
	}
	if (have && !skipping)
		scan_lines(buf, buf + have, pid, ps);
	return 0;
}

static int cmp_att(const void *pa, const void *pb)
{
	const struct proc_att *a = pa, *b = pb;

	if (a->shmid != b->shmid)
		return (a->shmid > b->shmid) - (a->shmid < b->shmid);
	return (a->pid > b->pid) - (a->pid < b->pid);
}

static void read_comm(int pfd, int32_t pid, char comm[16])
{
	char path[32];
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "%d/comm", pid);
	fd = openat(pfd, path, O_RDONLY | O_CLOEXEC);
	comm[0] = '\0';
	if (fd < 0)
		return;
	r = read(fd, comm, 15);
	close(fd);
	if (r <= 0)
		return;
	/* only the kernel's final newline: a name may hold others */
	if (comm[r - 1] == '\n')
		r--;
	comm[r] = '\0';
}

/* The attachments found in one process from index first on: kept when the
 * process shares our IPC namespace, with its comm; once per segment. */
static int keep_process(struct proc_scan *ps, size_t first, int pfd, int32_t pid,
			const struct stat *self_ns)
{
	char path[32], comm[16];
	struct stat st;
	size_t n = first;

	snprintf(path, sizeof(path), "%d/ns/ipc", pid);
	if (fstatat(pfd, path, &st, 0) < 0)
		return -1;
	if (self_ns && (st.st_ino != self_ns->st_ino || st.st_dev != self_ns->st_dev)) {
		ps->n = first;
		return 0;
	}
	read_comm(pfd, pid, comm);
	qsort(ps->v + first, ps->n - first, sizeof(*ps->v), cmp_att);
	for (size_t i = first; i < ps->n; i++) {
		if (n > first && ps->v[n - 1].shmid == ps->v[i].shmid)
			continue;
		ps->v[n] = ps->v[i];
		memcpy(ps->v[n].comm, comm, sizeof(comm));
		n++;
	}
	ps->n = n;
	return 0;
}

static bool is_pid_name(const char *s)
{
	if (*s < '1' || *s > '9')
		return false;
	while (*++s)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int proc_scan_run(struct proc_scan *ps)
{
	int pfd = proc_dir(), dfd;
	struct stat self_ns;
	const struct stat *ns = &self_ns;
	struct dirent *de;
	DIR *dir;
	char *buf;

	memset(ps, 0, sizeof(*ps));
	if (pfd < 0)
		return -1;
	/* without it every process counts: better than none */
	if (fstatat(pfd, "self/ns/ipc", &self_ns, 0) < 0)
		ns = NULL;
	dfd = openat(pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	dir = fdopendir(dfd);
	if (!dir) {
		close(dfd);
		return -1;
	}
	buf = xmalloc(MAPS_BUF_SIZE);
	while ((de = readdir(dir))) {
		char path[32];
		size_t first = ps->n;
		int32_t pid;
		int fd;

		if (!is_pid_name(de->d_name))
			continue;
		pid = (int32_t)strtol(de->d_name, NULL, 10);
		ps->processes++;
		snprintf(path, sizeof(path), "%d/maps", pid);
		fd = openat(pfd, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			/* a process that ended since readdir is not a failure */
			if (errno != ENOENT && errno != ESRCH)
				ps->unreadable++;
			continue;
		}
		if (scan_maps(fd, buf, pid, ps) < 0) {
			if (errno != ENOENT && errno != ESRCH)
				ps->unreadable++;
			ps->n = first;
		}
		close(fd);
		if (ps->n > first && keep_process(ps, first, pfd, pid, ns) < 0) {
			if (errno != ENOENT && errno != ESRCH)
				ps->unreadable++;
			ps->n = first;
		}
	}
	free(buf);
	closedir(dir);
	if (ps->n)
		qsort(ps->v, ps->n, sizeof(*ps->v), cmp_att);
	return 0;
}

void proc_scan_free(struct proc_scan *ps)
{
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

const struct proc_att *proc_scan_find(const struct proc_scan *ps, int32_t shmid, size_t *n)
{
	size_t lo = 0, hi = ps ? ps->n : 0, end;

	*n = 0;
	/* the first entry with this shmid */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ps->v[mid].shmid < shmid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; ps && end < ps->n && ps->v[end].shmid == shmid; end++)
		;
	*n = end - lo;
	return *n ? &ps->v[lo] : NULL;
}

/* The wall-clock time of boot: realtime minus boottime, to the nanosecond,
 * where /proc/stat's btime is truncated to the second. */
static int64_t boot_ns(void)
{
	static int64_t cached;
	struct timespec rt, bt;

	if (cached)
		return cached;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	cached = ((int64_t)rt.tv_sec - bt.tv_sec) * 1000000000 + (rt.tv_nsec - bt.tv_nsec);
	return cached;
}

static ssize_t read_at(int dfd, const char *name, char *buf, size_t size)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	size_t n = 0;

	if (fd < 0)
		return -1;
	while (n < size) {
		ssize_t r = read(fd, buf + n, size - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	return (ssize_t)n;
}

/* Judges the process behind an open /proc/CPID directory. A directory fd
 * stays bound to that one process: once it ends, reads through it fail
 * instead of reaching a later process with the same PID. */
static enum creator_state judge(int dfd, const struct shm_seg *s)
{
	char buf[1024], state;
	uint64_t start;
	ssize_t n = read_at(dfd, "stat", buf, sizeof(buf) - 1);
	long hz = sysconf(_SC_CLK_TCK);

	if (n < 0)
		return errno == ESRCH || errno == ENOENT ? CREATOR_GONE : CREATOR_UNKNOWN;
	if (n == 0)
		return CREATOR_GONE;
	if (stat_parse(buf, (size_t)n, &state, &start) < 0 || hz <= 0)
		return CREATOR_UNKNOWN;
	if (state == 'Z' || state == 'X')
		return CREATOR_GONE;
	return started_before(start, hz, boot_ns(), s->ctime) ? CREATOR_RUNNING : CREATOR_GONE;
}

/* An open /proc/CPID, or -1 with *st set when there is none. */
static int open_creator(const struct shm_seg *s, enum creator_state *st)
{
	char name[16];
	int dfd;

	*st = CREATOR_UNKNOWN;
	/* CPID 0: the creator is outside our PID namespace */
	if (!seg_has(s, SF_CPID) || !seg_has(s, SF_CTIME) || s->cpid <= 0 || proc_dir() < 0)
		return -1;
	snprintf(name, sizeof(name), "%d", s->cpid);
	dfd = openat(proc_dir(), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		return dfd;
	/* /proc mounted with hidepid hides other users' processes as if they
	 * had ended: only the kernel's ESRCH says they did */
	if (errno == ENOENT && kill(s->cpid, 0) < 0 && errno == ESRCH)
		*st = CREATOR_GONE;
	return -1;
}

enum creator_state creator_state(const struct shm_seg *s)
{
	enum creator_state st;
	int dfd = open_creator(s, &st);

	if (dfd < 0)
		return st;
	st = judge(dfd, s);
	close(dfd);
	return st;
}

char *creator_cmdline(const struct shm_seg *s)
{
	enum creator_state st;
	int dfd = open_creator(s, &st);
	size_t cap = 4096, n = 0;
	char *buf = NULL;

	if (dfd < 0)
		return NULL;
	if (judge(dfd, s) != CREATOR_RUNNING)
		goto fail;
	for (;;) {
		ssize_t r;

		buf = xrealloc(buf, cap + 1);
		r = read_at(dfd, "cmdline", buf, cap);
		if (r < 0)
			goto fail;
		if ((size_t)r < cap) {
			n = (size_t)r;
			break;
		}
		cap *= 2;
	}
	close(dfd);
	while (n && buf[n - 1] == '\0')
		n--;
	if (!n) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		/* the arguments' separators; any other byte stays for the
		 * renderers to escape (lib/escape.h) */
		if (c == '\0')
			buf[i] = ' ';
	}
	return buf;
fail:
	free(buf);
	close(dfd);
	return NULL;
}

bool seg_is_orphan(const struct shm_seg *s, const struct proc_scan *ps)
{
	size_t n;

	if (!seg_has(s, SF_NATTCH) || s->nattch != 0)
		return false;
	if (ps && proc_scan_find(ps, s->shmid, &n))
		return false;
	return creator_state(s) == CREATOR_GONE;
}
