/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <time.h>

#include "array.h"
#include "names.h"
#include "parse.h"
#include "posix.h"
#include "procscan.h"
#include "select.h"
#include "sysv.h"
#include "util.h"
#include "shown.h"

int key_arg(const char *cmd, const char *arg, int32_t *out)
{
	struct key_spec ks;
	const char *why;
	char *path;
	key_t key;

	if (parse_key(arg, &ks, &why) < 0)
		return usage_warn(cmd, "invalid key '%s': %s", arg, why);
	if (!ks.is_ftok) {
		*out = ks.key;
		return 0;
	}
	path = strndup(ks.path, ks.pathlen);
	if (!path) {
		warn("cannot allocate memory");
		return EXIT_FAIL;
	}
	key = ftok(path, ks.proj);
	if (key == -1) {
		int e = errno;
		warnx("%s: ftok %s: %s", cmd, shown_typed(path), strerror(e));
		free(path);
		return EXIT_FAIL;
	}
	free(path);
	*out = (int32_t)key;
	return 0;
}

int size_arg(const char *cmd, const char *arg, uint64_t *out)
{
	const char *why;

	if (parse_size(arg, out, &why) < 0)
		return usage_warn(cmd, "invalid size '%s': %s", arg, why);
	return 0;
}

int id_arg(const char *cmd, const char *arg, int32_t *out)
{
	const char *why;

	if (parse_id(arg, out, &why) < 0)
		return usage_warn(cmd, "invalid shmid '%s': %s", arg, why);
	return 0;
}

static void push_i32(int32_t **v, size_t *n, size_t *cap, int32_t x)
{
	*ARRAY_PUSH(*v, *n, *cap) = x;
}

/* The age is counted from now, the time of the command: a segment is
 * older than d when its CTIME is before now - d. */
static int older_than_option(struct seg_filter *f, const char *arg, const char *cmd)
{
	int64_t now = (int64_t)time(NULL);
	const char *why;
	uint64_t d;

	if (parse_duration(arg, &d, &why) < 0)
		return usage_warn(cmd, "invalid duration '%s': %s", arg, why);
	/* parse_duration keeps d at most INT64_MAX, so this cannot overflow */
	f->created_before = now - (int64_t)d;
	f->has_older = true;
	return 0;
}

int filter_option(void *filter, int id, const char *arg, const char *cmd)
{
	struct seg_filter *f = filter;
	const char *why;
	int32_t v;
	int rc;

	switch (id) {
	case FILTER_OPT_ID:
		rc = id_arg(cmd, arg, &v);
		if (rc == 0)
			push_i32(&f->ids, &f->nids, &f->capids, v);
		return rc;
	case FILTER_OPT_KEY:
		rc = key_arg(cmd, arg, &v);
		if (rc == 0)
			push_i32(&f->keys, &f->nkeys, &f->capkeys, v);
		return rc;
	case FILTER_OPT_OWNER:
		if (user_lookup(arg, &f->owner) < 0)
			return usage_warn(cmd, "invalid user '%s': expected a user name or uid", arg);
		f->has_owner = true;
		return 0;
	case FILTER_OPT_CREATOR:
		if (parse_pid(arg, &f->creator, &why) < 0)
			return usage_warn(cmd, "invalid process ID '%s': %s", arg, why);
		f->has_creator = true;
		return 0;
	case FILTER_OPT_OLDER:
		return older_than_option(f, arg, cmd);
	}
	return 0;
}

