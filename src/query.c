/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <string.h>

#include "columns.h"
#include "nsrows.h"
#include "posix.h"
#include "procscan.h"
#include "query.h"
#include "sysv.h"
#include "util.h"

const int *query_default_columns(enum seg_types types, size_t *n)
{
	static const struct {
		const int *cols;
		const size_t *n;
	} defaults[] = {
		[TYPES_SYSV] = { default_columns, &n_default_columns },
		[TYPES_POSIX] = { default_columns_posix, &n_default_columns_posix },
		[TYPES_ALL] = { default_columns_all, &n_default_columns_all },
	};

	*n = *defaults[types].n;
	return defaults[types].cols;
}

static int collect_sysv(const struct seg_query *q, struct seg_list *out)
{
	struct list_report rep;

	if (sysv_list(out, &rep, q->need) < 0) {
		warn("%s: cannot read the segment list", q->cmd);
		return -1;
	}
	if (!rep.skipped)
		return 0;
	warnx("%s: %s: skipped %zu malformed line%s", q->cmd, rep.source, rep.skipped,
	      rep.skipped == 1 ? "" : "s");
	return 1;
}

/* Without /dev/shm, --all-types still lists the System V part. */
static int collect_posix(const struct seg_query *q, struct seg_list *out)
{
	const char *why;
	int fail = q->types == TYPES_ALL ? 1 : -1;

	if (posix_dir_check(&why) < 0) {
		warnx("%s: %s: %s", q->cmd, POSIX_SHM_DIR, why);
		return fail;
	}
	if (posix_list(out) < 0) {
		warn("%s: %s", q->cmd, POSIX_SHM_DIR);
		return fail;
	}
	return 0;
}

static int collect(const struct seg_query *q, struct seg_list *out)
{
	int rc = 0;

	if (q->all_ns)
		return nsrows_collect(q->all_ns, q->types & TYPES_SYSV, q->types & TYPES_POSIX,
				      q->need, out, q->cmd);
	if (q->types & TYPES_SYSV) {
		rc = collect_sysv(q, out);
		if (rc < 0)
			return rc;
	}
	if (q->types & TYPES_POSIX) {
		int prc = collect_posix(q, out);
		if (prc)
			return prc;
	}
	return rc;
}

static void report_miss(void *data, int32_t shmid, bool has_key, int32_t key)
{
	const struct seg_query *q = data;

	if (has_key)
		warnx("%s: key 0x%08x: no such segment", q->cmd, (unsigned)key);
	else
		warnx("%s: shmid %d: no such segment", q->cmd, shmid);
}

/* --orphans asks /proc about each creator: one that could not be asked
 * (EMFILE, ENOMEM...) may be an orphan left out, so the answer is said to
 * be incomplete, never silently "no orphans". */
static int orphans_judged(struct seg_query *q, size_t before)
{
	int e;
	size_t n = creators_unjudged(&e) - before;

	if (!q->filter.orphans || !n)
		return 0;
	q->incomplete = true;
	warnx("%s: --orphans: could not tell whether the creator%s of %zu segment%s still "
	      "run%s: %s; orphans may be missing", q->cmd, n == 1 ? "" : "s", n,
	      n == 1 ? "" : "s", n == 1 ? "s" : "", strerror(e));
	return 1;
}

int query_run(struct seg_query *q, struct seg_list *out)
{
	int rc = collect(q, out), e;
	size_t unjudged = creators_unjudged(&e);

	if (rc < 0)
		return rc;
	if (q->miss ? filter_apply(&q->filter, out, q->miss, q->miss_data)
		    : filter_apply(&q->filter, out, report_miss, q))
		rc = 1;
	if (orphans_judged(q, unjudged))
		rc = 1;
	return rc;
}

void query_free(struct seg_query *q)
{
	filter_free(&q->filter);
}
