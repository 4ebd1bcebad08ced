/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sort.h"

struct sort_ctx {
	int col;
	int dir;
	const struct fmt_opts *fo;
};

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* Numeric columns compare their values; the rest compare their text. */
static int cmp_col(const struct shm_seg *a, const struct shm_seg *b, const struct sort_ctx *x)
{
	char ba[CELL_BUF_SIZE], bb[CELL_BUF_SIZE];
	const char *ta, *tb;

	switch (x->col) {
	case COL_KEY:
		return cmp_u64((uint32_t)a->key, (uint32_t)b->key);
	case COL_SHMID:
		return cmp_i64(a->shmid, b->shmid);
	case COL_PERMS:
	case COL_MODE:
		return cmp_u64(a->mode & 0777, b->mode & 0777);
	case COL_BYTES:
		return cmp_u64(a->size, b->size);
	case COL_NATTCH:
		return cmp_u64(a->nattch, b->nattch);
	case COL_CPID:
		return cmp_i64(a->cpid, b->cpid);
	case COL_LPID:
		return cmp_i64(a->lpid, b->lpid);
	case COL_CUID:
		return cmp_u64(a->cuid, b->cuid);
	case COL_CGID:
		return cmp_u64(a->cgid, b->cgid);
	case COL_UID:
		return cmp_u64(a->uid, b->uid);
	case COL_GID:
		return cmp_u64(a->gid, b->gid);
	case COL_ATIME:
		return cmp_i64(a->atime, b->atime);
	case COL_DTIME:
		return cmp_i64(a->dtime, b->dtime);
	case COL_CTIME:
		return cmp_i64(a->ctime, b->ctime);
	case COL_RSS:
		return cmp_u64(a->rss, b->rss);
	case COL_SWAP:
		return cmp_u64(a->swap, b->swap);
	case COL_IPCNS:
		if (a->ns && b->ns)
			return cmp_u64(a->ns->ino, b->ns->ino);
		break;
	}
	ta = column_text(a, x->col, x->fo, ba);
	tb = column_text(b, x->col, x->fo, bb);
	return strcmp(ta ? ta : "", tb ? tb : "");
}

static int cmp_seg(const void *pa, const void *pb, void *arg)
{
	const struct shm_seg *a = pa, *b = pb;
	const struct sort_ctx *x = arg;
	int r = cmp_col(a, b, x);

	/* ties keep shmid order, System V before POSIX and POSIX by name, so
	 * the output is stable across runs */
	if (r == 0)
		r = seg_is_posix(a) - seg_is_posix(b);
	/* under -A shmids and names repeat: the namespace first */
	if (r == 0 && a->ns && b->ns)
		r = cmp_u64(a->ns->ino, b->ns->ino);
	if (r == 0)
		r = seg_is_posix(a) ? strcmp(a->name, b->name) : cmp_i64(a->shmid, b->shmid);
	return r * x->dir;
}

void sort_segments(struct seg_list *l, int col, bool reverse, const struct fmt_opts *fo)
{
	struct sort_ctx x = { col, reverse ? -1 : 1, fo };

	/* an empty list has no array: qsort_r must not see its NULL */
	if (l->n == 0)
		return;
	qsort_r(l->v, l->n, sizeof(*l->v), cmp_seg, &x);
}