static bool has_i32(const int32_t *v, size_t n, int32_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

bool filter_match(const struct seg_filter *f, const struct shm_seg *s)
{
	if (f->nids && (!seg_has(s, SF_SHMID) || !has_i32(f->ids, f->nids, s->shmid)))
		return false;
	if (f->nkeys && (!seg_has(s, SF_KEY) || !has_i32(f->keys, f->nkeys, s->key)))
		return false;
	if (f->has_owner && (!seg_has(s, SF_UID) || s->uid != f->owner))
		return false;
	if (f->has_creator && (!seg_has(s, SF_CPID) || s->cpid != f->creator))
		return false;
	if (f->attached && (!seg_has(s, SF_NATTCH) || s->nattch == 0))
		return false;
	if (f->unattached && (!seg_has(s, SF_NATTCH) || s->nattch != 0))
		return false;
	if (f->dest && !(s->mode & SEG_MODE_DEST))
		return false;
	if (f->locked && !(s->mode & SEG_MODE_LOCKED))
		return false;
	if (f->has_larger && (!seg_has(s, SF_SIZE) || s->size <= f->larger_than))
		return false;
	if (f->has_older && (!seg_has(s, SF_CTIME) || s->ctime >= f->created_before))
		return false;
	/* last: the only test that reads /proc */
	if (f->orphans && !seg_is_orphan(s, NULL))
		return false;
	return true;
}

bool filter_is_empty(const struct seg_filter *f)
{
	return !f->nids && !f->nkeys && !f->has_owner && !f->has_creator && !f->has_larger &&
	       !f->has_older &&
	       !f->attached && !f->unattached && !f->dest && !f->locked && !f->orphans;
}

/* A row without a key (a short line of /proc) is not key 0. */
static bool has_key(const struct seg_list *l, int32_t key)
{
	for (size_t i = 0; i < l->n; i++)
		if (seg_has(&l->v[i], SF_KEY) && l->v[i].key == key)
			return true;
	return false;
}

size_t filter_apply(const struct seg_filter *f, struct seg_list *l, filter_miss_fn *miss,
		    void *data)
{
	size_t missing = 0, n = 0;

	for (size_t i = 0; i < f->nids; i++)
		if (!seg_list_has_shmid(l, f->ids[i])) {
			miss(data, f->ids[i], false, 0);
			missing++;
		}
	for (size_t i = 0; i < f->nkeys; i++)
		if (!has_key(l, f->keys[i])) {
			miss(data, -1, true, f->keys[i]);
			missing++;
		}
	if (filter_is_empty(f))
		return missing;
	for (size_t i = 0; i < l->n; i++)
		if (filter_match(f, &l->v[i]))
			l->v[n++] = l->v[i];
	l->n = n;
	return missing;
}

void filter_free(struct seg_filter *f)
{
	free(f->ids);
	free(f->keys);
	memset(f, 0, sizeof(*f));
}

int private_key_refused(const char *cmd)
{
	return usage_warn(cmd, "key 0x00000000 is IPC_PRIVATE, which every private segment shares; "
			       "select the segment by its shmid");
}

int lookup_posix(const char *cmd, const char *arg, struct shm_seg *out)
{
	char name[POSIX_NAME_BUF_SIZE];
	const char *why;

	if (posix_name_from_arg(arg, name, &why) < 0)
		return usage_warn(cmd, "invalid name '%s': %s", shown_typed(arg), why);
	if (posix_dir_check(&why) < 0) {
		warnx("%s: /dev/shm: %s", cmd, why);
		return EXIT_FAIL;
	}
	if (posix_stat(name, out) < 0) {
		if (errno == ENOENT)
			warnx("%s: %s: no such object", cmd, shown(name));
		else
			warn("%s: %s", cmd, shown(name));
		return EXIT_FAIL;
	}
	return 0;
}

static int lookup_key(const char *cmd, const char *arg, struct shm_seg *out)
{
	int32_t key;
	int rc = key_arg(cmd, arg, &key);

	if (rc)
		return rc;
	if (key == IPC_PRIVATE)
		return private_key_refused(cmd);
	if (sysv_find_key(key, out) < 0) {
		if (errno == ENOENT)
			warnx("%s: key 0x%08x: no such segment", cmd, (unsigned)key);
		else
			warn("%s: key 0x%08x", cmd, (unsigned)key);
		return EXIT_FAIL;
	}
	return 0;
}

int lookup_segment(const char *cmd, const char *id_text, const char *key_text, struct shm_seg *out)
{
	int32_t id;
	int rc;

	if (key_text)
		return lookup_key(cmd, key_text, out);
	if (id_text[0] == '/')
		return lookup_posix(cmd, id_text, out);
	rc = id_arg(cmd, id_text, &id);
	if (rc)
		return rc;
	if (sysv_stat(id, out) < 0) {
		/* the kernel says EINVAL for an id that does not exist */
		if (errno == EINVAL || errno == EIDRM)
			warnx("%s: shmid %d: no such segment", cmd, id);
		else
			warn("%s: shmid %d", cmd, id);
		return EXIT_FAIL;
	}
	return 0;
}

int selector_given(const char *cmd, const struct selector *sel)
{
	if (!sel->operand && !sel->key && !sel->posix)
		return usage_warn(cmd, "no segment given: a shmid, /NAME, -k KEY or --posix NAME; try '%s %s --help'",
				  program_invocation_short_name, cmd);
	return 0;
}

int selector_lookup(const char *cmd, const struct selector *sel, struct shm_seg *out)
{
	if (sel->posix)
		return lookup_posix(cmd, sel->posix, out);
	return lookup_segment(cmd, sel->operand, sel->key, out);
}
