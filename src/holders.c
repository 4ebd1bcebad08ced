/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "holders.h"
#include "util.h"

static char *pids_text(const struct proc_att *a, size_t n)
{
	/* "2147483647(" + 15 chars of comm + ")," */
	char *s = xmalloc(n * 29 + 1), *p = s;

	*p = '\0';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%d(%s)", i ? "," : "", a[i].pid, a[i].comm);
	return s;
}

/* System V rows by shmid, then POSIX rows by name. */
static int cmp_side(const void *pa, const void *pb)
{
	const struct seg_side *a = pa, *b = pb;

	if (!a->name != !b->name)
		return a->name ? 1 : -1;
	if (a->name)
		return strcmp(a->name, b->name);
	return (a->shmid > b->shmid) - (a->shmid < b->shmid);
}

/* The processes mapping a POSIX object, as the System V scan gives them
 * for a segment: pid and comm. */
static void posix_side(struct seg_side *x, const struct proc_scan *ps)
{
	dev_t dev;
	ino_t ino;

	if (posix_file_id(x->name, &dev, &ino) < 0)
		return;
	x->att = proc_scan_find_file(ps, dev, ino, &x->natt);
}

bool column_wanted(const int *cols, size_t ncols, int sort_col, int col)
{
	if (sort_col == col)
		return true;
	for (size_t i = 0; i < ncols; i++)
		if (cols[i] == col)
			return true;
	return false;
}

static bool any_dest(const struct seg_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].mode & SEG_MODE_DEST)
			return true;
	return false;
}

unsigned holders_needed(const int *cols, size_t ncols, int sort_col, const struct seg_list *l)
{
	unsigned what = 0;

	if (column_wanted(cols, ncols, sort_col, COL_ORIGKEY)) {
		what |= HOLDERS_ORIGKEY;
		if (any_dest(l))
			what |= HOLDERS_SCAN;
	}
	if (column_wanted(cols, ncols, sort_col, COL_PIDS))
		what |= HOLDERS_SCAN;
	if (column_wanted(cols, ncols, sort_col, COL_COMMAND))
		what |= HOLDERS_COMMAND;
	return what;
}

int holders_build(struct holders *h, const struct seg_list *l, unsigned what)
{
	unsigned scan = 0;
	int rc = 0;

	memset(h, 0, sizeof(*h));
	/* one pass reads each process's maps once, for the kinds of rows listed */
	for (size_t i = 0; i < l->n; i++)
		scan |= seg_is_posix(&l->v[i]) ? PROC_SCAN_POSIX : PROC_SCAN_SYSV;
	if (what & HOLDERS_SCAN) {
		if (proc_scan_run(&h->scan, scan) < 0)
			rc = -1;
		else
			h->scanned = true;
	}
	h->commands = (what & HOLDERS_COMMAND) != 0;
	/* no column of /proc's asked for: no side table */
	if (!what)
		return 0;
	h->v = xcalloc(l->n, sizeof(*h->v));
	h->n = l->n;
	for (size_t i = 0; i < l->n; i++) {
		const struct shm_seg *s = &l->v[i];
		struct seg_side *x = &h->v[i];

		x->shmid = s->shmid;
		if (seg_is_posix(s)) {
			/* no key, no creator: only the processes mapping it */
			x->name = s->name;
			if (h->scanned) {
				posix_side(x, &h->scan);
				x->pids = pids_text(x->att, x->natt);
			}
			continue;
		}
		if (h->scanned) {
			x->att = proc_scan_find(&h->scan, s->shmid, &x->natt);
			x->pids = pids_text(x->att, x->natt);
		}
		/* IPC_RMID sets the key to 0; the mappings keep the old one */
		if (seg_has(s, SF_KEY) && !(s->mode & SEG_MODE_DEST)) {
			x->has_origkey = true;
			x->origkey = s->key;
		} else if (x->natt) {
			x->has_origkey = true;
			x->origkey = x->att[0].key;
		}
		if (h->commands)
			x->command = creator_cmdline(s);
	}
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), cmp_side);
	return rc;
}

const struct seg_side *holders_find(const struct holders *h, const struct shm_seg *s)
{
	struct seg_side key = { .shmid = s->shmid, .name = seg_is_posix(s) ? s->name : NULL };

	if (!h || !h->n)
		return NULL;
	return bsearch(&key, h->v, h->n, sizeof(*h->v), cmp_side);
}

void holders_free(struct holders *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].pids);
		free(h->v[i].command);
	}
	free(h->v);
	proc_scan_free(&h->scan);
	memset(h, 0, sizeof(*h));
}
