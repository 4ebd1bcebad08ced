/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int cmp_side(const void *pa, const void *pb)
{
	const struct seg_side *a = pa, *b = pb;

	return (a->shmid > b->shmid) - (a->shmid < b->shmid);
}

int holders_build(struct holders *h, const struct seg_list *l, unsigned what)
{
	int rc = 0;

	memset(h, 0, sizeof(*h));
	if (what & HOLDERS_SCAN) {
		if (proc_scan_run(&h->scan) < 0)
			rc = -1;
		else
			h->scanned = true;
	}
	h->commands = (what & HOLDERS_COMMAND) != 0;
	h->v = xcalloc(l->n, sizeof(*h->v));
	h->n = l->n;
	for (size_t i = 0; i < l->n; i++) {
		const struct shm_seg *s = &l->v[i];
		struct seg_side *x = &h->v[i];

		x->shmid = s->shmid;
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
	qsort(h->v, h->n, sizeof(*h->v), cmp_side);
	return rc;
}

const struct seg_side *holders_find(const struct holders *h, int32_t shmid)
{
	struct seg_side key = { .shmid = shmid };

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
