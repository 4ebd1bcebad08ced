/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "array.h"
#include "segment.h"

struct shm_seg *seg_list_add(struct seg_list *l)
{
	return ARRAY_PUSH(l->v, l->n, l->cap);
}

void seg_list_reserve(struct seg_list *l, size_t more)
{
	l->v = array_room(l->v, &l->cap, l->n + more, sizeof(*l->v));
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
