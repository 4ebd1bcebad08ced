/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "all-io.h"
#include "procfs.h"
#include "procshm.h"
#include "sysv.h"
#include "util.h"

static void seg_from_ds(const struct shmid_ds *ds, int shmid, struct shm_seg *s)
{
	memset(s, 0, sizeof(*s));
	s->key = (int32_t)ds->shm_perm.__key;
	s->shmid = shmid;
	s->mode = ds->shm_perm.mode & 07777;
	s->size = ds->shm_segsz;
	s->cpid = ds->shm_cpid;
	s->lpid = ds->shm_lpid;
	s->nattch = ds->shm_nattch;
	s->uid = ds->shm_perm.uid;
	s->gid = ds->shm_perm.gid;
	s->cuid = ds->shm_perm.cuid;
	s->cgid = ds->shm_perm.cgid;
	s->atime = ds->shm_atime;
	s->dtime = ds->shm_dtime;
	s->ctime = ds->shm_ctime;
	s->known = SF_BIT(SF_COUNT) - 1;
	s->known &= ~(SF_BIT(SF_RSS) | SF_BIT(SF_SWAP));
}

/* A line ended by CRLF (a copy that went through another system) reads
 * as the same line ended by LF: the CR would otherwise glue itself to the
 * last field and make the header or every line malformed. */
static size_t line_len(const char *p, const char *nl)
{
	return (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
}

/* One parsed line: added to out, or counted as skipped. */
static void take_line(const struct procshm_layout *layout, const char *p, size_t len,
		      struct seg_list *out, struct list_report *rep)
{
	struct shm_seg *s;

	if (len == 0)
		return;
	s = seg_list_add(out);
	if (procshm_parse_line(layout, p, len, s) < 0 || !seg_has(s, SF_SHMID)) {
		out->n--;
		rep->skipped++;
	}
}

/* 0 when the file was read (malformed lines counted in rep), -1 when it
 * cannot be read or has no usable header. The file is parsed a block at a
 * time: at tens of thousands of segments, holding it whole costs more in
 * page faults than the parsing does. */
static int list_from_proc(int fd, const char *path, struct seg_list *out, struct list_report *rep)
{
	enum { BLOCK = 128 * 1024 };
	struct procshm_layout layout;
	size_t cap = BLOCK, n = 0;
	uint64_t total = 0;
	int have_header = 0, rc = -1;
	char *buf;

	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;
		char *p, *end, *nl;

		if (n == cap) {
			/* a line longer than the buffer: make room for it */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		p = buf;
		r = read_all(fd, buf + n, cap - n);
		if (r < 0)
			goto out;
		n += (size_t)r;
		total += (uint64_t)r;
		if (total > PROC_SHM_MAX) {
			errno = EFBIG;
			goto out;
		}
		end = buf + n;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			if (!have_header) {
				if (procshm_parse_header(p, line_len(p, nl), &layout) < 0) {
					errno = EBADMSG;
					goto out;
				}
				have_header = 1;
			} else {
				take_line(&layout, p, line_len(p, nl), out, rep);
			}
			p = nl + 1;
		}
		if (r == 0) {
			/* a last line without its newline */
			if (!have_header) {
				errno = EBADMSG;
				goto out;
			}
			take_line(&layout, p, line_len(p, end), out, rep);
			break;
		}
		n = (size_t)(end - p);
		memmove(buf, p, n);
	}
	rep->source = path;
	rc = 0;
out:
	free(buf);
	return rc;
}

/* SHMTOOL_PROC_SHM is a test's fixture or an administrator's copy, not the
 * kernel: a regular file of bounded size (a FIFO would block, /dev/zero
 * never end). A missing file means the fallback, as /proc without
 * sysvipc does; one that exists and cannot be used is an error. */
