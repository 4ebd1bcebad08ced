/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "array.h"
#include "missing.h"
#include "nsscan.h"
#include "procfs.h"
#include "util.h"

/* /proc/PID/cgroup: one line per hierarchy, a few hundred bytes. */
#define CGROUP_BUF_SIZE 8192

static int stat_ns(int32_t pid, const char *name, struct stat *st)
{
	char path[32];

	snprintf(path, sizeof(path), "%d/ns/%s", pid, name);
	return fstatat(proc_dir(), path, st, 0);
}

static bool same(const struct ipc_ns *ns, const struct stat *st)
{
	return ns->tag.ino == (uint64_t)st->st_ino && ns->dev == st->st_dev;
}

static struct ipc_ns *lookup(struct ns_scan *s, const struct stat *st)
{
	for (size_t i = s->n; i-- > 0;)
		if (same(&s->v[i], st))
			return &s->v[i];
	return NULL;
}

static void add_ipc(struct ns_scan *s, int32_t pid, const struct stat *st)
{
	struct ipc_ns *ns = lookup(s, st);

	if (ns) {
		if (pid < ns->pid)
			ns->pid = pid;
		return;
	}
	ns = ARRAY_PUSH(s->v, s->n, s->cap);
	ns->tag.ino = (uint64_t)st->st_ino;
	ns->dev = st->st_dev;
	ns->pid = pid;
}

/* The mount namespace of pid, whose /dev/shm is looked at once. */
static void add_mnt(struct ns_scan *s, int32_t pid, const struct stat *ipc)
{
	struct shm_mnt *m;
	struct stat st;

	if (stat_ns(pid, "mnt", &st) < 0)
		return;
	for (size_t i = 0; i < s->nmnt; i++) {
		m = &s->mnt[i];
		if (m->mntns == (uint64_t)st.st_ino) {
			if (pid < m->pid) {
				m->pid = pid;
				m->tag.ino = (uint64_t)ipc->st_ino;
			}
			return;
		}
	}
	m = ARRAY_PUSH(s->mnt, s->nmnt, s->capmnt);
	m->mntns = (uint64_t)st.st_ino;
	m->pid = pid;
	m->tag.ino = (uint64_t)ipc->st_ino;
}

static int add_pid(int32_t pid, void *data)
{
	struct ns_scan *s = data;
	struct stat st;

	if (stat_ns(pid, "ipc", &st) < 0) {
		/* a process that ended since readdir is not a failure */
		if (errno != ENOENT && errno != ESRCH)
			s->unreadable++;
		return 0;
	}
	add_ipc(s, pid, &st);
	add_mnt(s, pid, &st);
	return 0;
}

/* The container of process pid into ref; whether there is one. */
static bool name_of(int32_t pid, struct container_ref *ref)
{
	char path[32], buf[CGROUP_BUF_SIZE];
	ssize_t n;

	snprintf(path, sizeof(path), "%d/cgroup", pid);
	n = read_file_at(proc_dir(), path, buf, sizeof(buf));
	return n > 0 && container_from_cgroup(buf, (size_t)n, ref);
}

static const struct ipc_ns *ipc_of(const struct ns_scan *s, uint64_t ino)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].tag.ino == ino)
			return &s->v[i];
	return NULL;
}

/* The /dev/shm of m through /proc/PID/root: no mount namespace to enter.
 * Only a tmpfs is POSIX shared memory. */
static void find_shm(struct ns_scan *s, struct shm_mnt *m)
{
	const struct ipc_ns *ipc = ipc_of(s, m->tag.ino);
	struct statfs sfs;
	struct stat st;

	snprintf(m->dir, sizeof(m->dir), "/proc/%d/root/dev/shm", m->pid);
	m->tag.shm_dir = m->dir;
	if (statfs(m->dir, &sfs) < 0 || sfs.f_type != TMPFS_MAGIC || stat(m->dir, &st) < 0)
		return;
	m->dev = st.st_dev;
	m->first = true;
	for (size_t j = 0; j < s->nmnt && &s->mnt[j] != m; j++)
		if (s->mnt[j].first && s->mnt[j].dev == m->dev)
			m->first = false;
	if (m->first && !(ipc && ipc->host) && name_of(m->pid, &m->ctr))
		m->tag.container = m->ctr.name;
}

/* Whether the namespace of inode ino is the host's (sorts first). */
static bool host_ino(const struct ns_scan *s, uint64_t ino)
{
	const struct ipc_ns *ns = ipc_of(s, ino);

	return ns && ns->host;
}

