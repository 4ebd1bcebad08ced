/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "names.h"
#include "nsscan.h"
#include "procscan.h"
#include "render.h"
#include "sysv.h"
#include "util.h"

/* One gauge per segment property; value() says false when unknown, and
 * the sample is then left out rather than invented. */
struct seg_metric {
	const char *name, *help;
	bool (*value)(const struct shm_seg *s, uint64_t *v);
};

static bool m_bytes(const struct shm_seg *s, uint64_t *v)
{
	*v = s->size;
	return seg_has(s, SF_SIZE);
}

static bool m_nattch(const struct shm_seg *s, uint64_t *v)
{
	*v = s->nattch;
	return seg_has(s, SF_NATTCH);
}

static bool m_rss(const struct shm_seg *s, uint64_t *v)
{
	*v = s->rss;
	return seg_has(s, SF_RSS);
}

static bool m_swap(const struct shm_seg *s, uint64_t *v)
{
	*v = s->swap;
	return seg_has(s, SF_SWAP);
}

static bool m_orphaned(const struct shm_seg *s, uint64_t *v)
{
	/* a POSIX object has no creator to be gone: unknown, no sample */
	if (seg_is_posix(s))
		return false;
	*v = seg_is_orphan(s, NULL);
	return true;
}

static const struct seg_metric seg_metrics[] = {
	{ "shm_segment_bytes", "Size of the shared memory segment in bytes.", m_bytes },
	{ "shm_segment_attached_processes", "Number of processes attached to the segment.",
	  m_nattch },
	{ "shm_segment_rss_bytes", "Resident bytes of the segment.", m_rss },
	{ "shm_segment_swap_bytes", "Swapped-out bytes of the segment.", m_swap },
	{ "shm_segment_orphaned",
	  "1 when no process is attached and the segment's creator is gone, else 0.", m_orphaned },
};

static void family(const char *name, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* A label value: untrusted text made valid UTF-8 with no control
 * character by lib/escape.h's rule (the format wants UTF-8 whatever the
 * locale), then \, " and newline escaped as the format wants. */
