/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/magic.h>

#include "nsenter.h"
#include "escape.h"
#include "posix.h"
#include "state.h"
#include "util.h"

/* The names of POSIX rows: blocks that live until the command returns
 * (state.h), so a row can be copied between lists without owning its name. */
struct name_block {
	struct name_block *next;
	size_t used, size;
	char data[];
};

static struct name_block *names;

static void posix_names_free(void)
{
	while (names) {
		struct name_block *next = names->next;
		free(names);
		names = next;
	}
}

static const char *pool_name(const char *slash_name)
{
	size_t n = strlen(slash_name) + 1;

	if (!names || names->size - names->used < n) {
		size_t size = n > 16384 ? n : 16384;
		struct name_block *b = xmalloc(sizeof(*b) + size);
		b->next = names;
		b->used = 0;
		b->size = size;
		if (!names)
			state_register(posix_names_free);
		names = b;
	}
	char *p = memcpy(names->data + names->used, slash_name, n);
	names->used += n;
	return p;
}

int posix_name_valid(const char *name, const char **why)
{
	const char *base = name + 1;
	size_t len;

	if (name[0] != '/') {
		*why = "expected a name starting with a slash";
		return -1;
	}
	len = strlen(base);
	if (len == 0) {
		*why = "expected a name after the slash";
		return -1;
	}
	if (strchr(base, '/')) {
		*why = "expected no slash after the leading one";
		return -1;
	}
	if (len > NAME_MAX) {
		*why = "expected at most 255 bytes after the slash (NAME_MAX)";
		return -1;
	}
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		*why = "expected a name other than '.' and '..'";
		return -1;
	}
	return 0;
}

static bool is_semaphore(const char *base);

int posix_name_from_arg(const char *arg, char *out, const char **why)
{
	const char *base = arg[0] == '/' ? arg + 1 : arg;
	char *bytes = xmalloc(strlen(base) + 1);
	size_t n;
	int rc = -1;

	/* the name as list prints it: lib/escape.h's text, decoded exactly */
	if (unescape_text(base, bytes, &n, why) < 0)
		goto out;
	if (memchr(bytes, '\0', n)) {
		*why = "expected no NUL byte (\\x00) in a name";
		goto out;
	}
	if (n > NAME_MAX) {
		*why = "expected at most 255 bytes after the slash (NAME_MAX)";
		goto out;
	}
	out[0] = '/';
	memcpy(out + 1, bytes, n);
	out[n + 1] = '\0';
	rc = posix_name_valid(out, why);
	if (rc < 0)
		goto out;
	rc = -1;
	/* what list hides no command may touch: rm /sem.x would remove a
	 * semaphore that no listing showed */
	if (is_semaphore(out + 1))
		*why = "sem.NAME is a POSIX semaphore, not shared memory";
	else if (out[1] == '.')
		*why = "expected a name not starting with '.' (list hides those)";
	else
		rc = 0;
out:
	free(bytes);
	return rc;
}

/* -N without the mount namespace: this /dev/shm is the caller's, not the
 * namespace's, and nothing in it may be shown or touched under its name. */
static int reachable(void)
{
	const char *why;

	if (ns_posix_reachable(&why))
		return 0;
	errno = ENOTSUP;
	return -1;
}

int posix_dir_check(const char **why)
{
	struct statfs sfs;

	if (!ns_posix_reachable(why)) {
		errno = ENOTSUP;
		return -1;
	}

	if (statfs(POSIX_SHM_DIR, &sfs) < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (sfs.f_type != TMPFS_MAGIC) {
		*why = "not a tmpfs file system, so not POSIX shared memory";
		errno = ENOTSUP;
		return -1;
	}
	return 0;
}

int posix_fs_usage(uint64_t *size, uint64_t *used)
{
	struct statvfs v;

	if (reachable() < 0)
		return -1;
	if (statvfs(POSIX_SHM_DIR, &v) < 0)
		return -1;
	*size = (uint64_t)v.f_blocks * v.f_frsize;
	*used = (uint64_t)(v.f_blocks - v.f_bfree) * v.f_frsize;
	return 0;
}

static void seg_from_stat(const struct stat *st, const char *slash_name, struct shm_seg *s)
{
	memset(s, 0, sizeof(*s));
	s->shmid = -1;
	/* setuid, setgid and sticky mean nothing here; keep them out of
	 * SEG_MODE_DEST and SEG_MODE_LOCKED */
	s->mode = st->st_mode & 0777;
	s->size = (uint64_t)st->st_size;
	s->uid = st->st_uid;
	s->gid = st->st_gid;
	s->ctime = st->st_ctime;
	/* tmpfs counts the pages the object holds, in memory or in swap */
	s->rss = (uint64_t)st->st_blocks * 512;
	s->known = SF_BIT(SF_PERMS) | SF_BIT(SF_SIZE) | SF_BIT(SF_UID) | SF_BIT(SF_GID) |
		   SF_BIT(SF_CTIME) | SF_BIT(SF_RSS);
	s->name = pool_name(slash_name);
}

static bool is_semaphore(const char *base)
{
	return strncmp(base, "sem.", 4) == 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct shm_seg *)a)->name, ((const struct shm_seg *)b)->name);
}