static int cmp_ns(const void *pa, const void *pb)
{
	const struct ipc_ns *a = pa, *b = pb;

	if (a->host != b->host)
		return a->host ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

static const struct ns_scan *sorting; /* qsort has no context argument */

static int cmp_mnt(const void *pa, const void *pb)
{
	const struct shm_mnt *a = pa, *b = pb;
	bool ha = host_ino(sorting, a->tag.ino), hb = host_ino(sorting, b->tag.ino);

	if (ha != hb)
		return ha ? -1 : 1;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

int ns_scan_find(struct ns_scan *s)
{
	struct stat host, self;
	bool have_host, have_self;

	memset(s, 0, sizeof(*s));
	s->self_fd = -1;
	if (proc_dir() < 0 || proc_each_pid(add_pid, s) < 0)
		return -1;
	/* PID 1 may hide its namespace (another user namespace, an LSM):
	 * the initial one has a fixed inode */
	have_host = stat_ns(1, "ipc", &host) == 0;
	have_self = fstatat(proc_dir(), "self/ns/ipc", &self, 0) == 0;
	for (size_t i = 0; i < s->n; i++) {
		struct ipc_ns *ns = &s->v[i];

		ns->host = have_host ? same(ns, &host) : ns->tag.ino == PROC_IPC_INIT_INO;
		ns->ours = have_self && same(ns, &self);
	}
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_ns);
	for (size_t i = 0; i < s->n; i++)
		if (!s->v[i].host && name_of(s->v[i].pid, &s->v[i].ctr))
			s->v[i].tag.container = s->v[i].ctr.name;
	sorting = s;
	if (s->nmnt > 1)
		qsort(s->mnt, s->nmnt, sizeof(*s->mnt), cmp_mnt);
	for (size_t i = 0; i < s->nmnt; i++)
		find_shm(s, &s->mnt[i]);
	return 0;
}

/* setns into the namespace of ns->pid, checked to be ns: the process may
 * have ended and its PID gone to another since the scan. 0, or -1 with
 * errno. */
static int enter(const struct ipc_ns *ns)
{
	char path[32];
	struct stat st;
	int fd, e;

	snprintf(path, sizeof(path), "%d/ns/ipc", ns->pid);
	fd = openat(proc_dir(), path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !same(ns, &st)) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	e = setns(fd, CLONE_NEWIPC) < 0 ? errno : 0;
	close(fd);
	errno = e;
	return e ? -1 : 0;
}

struct other {
	const struct ipc_ns *ns;
	int32_t pid;
};

static int other_pid(int32_t pid, void *data)
{
	struct other *o = data;
	struct stat st;

	if (pid == o->ns->pid || stat_ns(pid, "ipc", &st) < 0 || !same(o->ns, &st))
		return 0;
	o->pid = pid;
	return 1;
}

/* Enters ns through its process, or another of its processes when that
 * one ended since the scan. 0; 1 when no process is left in it (it is
 * gone: nothing to list, nothing to say); -1 with errno. */
static int enter_any(struct ipc_ns *ns)
{
	struct other o = { ns, 0 };

	if (enter(ns) == 0)
		return 0;
	if (errno != ENOENT && errno != ESRCH)
		return -1;
	if (proc_each_pid(other_pid, &o) <= 0)
		return 1;
	ns->pid = o.pid;
	return enter(ns) == 0 ? 0 : errno == ENOENT || errno == ESRCH ? 1 : -1;
}

int ns_scan_visit(struct ns_scan *s, struct ipc_ns *ns, int (*fn)(struct ipc_ns *, void *),
		  void *data)
{
	int rc;

	if (ns->ours)
		return fn(ns, data);
	if (s->self_fd < 0) {
		s->self_fd = openat(proc_dir(), "self/ns/ipc", O_RDONLY | O_CLOEXEC);
		if (s->self_fd < 0)
			return -1;
	}
	rc = enter_any(ns);
	if (rc > 0)
		return 0;
	if (rc < 0) {
		ns->err = errno;
		s->unentered++;
		return 1;
	}
	rc = fn(ns, data);
	if (setns(s->self_fd, CLONE_NEWIPC) < 0)
		return -1;
	return rc;
}

bool ns_scan_report(const struct ns_scan *s, const char *cmd)
{
	int err = 0;

	for (size_t i = 0; i < s->n && !err; i++)
		err = s->v[i].err;
	if (s->unentered)
		warnx("%s: %zu of %zu IPC namespaces could not be entered: %s", cmd, s->unentered,
		      s->n, strerror(err));
	if (s->unreadable)
		warnx("%s: the IPC namespace of %zu process%s could not be read", cmd, s->unreadable,
		      s->unreadable == 1 ? "" : "es");
	return s->unentered != 0;
}

void ns_scan_free(struct ns_scan *s)
{
	if (s->self_fd >= 0)
		close(s->self_fd);
	free(s->v);
	free(s->mnt);
	memset(s, 0, sizeof(*s));
	s->self_fd = -1;
}

struct by_container {
	const char *arg;
	int32_t pid;
};

static int match_pid(int32_t pid, void *data)
{
	struct by_container *b = data;
	struct container_ref ref;

	if (b->pid && pid > b->pid)
		return 0;
	if (name_of(pid, &ref) && container_matches(&ref, b->arg))
		b->pid = pid;
	return 0;
}

int ns_container_pid(const char *arg, int32_t *pid)
{
	struct by_container b = { arg, 0 };

	if (proc_each_pid(match_pid, &b) < 0)
		return -1;
	if (!b.pid) {
		errno = ENOENT;
		return -1;
	}
	*pid = b.pid;
	return 0;
}
