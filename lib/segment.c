/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "xalloc.h"

struct shm_seg *seg_list_add(struct seg_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	return memset(&l->v[l->n++], 0, sizeof(*l->v));
}

void seg_list_reserve(struct seg_list *l, size_t more)
{
	if (l->cap - l->n >= more)
		return;
	l->cap = l->n + more;
	l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
}

void seg_list_free(struct seg_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool seg_list_has_shmid(const struct seg_list *l, int32_t shmid)
{
	for (size_t i = 0; i < l->n; i++)
		if (seg_has(&l->v[i], SF_SHMID) && l->v[i].shmid == shmid)
			return true;
	return false;
}
