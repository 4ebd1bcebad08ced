/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>

#include "cell-text.h"
#include "render-nsinfo.h"
#include "render.h"
#include "util.h"

enum {
	NI_TYPE, NI_IPCNS, NI_CONTAINER, NI_PID, NI_COUNT_, NI_COUNT_MAX, NI_COUNT_USE,
	NI_BYTES, NI_BYTES_MAX, NI_BYTES_USE,
	NI_NCOLS
};

static const char *const heads[NI_NCOLS] = {
	"TYPE", "IPCNS", "CONTAINER", "PID", "COUNT", "COUNT-MAX", "COUNT-USE%", "BYTES",
	"BYTES-MAX", "USE%",
};

/* One row: what the table and JSON print, from either kind. */
struct ni_row {
	bool posix;
	const struct seg_ns *tag;
	int32_t pid;
	bool known, has_max; /* the values; COUNT-MAX (System V only) */
	uint64_t count, count_max, bytes, bytes_max;
};

/* SHMALL in bytes, the largest whole number of pages where pages times
 * the page size overflows (as info shows it). */
static uint64_t total_bytes(const struct shm_limits *l)
{
	if (l->page_size && l->shmall > UINT64_MAX / l->page_size)
		return UINT64_MAX - UINT64_MAX % l->page_size;
	return l->shmall * l->page_size;
}

static double percent(uint64_t used, uint64_t limit)
{
	return limit ? (double)used * 100.0 / (double)limit : 0.0;
}

static struct ni_row sysv_row(const struct ipc_ns *ns, const struct ns_usage *u)
{
	const struct shm_limits *l = &u->limits;
	struct ni_row r = { false, &ns->tag, ns->pid, u->have_limits, true, l->used_ids,
			    l->shmmni, l->pages * l->page_size, total_bytes(l) };

	return r;
}

static struct ni_row posix_row(const struct shm_mnt *m, const struct shm_usage *u)
{
	struct ni_row r = { true, &m->tag, m->pid, u->ok, false, u->objects, 0, u->used, u->size };

	return r;
}

/* A cell's number, or false when it is unknown or does not apply. */
static bool value(const struct ni_row *r, int col, uint64_t *v, double *pct)
{
	*pct = -1;
	switch (col) {
	case NI_IPCNS: *v = r->tag->ino; return true;
	case NI_PID: *v = (uint64_t)r->pid; return true;
	}
	if (!r->known || ((col == NI_COUNT_MAX || col == NI_COUNT_USE) && !r->has_max))
		return false;
	switch (col) {
	case NI_COUNT_: *v = r->count; break;
	case NI_COUNT_MAX: *v = r->count_max; break;
	case NI_COUNT_USE: *pct = percent(r->count, r->count_max); break;
	case NI_BYTES: *v = r->bytes; break;
	case NI_BYTES_MAX: *v = r->bytes_max; break;
	case NI_BYTES_USE: *pct = percent(r->bytes, r->bytes_max); break;
	default: return false;
	}
	return true;
}

static const char *cell(const struct ni_row *r, int col, bool human, char *buf)
{
	uint64_t v;
	double pct;

	if (col == NI_TYPE)
		return r->posix ? "posix" : "sysv";
	if (col == NI_CONTAINER)
		return r->tag->container ? r->tag->container : "-";
	if (!value(r, col, &v, &pct))
		return "-";
	if (pct >= 0) {
		snprintf(buf, CELL_BUF_SIZE, "%.2f%%", pct);
		return buf;
	}
	return human && (col == NI_BYTES || col == NI_BYTES_MAX) ? fmt_human_size(v, buf)
								  : fmt_u64(v, buf + CELL_BUF_SIZE);
}

static int add_line(struct libscols_table *tb, const struct ni_row *r, bool human)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char buf[CELL_BUF_SIZE];

	if (!ln)
		return -1;
	for (int c = 0; c < NI_NCOLS; c++)
		if (scols_line_set_data(ln, (size_t)c, cell(r, c, human, buf)))
			return -1;
	return 0;
}

