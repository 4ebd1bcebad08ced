/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_POSIX_H
#define SHMTOOL_POSIX_H

/* Every access to POSIX shared memory objects (the files of /dev/shm)
 * lives here: names, listing, create, unlink, mmap, and the processes that
 * map an object. Names are given with their leading slash, as shm_open
 * takes them. Functions return 0, or -1 with errno set, unless they say. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "segment.h"

#define POSIX_SHM_DIR "/dev/shm"

/* Whether name is one shm_open takes: one leading slash, then 1 to
 * NAME_MAX bytes with no slash, not "." or "..". 0, or -1 with the reason
 * for the user in *why. */
int posix_name_valid(const char *name, const char **why);

/* A name as a user typed it after --posix ("app" or "/app") in its
 * slash form, checked as posix_name_valid does. out holds
 * POSIX_NAME_BUF_SIZE bytes. */
#define POSIX_NAME_BUF_SIZE 258 /* slash, NAME_MAX bytes, NUL */
int posix_name_from_arg(const char *arg, char *out, const char **why);

/* Whether /dev/shm exists and is a tmpfs. 0, or -1 with a reason for the
 * user in *why (strerror, or that it is not a tmpfs). */
int posix_dir_check(const char **why);

/* The size of the /dev/shm file system and the bytes its files use
 * (statvfs), after posix_dir_check. */
int posix_fs_usage(uint64_t *size, uint64_t *used);

/* Appends every object of /dev/shm to out, sorted by name; files of POSIX
 * semaphores ("sem.*") are not shared memory and are left out. An object
 * that goes between reading the directory and looking at it is left out
 * too. Fails only when /dev/shm cannot be read. */
int posix_list(struct seg_list *out);

/* One object by name (ENOENT when there is none). */
int posix_stat(const char *name, struct shm_seg *out);

/* shm_open with O_CREAT|O_EXCL, the mode set exactly (no umask), then
 * ftruncate to size; a half-made object is unlinked again. EEXIST for a
 * name in use. */
int posix_create(const char *name, uint64_t size, unsigned mode);

/* shm_unlink, with the kernel's errno (EPERM in the sticky /dev/shm). */
int posix_unlink(const char *name);

/* Whether shm_unlink would let this process remove s: write access to
 * /dev/shm and, it being sticky, owning the object or the directory or
 * CAP_FOWNER. A prediction for --dry-run: the call decides. */
bool posix_may_unlink(const struct shm_seg *s);

/* Opens the object read-only or read-write: its descriptor in *fd and its
 * size (fstat) in *len; with addr, also maps it whole, shared (an empty
 * object gives *addr NULL). */
int posix_open_map(const char *name, bool writable, void **addr, size_t *len, int *fd);
int posix_unmap(void *addr, size_t len);

/* The processes mapping files of /dev/shm: one pass over /proc/PID/maps,
 * made once and asked for each object. Processes whose maps this process
 * may not read are not seen. */
struct posix_mapping {
	pid_t pid;
	dev_t dev;
	ino_t ino;
};

struct posix_mappers {
	struct posix_mapping *v;
	size_t n;
};

int posix_mappers_scan(struct posix_mappers *m);

/* The pids mapping the object name, each once, ascending, in a malloc'd
 * array (NULL when none). -1 when the object cannot be looked at. */
int posix_mappers_of(const struct posix_mappers *m, const char *name, pid_t **pids, size_t *n);

void posix_mappers_free(struct posix_mappers *m);

/* Frees the names of the rows posix_list and posix_stat made; rows that
 * point to them must not be used after. */
void posix_names_free(void);

#endif