int posix_list(struct seg_list *out)
{
	char slash_name[POSIX_NAME_BUF_SIZE];
	size_t first = out->n;
	struct dirent *d;
	DIR *dir;

	if (reachable() < 0)
		return -1;
	dir = opendir(POSIX_SHM_DIR);
	if (!dir)
		return -1;
	while ((errno = 0, d = readdir(dir))) {
		struct stat st;

		if (d->d_type != DT_REG && d->d_type != DT_UNKNOWN)
			continue;
		if (d->d_name[0] == '.' || is_semaphore(d->d_name))
			continue;
		if (fstatat(dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		slash_name[0] = '/';
		snprintf(slash_name + 1, sizeof(slash_name) - 1, "%s", d->d_name);
		seg_from_stat(&st, slash_name, seg_list_add(out));
	}
	if (errno) {
		int e = errno;
		closedir(dir);
		errno = e;
		return -1;
	}
	closedir(dir);
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_name);
	return 0;
}

/* The path of an object in /dev/shm; name is valid. */
static void object_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", POSIX_SHM_DIR, name);
}

#define PATH_BUF_SIZE (sizeof(POSIX_SHM_DIR) + POSIX_NAME_BUF_SIZE)

int posix_stat(const char *name, struct shm_seg *out)
{
	char path[PATH_BUF_SIZE];
	struct stat st;

	if (reachable() < 0)
		return -1;
	object_path(name, path, sizeof(path));
	if (lstat(path, &st) < 0)
		return -1;
	/* shm_open follows no symlink and opens no directory */
	if (!S_ISREG(st.st_mode)) {
		errno = ENOENT;
		return -1;
	}
	seg_from_stat(&st, name, out);
	return 0;
}

int posix_create(const char *name, uint64_t size, unsigned mode)
{
	int fd, e;

	if (reachable() < 0)
		return -1;
	if (size > (uint64_t)INT64_MAX) {
		errno = EFBIG;
		return -1;
	}
	fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, mode & 0777);
	if (fd < 0)
		return -1;
	/* the umask took bits from shm_open's mode: the user asked for these */
	if (fchmod(fd, mode & 07777) < 0 || ftruncate(fd, (off_t)size) < 0)
		goto fail;
	close(fd);
	return 0;
fail:
	e = errno;
	close(fd);
	shm_unlink(name);
	errno = e;
	return -1;
}

int posix_unlink(const char *name)
{
	char path[PATH_BUF_SIZE];

	if (reachable() < 0)
		return -1;
	/* shm_unlink itself, minus glibc turning the sticky directory's EPERM
	 * into EACCES: the user gets the kernel's reason */
	object_path(name, path, sizeof(path));
	return unlink(path);
}

bool posix_may_unlink(const struct shm_seg *s)
{
	struct stat dir;
	uid_t euid = geteuid();

	if (stat(POSIX_SHM_DIR, &dir) < 0 ||
	    faccessat(AT_FDCWD, POSIX_SHM_DIR, W_OK | X_OK, AT_EACCESS) < 0)
		return false;
	if (!(dir.st_mode & S_ISVTX) || s->uid == euid || dir.st_uid == euid)
		return true;
	return has_cap(CAP_FOWNER);
}

int posix_open_map(const char *name, bool writable, void **addr, size_t *len, int *fdp)
{
	struct stat st;
	void *p;
	int e, fd;

	if (reachable() < 0)
		return -1;
	fd = shm_open(name, writable ? O_RDWR : O_RDONLY, 0);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if ((uint64_t)st.st_size > SIZE_MAX) {
		errno = EFBIG;
		goto fail;
	}
	*len = (size_t)st.st_size;
	if (addr) {
		*addr = NULL;
		if (*len) {
			p = mmap(NULL, *len, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED, fd, 0);
			if (p == MAP_FAILED)
				goto fail;
			*addr = p;
		}
	}
	*fdp = fd;
	return 0;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int posix_unmap(void *addr, size_t len)
{
	return len ? munmap(addr, len) : 0;
}

int posix_file_id(const char *name, dev_t *dev, ino_t *ino)
{
	char path[PATH_BUF_SIZE];
	struct stat st;

	object_path(name, path, sizeof(path));
	if (lstat(path, &st) < 0)
		return -1;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}
