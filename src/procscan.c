/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "all-io.h"
#include "array.h"
#include "procparse.h"
#include "procscan.h"
#include "util.h"

/* Large reads: the kernel fills them across many lines of maps. */
#define MAPS_BUF_SIZE (128 * 1024)

/* How the pass reads one process: what it looks for, where it puts it. */
struct walk {
	struct proc_scan *ps;
	unsigned what;
	int32_t pid;
	char *buf;
	pid_t self;                /* shmtool maps nothing it is asked about */
	const struct stat *ipc_ns; /* shmtool's IPC namespace; NULL: unknown */
};

static void add_line(struct walk *w, const char *line, size_t len, bool sysv)
{
	struct proc_scan *ps = w->ps;
	struct proc_att *a;
	int32_t shmid, key;
	uint32_t maj, min;
	uint64_t ino;

	if (sysv) {
		if (maps_parse_line(line, len, &shmid, &key) != 1)
			return;
		a = ARRAY_PUSH(ps->v, ps->n, ps->cap);
		a->shmid = shmid;
		a->key = key;
	} else {
		if (maps_parse_file(line, len, "/dev/shm/", &maj, &min, &ino) != 1)
			return;
		a = ARRAY_PUSH(ps->files, ps->nfiles, ps->capfiles);
		a->shmid = -1;
		a->dev = makedev(maj, min);
		a->ino = (ino_t)ino;
	}
	a->pid = w->pid;
}

/* p..end holds whole lines. memmem skips the lines of other mappings
 * without looking at them: almost all of a process's lines. */
static void scan_for(struct walk *w, const char *p, const char *end, const char *needle,
		     bool sysv)
{
	size_t nlen = strlen(needle);
	const char *hit;

	while (p < end && (hit = memmem(p, (size_t)(end - p), needle, nlen))) {
		const char *start = memrchr(p, '\n', (size_t)(hit - p));
		const char *eol = memchr(hit, '\n', (size_t)(end - hit));

		start = start ? start + 1 : p;
		if (!eol)
			eol = end;
		add_line(w, start, (size_t)(eol - start), sysv);
		p = eol + 1;
	}
}

static void scan_lines(struct walk *w, const char *p, const char *end)
{
	if (w->what & PROC_SCAN_SYSV)
		scan_for(w, p, end, "/SYSV", true);
	if (w->what & PROC_SCAN_POSIX)
		scan_for(w, p, end, " /dev/shm/", false);
}

/* 0, or -1 with errno when the read failed. */
static int scan_maps(int fd, struct walk *w)
{
	char *buf = w->buf;
	size_t have = 0;
	bool skipping = false; /* inside a line longer than the buffer */

	for (;;) {
		ssize_t r = read_all(fd, buf + have, MAPS_BUF_SIZE - have);
		char *last;

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
			/* no line of a segment or object is that long */
			if (have == MAPS_BUF_SIZE) {
				have = 0;
				skipping = true;
			}
			continue;
		}
		scan_lines(w, buf, last + 1);
		have -= (size_t)(last + 1 - buf);
		memmove(buf, last + 1, have);
	}
	if (have && !skipping)
		scan_lines(w, buf, buf + have);
	return 0;
}

static int cmp_att(const void *pa, const void *pb)
{
	const struct proc_att *a = pa, *b = pb;

	if (a->ipcns != b->ipcns)
		return (a->ipcns > b->ipcns) - (a->ipcns < b->ipcns);
	if (a->shmid != b->shmid)
		return (a->shmid > b->shmid) - (a->shmid < b->shmid);
	if (a->dev != b->dev)
		return (a->dev > b->dev) - (a->dev < b->dev);
	if (a->ino != b->ino)
		return (a->ino > b->ino) - (a->ino < b->ino);
	return (a->pid > b->pid) - (a->pid < b->pid);
}

static bool same_thing(const struct proc_att *a, const struct proc_att *b)
{
	return a->ipcns == b->ipcns && a->shmid == b->shmid && a->dev == b->dev && a->ino == b->ino;
}