static int print_table(const struct ns_scan *s, const struct ns_usage *u,
		       const struct shm_usage *m, const struct nsinfo_opts *o)
{
	struct libscols_table *tb = scols_new_table();
	int rc = -1;

	if (!tb)
		goto out;
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	for (int c = 0; c < NI_NCOLS; c++)
		if (!scols_table_new_column(tb, heads[c], 1,
					    c == NI_TYPE || c == NI_CONTAINER ? 0 : SCOLS_FL_RIGHT))
			goto out;
	for (size_t i = 0; i < s->n; i++) {
		struct ni_row r = sysv_row(&s->v[i], &u[i]);
		if (add_line(tb, &r, o->human) < 0)
			goto out;
	}
	for (size_t i = 0; i < s->nmnt; i++) {
		struct ni_row r = posix_row(&s->mnt[i], &m[i]);
		if (s->mnt[i].first && add_line(tb, &r, o->human) < 0)
			goto out;
	}
	scols_print_table(tb);
	rc = 0;
out:
	if (rc < 0)
		warnx("info: cannot allocate the table");
	scols_unref_table(tb);
	return rc;
}

/* One row as a JSON object: numbers typed, unknown values null. */
static cJSON *row_json(const struct ni_row *r)
{
	static const char *const sysv_keys[NI_NCOLS] = {
		NULL, "ipcns", "container", "pid", "segments", "segments_max", "segments_percent",
		"bytes", "bytes_max", "bytes_percent",
	};
	static const char *const posix_keys[NI_NCOLS] = {
		NULL, "ipcns", "container", "pid", "objects", NULL, NULL,
		"bytes", "bytes_max", "bytes_percent",
	};
	const char *const *keys = r->posix ? posix_keys : sysv_keys;
	cJSON *obj = cJSON_CreateObject();

	for (int c = 0; obj && c < NI_NCOLS; c++) {
		char buf[CELL_BUF_SIZE];
		uint64_t v;
		double pct;
		cJSON *item;

		if (!keys[c])
			continue;
		if (c == NI_CONTAINER)
			item = r->tag->container ? cJSON_CreateString(r->tag->container)
						 : cJSON_CreateNull();
		else if (!value(r, c, &v, &pct))
			item = cJSON_CreateNull();
		else if (pct >= 0)
			item = cJSON_CreateNumber(pct);
		else
			item = cJSON_CreateRaw(fmt_u64(v, buf + sizeof(buf)));
		if (!item || !cJSON_AddItemToObject(obj, keys[c], item)) {
			cJSON_Delete(item);
			cJSON_Delete(obj);
			return NULL;
		}
	}
	return obj;
}

static bool add_json(cJSON *arr, const struct ni_row *r)
{
	cJSON *obj = row_json(r);

	if (obj && cJSON_AddItemToArray(arr, obj))
		return true;
	cJSON_Delete(obj);
	return false;
}

static int print_json_nsinfo(const struct ns_scan *s, const struct ns_usage *u,
			     const struct shm_usage *m)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *nss = root ? cJSON_AddArrayToObject(root, "namespaces") : NULL;
	cJSON *shms = root ? cJSON_AddArrayToObject(root, "devshm") : NULL;
	bool ok = nss && shms;
	int rc = -1;

	for (size_t i = 0; ok && i < s->n; i++) {
		struct ni_row r = sysv_row(&s->v[i], &u[i]);
		ok = add_json(nss, &r);
	}
	for (size_t i = 0; ok && i < s->nmnt; i++) {
		struct ni_row r = posix_row(&s->mnt[i], &m[i]);
		ok = !s->mnt[i].first || add_json(shms, &r);
	}
	if (!ok)
		warnx("info: cannot allocate the JSON output");
	else
		rc = print_json(root);
	cJSON_Delete(root);
	return rc;
}

int render_nsinfo(const struct ns_scan *s, const struct ns_usage *u, const struct shm_usage *m,
		  const struct nsinfo_opts *o)
{
	return o->json ? print_json_nsinfo(s, u, m) : print_table(s, u, m, o);
}
