/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SEGMENT_H
#define SHMTOOL_SEGMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which fields of a segment are known: /proc may lack columns, and the
 * shmctl fallback cannot see RSS and swap. Unknown prints as empty / null. */
enum seg_field {
	SF_KEY, SF_SHMID, SF_PERMS, SF_SIZE, SF_CPID, SF_LPID, SF_NATTCH,
	SF_UID, SF_GID, SF_CUID, SF_CGID, SF_ATIME, SF_DTIME, SF_CTIME,
	SF_RSS, SF_SWAP,
	SF_COUNT
};

#define SF_BIT(f) (1u << (f))

/* The mode bits the kernel adds to the permission bits. */
#define SEG_MODE_DEST 01000
#define SEG_MODE_LOCKED 02000

/* The IPC namespace a row was read in under --all-namespaces (nsscan.h
 * owns it): the IPCNS and CONTAINER columns. For a POSIX object, the
 * first namespace whose processes see its /dev/shm, and that directory. */
struct seg_ns {
	uint64_t ino;          /* the namespace's inode */
	const char *container; /* NULL for the host's */
	const char *shm_dir;   /* "/proc/PID/root/dev/shm" */
};

struct shm_seg {
	uint32_t known; /* SF_BIT() of each field that holds a value */
	int32_t key;
	int32_t shmid;
	uint32_t mode;
	uint64_t size;
	int32_t cpid, lpid;
	uint64_t nattch;
	uint32_t uid, gid, cuid, cgid;
	int64_t atime, dtime, ctime;
	uint64_t rss, swap;
	/* A POSIX object's name with its leading slash ("/app.shm"); NULL for
	 * a System V segment. It points into posix.c's name pool, so rows copy
	 * freely between lists. One pointer, no type byte: the 32768-row System
	 * V list stays as small as it was. */
	const char *name;
	const struct seg_ns *ns; /* NULL: the namespace shmtool works in */
};

/* Which kind of shared memory a row is: the TYPE column. */
static inline int seg_is_posix(const struct shm_seg *s)
{
	return s->name != NULL;
}

static inline int seg_has(const struct shm_seg *s, enum seg_field f)
{
	return (s->known & SF_BIT(f)) != 0;
}

struct seg_list {
	struct shm_seg *v;
	size_t n, cap;
};

struct shm_seg *seg_list_add(struct seg_list *l);
/* Room for at least more rows past the last one. */
void seg_list_reserve(struct seg_list *l, size_t more);
void seg_list_free(struct seg_list *l);

/* Whether a row of l has this shmid (a row whose shmid is unknown has none). */
bool seg_list_has_shmid(const struct seg_list *l, int32_t shmid);

#endif
