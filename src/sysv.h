/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SYSV_H
#define SHMTOOL_SYSV_H

/* Every System V call and every read of /proc/sysvipc lives here. */

#include <stdbool.h>
#include <stdint.h>
#include <sys/shm.h>

#include "missing.h"
#include "segment.h"

/* Where the segment list comes from; SHMTOOL_PROC_SHM names another file
 * (tests point it at fixtures, or at nothing to force the fallback). */
#define PROC_SYSVIPC_SHM "/proc/sysvipc/shm"

struct list_report {
	const char *source; /* the file read, or "shmctl" */
	size_t skipped;     /* malformed lines left out */
};

/* The fields of a segment only /proc/sysvipc/shm has. */
#define SYSV_PROC_ONLY_FIELDS (SF_BIT(SF_RSS) | SF_BIT(SF_SWAP))

/* The largest SHMTOOL_PROC_SHM file read (documented in the man page):
 * the kernel's own list at 32768 segments is about 6 MiB. */
#define PROC_SHM_MAX (64ull << 20)

/* All segments. need: SF_BIT() of the fields the caller will read. Without
 * a field of SYSV_PROC_ONLY_FIELDS, from IPC_INFO + SHM_STAT_ANY, which is
 * faster than having the kernel format /proc; else, or on kernels without
 * SHM_STAT_ANY, from /proc and, where it cannot be read, from SHM_STAT_ANY
 * or SHM_STAT. 0 or -1. SHMTOOL_PROC_SHM naming a file means that file,
 * whatever need says; one that does not exist means the fallback; one that
 * exists but cannot be used is -1: EISDIR, EINVAL (not a regular file),
 * EFBIG (over PROC_SHM_MAX), EBADMSG (no usable header), or the error of
 * reading it. */
int sysv_list(struct seg_list *out, struct list_report *rep, uint32_t need);

/* One segment by shmid: IPC_STAT, and SHM_STAT_ANY where IPC_STAT lacks
 * read permission. 0, or -1 with errno set. */
int sysv_stat(int shmid, struct shm_seg *out);

/* The first segment with this key. 0, or -1 with errno (ENOENT). */
int sysv_find_key(int32_t key, struct shm_seg *out);

/* One segment by shmid as sysv_list sees it (RSS and swap included where
 * /proc has them), else as sysv_stat does. 0, or -1 with errno. */
int sysv_find_id(int shmid, struct shm_seg *out);

/* shmget with IPC_CREAT|IPC_EXCL: the new shmid, or -1 with errno. */
int sysv_create(int32_t key, uint64_t size, unsigned mode, int extra_flags);

/* shmat, read-only or read-write: the address, or NULL with errno. */
void *sysv_attach(int shmid, int rdonly);
int sysv_detach(const void *addr);

/* IPC_RMID: 0, or -1 with errno. */
int sysv_remove(int shmid);

/* Whether IPC_RMID would let this process remove s: the kernel allows the
 * owner, the creator and CAP_SYS_ADMIN. A prediction: the call decides. */
bool sysv_may_remove(const struct shm_seg *s);

struct shm_limits {
	uint64_t shmmni, shmmax, shmall, shmmin, page_size;
	uint64_t used_ids, pages, resident, swapped;
	uint64_t swap_attempts, swap_successes;
};

int sysv_limits(struct shm_limits *out);

#endif