static int list_from_env_file(const char *path, struct seg_list *out, struct list_report *rep)
{
	struct stat st;
	int rc = -1, e;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 1 : -1;
	if (fstat(fd, &st) < 0)
		goto out;
	if (S_ISDIR(st.st_mode))
		errno = EISDIR;
	else if (!S_ISREG(st.st_mode))
		errno = EINVAL;
	else if ((uint64_t)st.st_size > PROC_SHM_MAX)
		errno = EFBIG;
	else
		rc = list_from_proc(fd, path, out, rep);
out:
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* shmctl(cmd) on the indexes lo..hi-1, adding what answers: an index whose
 * segment was removed since SHM_INFO answers EINVAL or EIDRM and is
 * skipped. */
static void stat_range(int cmd, int lo, int hi, struct seg_list *out)
{
	struct shmid_ds ds;

	for (int i = lo; i < hi; i++) {
		/* valgrind does not know SHM_STAT_ANY fills ds */
		memset(&ds, 0, sizeof(ds));
		int id = shmctl(i, cmd, &ds);
		if (id >= 0)
			seg_from_ds(&ds, id, seg_list_add(out));
	}
}

/* shmctl(cmd) on every index up to maxidx, in index order: one call per
 * index, so holes cost no more than the highest index. One thread: split
 * across two CPUs, the loop ran no faster (the kernel side did not scale
 * on the test machine) and a busy machine made it slower. */
static void stat_loop(int cmd, int maxidx, struct seg_list *out)
{
	/* one allocation instead of a doubling series; past 64Ki indexes
	 * (ipcmni_extend) the list grows as it goes */
	seg_list_reserve(out, (maxidx < 65536 ? (size_t)maxidx + 1 : 65536) + 16);
	stat_range(cmd, 0, maxidx + 1, out);
}

/* The highest index in use, IPC_INFO's return value. SHM_INFO returns it
 * too, but first sums every segment's resident and swapped pages, each
 * under its lock: a quarter of the time of a list of 32768 segments.
 * -1 when IPC_INFO fails. */
static int shm_maxidx(void)
{
	struct shminfo lim;

	return shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&lim);
}

/* Whether any segment exists, asked only when the loop found none:
 * IPC_INFO says 0 both for none and for one at index 0. */
static bool shm_any_used(void)
{
	struct shm_info info;

	return shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info) >= 0 && info.used_ids > 0;
}

/* The fast path: SHM_STAT_ANY (Linux 4.17) sees every segment whatever its
 * mode, as /proc does, in binary. -1 when IPC_INFO fails or the kernel
 * refuses SHM_STAT_ANY (EINVAL for every index while some are used). */
static int list_from_stat_any(struct seg_list *out, struct list_report *rep)
{
	int maxidx = shm_maxidx();

	if (maxidx < 0)
		return -1;
	stat_loop(SHM_STAT_ANY, maxidx, out);
	if (out->n == 0 && shm_any_used())
		return -1;
	rep->source = "shmctl";
	return 0;
}

/* The fallback when /proc cannot be read: SHM_STAT_ANY, else SHM_STAT
 * (which sees only what the caller may read). */
static int list_from_shmctl(struct seg_list *out, struct list_report *rep)
{
	int maxidx = shm_maxidx();

	if (maxidx < 0)
		return -1;
	rep->source = "shmctl";
	stat_loop(SHM_STAT_ANY, maxidx, out);
	/* kernels before 4.17 refuse SHM_STAT_ANY with EINVAL for every index */
	if (out->n == 0 && shm_any_used())
		stat_loop(SHM_STAT, maxidx, out);
	return 0;
}

int sysv_list(struct seg_list *out, struct list_report *rep, uint32_t need)
{
	const char *path = getenv("SHMTOOL_PROC_SHM");

	int fd, rc;

	rep->skipped = 0;
	if (path && *path) {
		/* tests name a fixture, or nothing to force the fallback */
		rc = list_from_env_file(path, out, rep);
		if (rc <= 0)
			return rc;
	} else {
		if (!(need & SYSV_PROC_ONLY_FIELDS) && list_from_stat_any(out, rep) == 0)
			return 0;
		out->n = 0;
		if ((fd = open(PROC_SYSVIPC_SHM, O_RDONLY | O_CLOEXEC)) < 0)
			goto fallback;
		rc = list_from_proc(fd, PROC_SYSVIPC_SHM, out, rep);
		close(fd);
		if (rc == 0)
			return 0;
	}
fallback:
	out->n = 0;
	rep->skipped = 0;
	return list_from_shmctl(out, rep);
}

