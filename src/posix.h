/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_POSIX_H
#define SHMTOOL_POSIX_H

/* Every access to POSIX shared memory objects (the files of /dev/shm)
 * lives here: names, listing, create, unlink, mmap. Who maps an object is
 * procscan's to find, by the device and inode posix_file_id gives. Names
 * are given with their leading slash, as shm_open takes them. Functions
 * return 0, or -1 with errno set, unless they say; where -N could not
 * enter the mount namespace (nsenter.h), each of them refuses (ENOTSUP):
 * this /dev/shm is not that namespace's. */

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
 * slash form, checked as posix_name_valid does; names list hides (sem.*
 * of semaphores, dot files) are refused too. The text after the
 * optional slash is in the form list prints (lib/escape.h): "\\" is a
 * backslash, "\xHH" a byte; any other backslash is an error. out holds
 * POSIX_NAME_BUF_SIZE bytes. */
#define POSIX_NAME_BUF_SIZE 258 /* slash, NAME_MAX bytes, NUL */
int posix_name_from_arg(const char *arg, char *out, const char **why);

/* Whether /dev/shm exists, is a tmpfs and is the one of the namespace
 * shmtool works in. 0, or -1 with a reason for the user in *why (strerror,
 * that it is not a tmpfs, or ns_posix_reachable's reason). */
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

/* The device and inode of an object: what /proc/PID/maps names it by
 * (procscan.h's proc_scan_find_file). */
int posix_file_id(const char *name, dev_t *dev, ino_t *ino);

#endif
