/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nsrows.h"
#include "posix.h"
#include "util.h"

struct sysv_visit {
	uint32_t need;
	struct seg_list *out;
	const char *cmd;
	int rc;
};

/* In the namespace: its segments, appended with the namespace's tag. */
static int read_sysv(struct ipc_ns *ns, void *data)
{
	struct sysv_visit *v = data;
	struct seg_list l = { 0 };
	struct list_report rep;

	if (sysv_list(&l, &rep, v->need) < 0) {
		warn("%s: IPC namespace %llu: cannot read the segment list", v->cmd,
		     (unsigned long long)ns->tag.ino);
		v->rc = 1;
		return 0;
	}
	if (rep.skipped) {
		warnx("%s: IPC namespace %llu: %s: skipped %zu malformed line%s", v->cmd,
		      (unsigned long long)ns->tag.ino, rep.source, rep.skipped,
		      rep.skipped == 1 ? "" : "s");
		v->rc = 1;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct shm_seg *s = seg_list_add(v->out);

		*s = l.v[i];
		s->ns = &ns->tag;
	}
	seg_list_free(&l);
	/* a few numbers more while in it: OpenMetrics gives each namespace's limits */
	ns->have_limits = sysv_limits(&ns->limits) == 0;
	return 0;
}

/* The objects of each /dev/shm once, under the first namespace seeing it. */
static int read_posix(struct ns_scan *s, struct seg_list *out, const char *cmd)
{
	int rc = 0;

	for (size_t i = 0; i < s->nmnt; i++) {
		struct shm_mnt *m = &s->mnt[i];
		size_t first = out->n;

		if (!m->first)
			continue;
		if (posix_list_dir(m->dir, out) < 0) {
			/* the process it was reached through ended: so did the mount */
			if (errno != ENOENT && errno != ESRCH) {
				warn("%s: %s", cmd, m->dir);
				rc = 1;
			}
			continue;
		}
		for (size_t j = first; j < out->n; j++)
			out->v[j].ns = &m->tag;
	}
	return rc;
}

/* The scan, with its failure said. */
static int find(struct ns_scan *s, const char *cmd)
{
	if (ns_scan_find(s) < 0) {
		warn("%s: cannot read /proc", cmd);
		return -1;
	}
	return 0;
}

/* Leaving shmtool in another namespace is never an option. */
static int lost(const char *cmd)
{
	warn("%s: cannot return to shmtool's own IPC namespace", cmd);
	return -1;
}

int nsrows_collect(struct ns_scan *s, bool sysv, bool posix, uint32_t need,
		   struct seg_list *out, const char *cmd)
{
	struct sysv_visit v = { need, out, cmd, 0 };

	if (find(s, cmd) < 0)
		return -1;
	for (size_t i = 0; sysv && i < s->n; i++)
		if (ns_scan_visit(s, &s->v[i], read_sysv, &v) < 0)
			return lost(cmd);
	if (posix && read_posix(s, out, cmd))
		v.rc = 1;
	if (ns_scan_report(s, cmd))
		v.rc = 1;
	return v.rc;
}

static int read_limits(struct ipc_ns *ns, void *data)
{
	struct ns_usage *u = data;

	(void)ns;
	u->have_limits = sysv_limits(&u->limits) == 0;
	return 0;
}

static void shm_usage(const struct shm_mnt *m, struct shm_usage *u)
{
	struct seg_list l = { 0 };

	if (!m->first)
		return;
	u->ok = posix_dir_usage(m->dir, &u->size, &u->used) == 0;
	if (u->ok && posix_list_dir(m->dir, &l) == 0)
		u->objects = l.n;
	seg_list_free(&l);
}

int nsrows_usage(struct ns_scan *s, struct ns_usage **u, struct shm_usage **m, const char *cmd)
{
	int rc = 0;

	*u = NULL;
	*m = NULL;
	if (find(s, cmd) < 0)
		return -1;
	*u = xcalloc(s->n ? s->n : 1, sizeof(**u));
	*m = xcalloc(s->nmnt ? s->nmnt : 1, sizeof(**m));
	for (size_t i = 0; i < s->nmnt; i++)
		shm_usage(&s->mnt[i], &(*m)[i]);
	for (size_t i = 0; i < s->n; i++) {
		if (ns_scan_visit(s, &s->v[i], read_limits, &(*u)[i]) < 0)
			return lost(cmd);
		if (!s->v[i].err && !(*u)[i].have_limits) {
			warn("%s: IPC namespace %llu: cannot read the shared memory limits", cmd,
			     (unsigned long long)s->v[i].tag.ino);
			rc = 1;
		}
	}
	if (ns_scan_report(s, cmd))
		rc = 1;
	return rc;
}