/* The entries of one process from index first on: each thing once, with
 * the comm. The new count. */
static size_t keep_once(struct proc_att *v, size_t first, size_t n, const char comm[16])
{
	size_t out = first;

	/* no qsort of nothing: v may still be NULL (UBSan) */
	if (n - first > 1)
		qsort(v + first, n - first, sizeof(*v), cmp_att);
	for (size_t i = first; i < n; i++) {
		if (out > first && same_thing(&v[out - 1], &v[i]))
			continue;
		v[out] = v[i];
		memcpy(v[out].comm, comm, 16);
		out++;
	}
	return out;
}

/* What one process mapped from first/ffirst on: its System V attachments
 * kept when it shares our IPC namespace, or under PROC_SCAN_ALL_NS each
 * with the namespace it is in; each with its comm. */
static int keep_process(struct walk *w, size_t first, size_t ffirst)
{
	const struct stat *self_ns = w->ipc_ns;
	struct proc_scan *ps = w->ps;
	char path[32], comm[16];
	struct stat st;

	if (ps->n > first && (self_ns || (w->what & PROC_SCAN_ALL_NS))) {
		snprintf(path, sizeof(path), "%d/ns/ipc", w->pid);
		if (fstatat(proc_dir(), path, &st, 0) < 0)
			return -1;
		if (w->what & PROC_SCAN_ALL_NS)
			for (size_t i = first; i < ps->n; i++)
				ps->v[i].ipcns = (uint64_t)st.st_ino;
		else if (st.st_ino != self_ns->st_ino || st.st_dev != self_ns->st_dev)
			ps->n = first;
	}
	if (ps->n == first && ps->nfiles == ffirst)
		return 0;
	proc_comm(w->pid, comm);
	ps->n = keep_once(ps->v, first, ps->n, comm);
	ps->nfiles = keep_once(ps->files, ffirst, ps->nfiles, comm);
	return 0;
}

static void count_unreadable(struct proc_scan *ps, int32_t pid, int e)
{
	char name[16];
	struct stat st;

	ps->unreadable++;
	snprintf(name, sizeof(name), "%d", pid);
	/* /proc/PID's owner is the process's, readable by anyone; EMFILE,
	 * ENOMEM and the like may hide anyone's */
	if ((e == EACCES || e == EPERM) && fstatat(proc_dir(), name, &st, 0) == 0 &&
	    st.st_uid == geteuid())
		return;
	if (!ps->unreadable_others++)
		ps->unreadable_errno = e;
}

/* One process: its maps read once for everything w looks for. */
static int scan_process(int32_t pid, void *data)
{
	struct walk *w = data;
	struct proc_scan *ps = w->ps;
	size_t first = ps->n, ffirst = ps->nfiles;
	char path[32];
	int fd, rc;

	if (pid == w->self)
		return 0;
	w->pid = pid;
	ps->processes++;
	snprintf(path, sizeof(path), "%d/maps", w->pid);
	fd = openat(proc_dir(), path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		/* a process that ended since readdir is not a failure */
		if (errno != ENOENT && errno != ESRCH)
			count_unreadable(ps, w->pid, errno);
		return 0;
	}
	rc = scan_maps(fd, w);
	close(fd);
	if (rc == 0)
		rc = keep_process(w, first, ffirst);
	if (rc < 0) {
		if (errno != ENOENT && errno != ESRCH)
			count_unreadable(ps, w->pid, errno);
		ps->n = first;
		ps->nfiles = ffirst;
	}
	return 0;
}