int sysv_stat(int shmid, struct shm_seg *out)
{
	struct shmid_ds ds;
	int e;

	if (shmctl(shmid, IPC_STAT, &ds) == 0) {
		seg_from_ds(&ds, shmid, out);
		return 0;
	}
	e = errno;
	if (e == EACCES) {
		/* SHM_STAT_ANY takes the index, the low bits of the id: the
		 * kernel's IPCMNI is 2^15, or 2^24 with ipcmni_extend. */
		static const int idx_mask[] = { 0x7fff, 0xffffff };
		for (size_t i = 0; i < ARRAY_SIZE(idx_mask); i++) {
			memset(&ds, 0, sizeof(ds));
			int id = shmctl(shmid & idx_mask[i], SHM_STAT_ANY, &ds);
			if (id == shmid) {
				seg_from_ds(&ds, shmid, out);
				return 0;
			}
		}
	}
	errno = e;
	return -1;
}

int sysv_find_key(int32_t key, struct shm_seg *out)
{
	struct seg_list l = { 0 };
	struct list_report rep;

	if (sysv_list(&l, &rep, SYSV_PROC_ONLY_FIELDS) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].key == key) {
			*out = l.v[i];
			seg_list_free(&l);
			return 0;
		}
	}
	seg_list_free(&l);
	errno = ENOENT;
	return -1;
}

int sysv_find_id(int shmid, struct shm_seg *out)
{
	struct seg_list l = { 0 };
	struct list_report rep;

	if (sysv_list(&l, &rep, SYSV_PROC_ONLY_FIELDS) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			if (l.v[i].shmid == shmid) {
				*out = l.v[i];
				seg_list_free(&l);
				return 0;
			}
		}
	}
	seg_list_free(&l);
	return sysv_stat(shmid, out);
}

int sysv_create(int32_t key, uint64_t size, unsigned mode, int extra_flags)
{
	return shmget((key_t)key, (size_t)size, IPC_CREAT | IPC_EXCL | (int)(mode & 0777) | extra_flags);
}

void *sysv_attach(int shmid, int rdonly)
{
	void *p = shmat(shmid, NULL, rdonly ? SHM_RDONLY : 0);

	return p == (void *)-1 ? NULL : p;
}

int sysv_detach(const void *addr)
{
	return shmdt(addr);
}

int sysv_remove(int shmid)
{
	return shmctl(shmid, IPC_RMID, NULL);
}

bool sysv_may_remove(const struct shm_seg *s)
{
	uid_t euid = geteuid();

	if (seg_has(s, SF_UID) && s->uid == euid)
		return true;
	if (seg_has(s, SF_CUID) && s->cuid == euid)
		return true;
	return has_cap(CAP_SYS_ADMIN);
}

int sysv_limits(struct shm_limits *out)
{
	struct shminfo lim;
	struct shm_info use;

	memset(out, 0, sizeof(*out));
	out->page_size = (uint64_t)sysconf(_SC_PAGESIZE);
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&lim) < 0)
		return -1;
	out->shmmni = lim.shmmni;
	out->shmmax = lim.shmmax;
	out->shmall = lim.shmall;
	out->shmmin = lim.shmmin;
	/* IPC_INFO squeezes shmmni into an int; the sysctls hold the real values */
	read_u64_file("/proc/sys/kernel/shmmni", &out->shmmni);
	read_u64_file("/proc/sys/kernel/shmmax", &out->shmmax);
	read_u64_file("/proc/sys/kernel/shmall", &out->shmall);
	if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&use) < 0)
		return -1;
	out->used_ids = (uint64_t)use.used_ids;
	out->pages = use.shm_tot;
	out->resident = use.shm_rss;
	out->swapped = use.shm_swp;
	out->swap_attempts = use.swap_attempts;
	out->swap_successes = use.swap_successes;
	return 0;
}
