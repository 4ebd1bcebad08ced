/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "parse.h"
#include "state.h"
#include "util.h"

struct name_entry {
	uint32_t id;
	char *name; /* NULL: free slot */
	bool named; /* false: name is the number, as no name was found */
};

/* Open addressing keyed by id; misses are stored as the number. */
struct name_cache {
	struct name_entry *v;
	size_t n, cap; /* cap is a power of two */
};

static struct name_cache users, groups;

static size_t slot_of(const struct name_cache *c, uint32_t id)
{
	size_t i = (id * 2654435761u) & (c->cap - 1);

	while (c->v[i].name && c->v[i].id != id)
		i = (i + 1) & (c->cap - 1);
	return i;
}

static void names_free(void);

static void cache_grow(struct name_cache *c)
{
	struct name_cache old = *c;

	if (!old.cap)
		state_register(names_free);

	c->cap = old.cap ? old.cap * 2 : 64;
	c->v = xcalloc(c->cap, sizeof(*c->v));
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].name)
			c->v[slot_of(c, old.v[i].id)] = old.v[i];
	free(old.v);
}

static const struct name_entry *cache_get(struct name_cache *c, uint32_t id, int is_group)
{
	char buf[16];
	const char *name = NULL;
	size_t i;

	if (c->n * 2 >= c->cap)
		cache_grow(c);
	i = slot_of(c, id);
	if (c->v[i].name)
		return &c->v[i];
	if (is_group) {
		struct group *gr = getgrgid(id);
		if (gr)
			name = gr->gr_name;
	} else {
		struct passwd *pw = getpwuid(id);
		if (pw)
			name = pw->pw_name;
	}
	c->v[i].named = name != NULL;
	if (!name) {
		snprintf(buf, sizeof(buf), "%u", id);
		name = buf;
	}
	c->v[i].id = id;
	c->v[i].name = xstrdup(name);
	c->n++;
	return &c->v[i];
}

/* Rows of one owner tend to come together: the last answer is asked
 * first. Names stay where they are when the cache grows. */
static struct {
	uint32_t uid;
	const char *name;
} last_user;

const char *user_name(uint32_t uid)
{
	if (!last_user.name || last_user.uid != uid) {
		last_user.uid = uid;
		last_user.name = cache_get(&users, uid, 0)->name;
	}
	return last_user.name;
}

const char *group_name(uint32_t gid)
{
	return cache_get(&groups, gid, 1)->name;
}

const char *user_name_or_null(uint32_t uid)
{
	const struct name_entry *e = cache_get(&users, uid, 0);
	return e->named ? e->name : NULL;
}

const char *group_name_or_null(uint32_t gid)
{
	const struct name_entry *e = cache_get(&groups, gid, 1);
	return e->named ? e->name : NULL;
}

int user_lookup(const char *s, uint32_t *uid)
{
	struct passwd *pw = getpwnam(s);
	uint64_t v;
	const char *why;

	if (pw) {
		*uid = pw->pw_uid;
		return 0;
	}
	if (parse_u64(s, &v, &why) == 0 && v <= UINT32_MAX) {
		*uid = (uint32_t)v;
		return 0;
	}
	return -1;
}

static void cache_free(struct name_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->v[i].name);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static void names_free(void)
{
	last_user.name = NULL;
	cache_free(&users);
	cache_free(&groups);
}