int proc_scan_run(struct proc_scan *ps, unsigned what)
{
	struct walk w = { .ps = ps, .what = what, .self = getpid() };
	struct stat self_ns;
	int rc;

	memset(ps, 0, sizeof(*ps));
	if (proc_dir() < 0)
		return -1;
	/* without it every process counts: better than none */
	if (fstatat(proc_dir(), "self/ns/ipc", &self_ns, 0) == 0)
		w.ipc_ns = &self_ns;
	w.buf = xmalloc(MAPS_BUF_SIZE);
	rc = proc_each_pid(scan_process, &w);
	free(w.buf);
	if (rc < 0)
		return -1;
	if (ps->n)
		qsort(ps->v, ps->n, sizeof(*ps->v), cmp_att);
	if (ps->nfiles)
		qsort(ps->files, ps->nfiles, sizeof(*ps->files), cmp_att);
	return 0;
}

void proc_scan_free(struct proc_scan *ps)
{
	free(ps->v);
	free(ps->files);
	memset(ps, 0, sizeof(*ps));
}

/* The run of entries of the thing key names in v, sorted by cmp_att. */
static const struct proc_att *find_run(const struct proc_att *v, size_t total,
				       const struct proc_att *key, size_t *n)
{
	size_t lo = 0, hi = total, end;

	*n = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		/* key's pid is below any: the first entry of the run is found */
		if (cmp_att(&v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < total && same_thing(&v[end], key); end++)
		;
	*n = end - lo;
	return *n ? &v[lo] : NULL;
}

const struct proc_att *proc_scan_find(const struct proc_scan *ps, int32_t shmid, size_t *n)
{
	struct proc_att key = { .shmid = shmid, .pid = INT32_MIN };

	*n = 0;
	return ps ? find_run(ps->v, ps->n, &key, n) : NULL;
}

const struct proc_att *proc_scan_find_ns(const struct proc_scan *ps, uint64_t ipcns,
					 int32_t shmid, size_t *n)
{
	struct proc_att key = { .ipcns = ipcns, .shmid = shmid, .pid = INT32_MIN };

	*n = 0;
	return ps ? find_run(ps->v, ps->n, &key, n) : NULL;
}

const struct proc_att *proc_scan_find_file(const struct proc_scan *ps, dev_t dev, ino_t ino,
					   size_t *n)
{
	struct proc_att key = { .shmid = -1, .dev = dev, .ino = ino, .pid = INT32_MIN };

	*n = 0;
	return ps ? find_run(ps->files, ps->nfiles, &key, n) : NULL;
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

static size_t unjudged;
static int unjudged_errno;

/* A creator that /proc could not tell about: e, when it is not the
 * process having ended. */
static enum creator_state unjudged_by(int e)
{
	if (e == ESRCH || e == ENOENT)
		return CREATOR_GONE;
	if (!unjudged++)
		unjudged_errno = e;
	return CREATOR_UNKNOWN;
}

size_t creators_unjudged(int *first_errno)
{
	*first_errno = unjudged_errno;
	return unjudged;
}

/* Judges the process behind an open /proc/CPID directory. A directory fd
 * stays bound to that one process: once it ends, reads through it fail
 * instead of reaching a later process with the same PID. */
static enum creator_state judge(int dfd, const struct shm_seg *s)
{
	char buf[1024], state;
	uint64_t start;
	ssize_t n = read_file_at(dfd, "stat", buf, sizeof(buf) - 1);
	long hz = sysconf(_SC_CLK_TCK);

	if (n < 0)
		return unjudged_by(errno);
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
	if (!seg_has(s, SF_CPID) || !seg_has(s, SF_CTIME) || s->cpid <= 0)
		return -1;
	if (proc_dir() < 0) {
		unjudged_by(errno ? errno : EIO);
		return -1;
	}
	snprintf(name, sizeof(name), "%d", s->cpid);
	dfd = openat(proc_dir(), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		return dfd;
	/* /proc mounted with hidepid hides other users' processes as if they
	 * had ended: only the kernel's ESRCH says they did */
	if (errno != ENOENT)
		unjudged_by(errno);
	else if (kill(s->cpid, 0) < 0 && errno == ESRCH)
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
	char *text = NULL;

	if (dfd < 0)
		return NULL;
	if (judge(dfd, s) == CREATOR_RUNNING)
		text = read_cmdline_at(dfd);
	close(dfd);
	return text;
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
