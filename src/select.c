/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>

#include "names.h"
#include "parse.h"
#include "posix.h"
#include "procscan.h"
#include "select.h"
#include "sysv.h"
#include "util.h"
#include "shown.h"

int32_t resolve_key(const char *arg, const char *cmd)
{
	struct key_spec ks;
	const char *why;
	char *path;
	key_t key;

	if (parse_key(arg, &ks, &why) < 0)
		usage_error(cmd, "invalid key '%s': %s", arg, why);
	if (!ks.is_ftok)
		return ks.key;
	path = strndup(ks.path, ks.pathlen);
	if (!path)
		err(EXIT_FAIL, "cannot allocate memory");
	key = ftok(path, ks.proj);
	if (key == -1) {
		int e = errno;
		warnx("%s: ftok %s: %s", cmd, shown_typed(path), strerror(e));
		free(path);
		exit(EXIT_FAIL);
	}
	free(path);
	return (int32_t)key;
}

uint64_t resolve_size(const char *arg, const char *cmd)
{
	uint64_t v;
	const char *why;

	if (parse_size(arg, &v, &why) < 0)
		usage_error(cmd, "invalid size '%s': %s", arg, why);
	return v;
}

int32_t resolve_id(const char *arg, const char *cmd)
{
	int32_t id;
	const char *why;

	if (parse_id(arg, &id, &why) < 0)
		usage_error(cmd, "invalid shmid '%s': %s", arg, why);
	return id;
}

static void push_i32(int32_t **v, size_t *n, int32_t x)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

int filter_option(struct seg_filter *f, int c, const char *arg, const char *cmd)
{
	const char *why;

	switch (c) {
	case 'i':
		push_i32(&f->ids, &f->nids, resolve_id(arg, cmd));
		return 1;
	case 'k':
		push_i32(&f->keys, &f->nkeys, resolve_key(arg, cmd));
		return 1;
	case 'u':
		if (user_lookup(arg, &f->owner) < 0)
			usage_error(cmd, "invalid user '%s': expected a user name or uid", arg);
		f->has_owner = true;
		return 1;
	case OPT_CREATOR:
		if (parse_pid(arg, &f->creator, &why) < 0)
			usage_error(cmd, "invalid process ID '%s': %s", arg, why);
		f->has_creator = true;
		return 1;
	case OPT_ATTACHED:
		f->attached = true;
		return 1;
	case OPT_UNATTACHED:
		f->unattached = true;
		return 1;
	case OPT_DEST:
		f->dest = true;
		return 1;
	case OPT_LOCKED:
		f->locked = true;
		return 1;
	case OPT_ORPHANS:
		f->orphans = true;
		return 1;
	case OPT_LARGER:
		f->larger_than = resolve_size(arg, cmd);
		f->has_larger = true;
		return 1;
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
	/* last: the only test that reads /proc */
	if (f->orphans && !seg_is_orphan(s, NULL))
		return false;
	return true;
}

bool filter_is_empty(const struct seg_filter *f)
{
	return !f->nids && !f->nkeys && !f->has_owner && !f->has_creator && !f->has_larger &&
	       !f->attached && !f->unattached && !f->dest && !f->locked && !f->orphans;
}

size_t filter_apply(const struct seg_filter *f, struct seg_list *l, const char *cmd)
{
	size_t missing = 0, n = 0;

	for (size_t i = 0; i < f->nids; i++) {
		size_t j;
		for (j = 0; j < l->n && l->v[j].shmid != f->ids[i]; j++)
			;
		if (j == l->n) {
			warnx("%s: shmid %d: no such segment", cmd, f->ids[i]);
			missing++;
		}
	}
	for (size_t i = 0; i < f->nkeys; i++) {
		size_t j;
		for (j = 0; j < l->n && (!seg_has(&l->v[j], SF_KEY) || l->v[j].key != f->keys[i]);
		     j++)
			;
		if (j == l->n) {
			warnx("%s: key 0x%08x: no such segment", cmd, (unsigned)f->keys[i]);
			missing++;
		}
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

void private_key_error(const char *cmd)
{
	usage_error(cmd, "key 0x00000000 is IPC_PRIVATE, which every private segment shares; "
			 "select the segment by its shmid");
}

void select_posix(const char *cmd, const char *arg, struct shm_seg *out)
{
	char name[POSIX_NAME_BUF_SIZE];
	const char *why;

	if (posix_name_from_arg(arg, name, &why) < 0)
		usage_error(cmd, "invalid name '%s': %s", shown_typed(arg), why);
	if (posix_dir_check(&why) < 0)
		errx(EXIT_FAIL, "%s: /dev/shm: %s", cmd, why);
	if (posix_stat(name, out) < 0) {
		if (errno == ENOENT)
			errx(EXIT_FAIL, "%s: %s: no such object", cmd, shown(name));
		err(EXIT_FAIL, "%s: %s", cmd, shown(name));
	}
}

void select_segment(const char *cmd, const char *id_arg, const char *key_arg, struct shm_seg *out)
{
	if (key_arg) {
		int32_t key = resolve_key(key_arg, cmd);
		if (key == IPC_PRIVATE)
			private_key_error(cmd);
		if (sysv_find_key(key, out) < 0) {
			if (errno == ENOENT)
				errx(EXIT_FAIL, "%s: key 0x%08x: no such segment", cmd, (unsigned)key);
			err(EXIT_FAIL, "%s: key 0x%08x", cmd, (unsigned)key);
		}
		return;
	}
	if (id_arg[0] == '/') {
		select_posix(cmd, id_arg, out);
		return;
	}
	int32_t id = resolve_id(id_arg, cmd);
	if (sysv_stat(id, out) < 0) {
		/* the kernel says EINVAL for an id that does not exist */
		if (errno == EINVAL || errno == EIDRM)
			errx(EXIT_FAIL, "%s: shmid %d: no such segment", cmd, id);
		err(EXIT_FAIL, "%s: shmid %d", cmd, id);
	}
}

int selector_option(struct selector *sel, int c, const char *arg)
{
	if (c == 'k')
		sel->key = arg;
	else if (c == OPT_SELECT_POSIX)
		sel->posix = arg;
	else
		return 0;
	return 1;
}

void selector_check(const char *cmd, const struct selector *sel)
{
	if (!sel->operand && !sel->key && !sel->posix)
		usage_error(cmd, "no segment given: a shmid, /NAME, -k KEY or --posix NAME; try '%s %s --help'",
			    program_invocation_short_name, cmd);
	if (sel->key && sel->posix)
		usage_error(cmd, "--key and --posix are mutually exclusive");
}

void selector_resolve(const char *cmd, const struct selector *sel, struct shm_seg *out)
{
	if (sel->posix)
		select_posix(cmd, sel->posix, out);
	else
		select_segment(cmd, sel->operand, sel->key, out);
}