static void label_value(const char *s)
{
	static struct escbuf b;

	for (s = escape_str(&b, s, 0); *s; s++) {
		if (*s == '\\' || *s == '"')
			printf("\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
}

/* Under -A: the namespace, and its container ("" for the host's), after
 * other labels or (first) alone. */
static void ns_labels_sep(const struct seg_ns *ns, bool first)
{
	if (!ns)
		return;
	printf("%sipcns=\"%" PRIu64 "\",container=\"", first ? "" : ",", ns->ino);
	label_value(ns->container ? ns->container : "");
	putchar('"');
}

static void ns_labels(const struct seg_ns *ns)
{
	ns_labels_sep(ns, false);
}

static void labels(const struct shm_seg *s)
{
	char key[CELL_BUF_SIZE];

	if (seg_is_posix(s)) {
		/* an object has a name where a segment has a shmid and a key */
		fputs("{shmid=\"\",key=\"\",name=\"", stdout);
		label_value(s->name);
		fputs("\",owner=\"", stdout);
	} else {
		printf("{shmid=\"%d\",key=\"%s\",owner=\"", s->shmid,
		       seg_has(s, SF_KEY) ? fmt_key(s->key, key) : "");
	}
	label_value(seg_has(s, SF_UID) ? user_name(s->uid) : "");
	printf("\",type=\"%s\"", seg_is_posix(s) ? "posix" : "sysv");
	ns_labels(s->ns);
	putchar('}');
}

/* The totals of the rows of namespace ns (NULL: all rows, without -A). */
static void count_rows(const struct seg_list *l, const struct seg_ns *ns, size_t count[2],
		       uint64_t bytes[2])
{
	count[0] = count[1] = 0;
	bytes[0] = bytes[1] = 0;
	for (size_t i = 0; i < l->n; i++) {
		int t = seg_is_posix(&l->v[i]);

		if (ns && l->v[i].ns != ns)
			continue;
		count[t]++;
		bytes[t] += l->v[i].size;
	}
}

/* shm_segments and shm_bytes: System V always, POSIX where objects were
 * listed; under -A once per namespace (each namespace whose rows came). */
static void totals(const struct seg_list *l)
{
	static const char *const types[2] = { "sysv", "posix" };
	static const char *const names[2] = { "shm_segments", "shm_bytes" };
	static const char *const helps[2] = {
		"Number of shared memory segments listed.",
		"Total size of the shared memory segments listed, in bytes.",
	};

	for (int f = 0; f < 2; f++) {
		family(names[f], helps[f]);
		for (size_t i = 0; i < l->n || i == 0; i++) {
			const struct seg_ns *ns = l->n ? l->v[i].ns : NULL;
			size_t count[2];
			uint64_t bytes[2];
			bool seen = false;

			/* each namespace once, at its first row */
			for (size_t j = 0; ns && j < i && !seen; j++)
				seen = l->v[j].ns == ns;
			if (seen || (i > 0 && !ns))
				continue;
			count_rows(l, ns, count, bytes);
			for (int t = 0; t < 2; t++) {
				if (t == 1 && !count[1])
					continue;
				printf("%s{type=\"%s\"", names[f], types[t]);
				ns_labels(ns);
				if (f == 0)
					printf("} %zu\n", count[t]);
				else
					printf("} %" PRIu64 "\n", bytes[t]);
			}
		}
	}
}

/* The limits of one namespace; ns NULL without -A (no labels). */
struct limit_sample {
	const struct shm_limits *lim;
	const struct seg_ns *ns;
};

static void limit_metrics(const struct limit_sample *v, size_t n)
{
	static const struct {
		const char *name, *help;
	} fam[] = {
		{ "shm_limit_segments", "System-wide maximum number of segments (SHMMNI)." },
		{ "shm_limit_segment_bytes", "Maximum size of one segment in bytes (SHMMAX)." },
		{ "shm_limit_segment_min_bytes", "Minimum size of one segment in bytes (SHMMIN)." },
		{ "shm_limit_total_bytes",
		  "System-wide maximum of shared memory in bytes (SHMALL pages)." },
	};

	for (size_t f = 0; f < ARRAY_SIZE(fam); f++) {
		family(fam[f].name, fam[f].help);
		for (size_t i = 0; i < n; i++) {
			const struct shm_limits *lim = v[i].lim;
			char total[CELL_BUF_SIZE];

			fputs(fam[f].name, stdout);
			if (v[i].ns) {
				putchar('{');
				ns_labels_sep(v[i].ns, true);
				putchar('}');
			}
			if (f == 3)
				printf(" %s\n", fmt_u64_product(lim->shmall, lim->page_size, total));
			else
				printf(" %" PRIu64 "\n", f == 0 ? lim->shmmni : f == 1 ? lim->shmmax
										: lim->shmmin);
		}
	}
}

/* Per segment, the totals, then the limits: one sample of each, or under
 * -A (all_ns) one per namespace that was read. */
static int metrics(const struct seg_list *l, const struct shm_limits *lim,
		   const struct ns_scan *all_ns)
{
	for (size_t m = 0; m < sizeof(seg_metrics) / sizeof(seg_metrics[0]); m++) {
		family(seg_metrics[m].name, seg_metrics[m].help);
		for (size_t i = 0; i < l->n; i++) {
			uint64_t v;

			if (!seg_metrics[m].value(&l->v[i], &v))
				continue;
			fputs(seg_metrics[m].name, stdout);
			labels(&l->v[i]);
			printf(" %" PRIu64 "\n", v);
		}
	}
	totals(l);
	if (all_ns) {
		struct limit_sample *v = xcalloc(all_ns->n ? all_ns->n : 1, sizeof(*v));
		size_t n = 0;

		for (size_t i = 0; i < all_ns->n; i++)
			if (all_ns->v[i].have_limits)
				v[n++] = (struct limit_sample){ &all_ns->v[i].limits, &all_ns->v[i].tag };
		limit_metrics(v, n);
		free(v);
	} else if (lim) {
		struct limit_sample one = { lim, NULL };

		limit_metrics(&one, 1);
	}
	puts("# EOF");
	return 0;
}

int render_metrics(const struct seg_list *l, const struct shm_limits *lim)
{
	return metrics(l, lim, NULL);
}

int render_openmetrics(const struct seg_list *l, const struct render_opts *o)
{
	struct shm_limits limits;
	bool have_limits;
	int rc = 0;

	/* -A read each namespace's limits while in it */
	if (o->all_ns)
		return metrics(l, NULL, o->all_ns);
	have_limits = sysv_limits(&limits) == 0;
	if (!have_limits) {
		warn("%s: cannot read the shared memory limits", o->cmd);
		rc = -1;
	}
	if (render_metrics(l, have_limits ? &limits : NULL) < 0)
		rc = -1;
	return rc;
}
