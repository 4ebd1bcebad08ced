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
	NI_IPCNS, NI_CONTAINER, NI_PID, NI_SEGMENTS, NI_SEGMENTS_MAX, NI_SEGMENTS_USE,
	NI_BYTES, NI_BYTES_MAX, NI_BYTES_USE, NI_DEVSHM_SIZE, NI_DEVSHM_USED, NI_DEVSHM_USE,
	NI_COUNT
};

static const char *const heads[NI_COUNT] = {
	"IPCNS", "CONTAINER", "PID", "SEGMENTS", "SEGMENTS-MAX", "SEGMENTS-USE%", "BYTES",
	"BYTES-MAX", "BYTES-USE%", "DEVSHM-SIZE", "DEVSHM-USED", "DEVSHM-USE%",
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

/* The value of cell col, or false when it is unknown (a namespace not
 * entered, a /dev/shm shown on another row). */
static bool value(const struct ipc_ns *ns, const struct ns_usage *u, int col, uint64_t *v,
		  double *pct)
{
	const struct shm_limits *l = &u->limits;
	uint64_t bytes = l->pages * l->page_size;

	*pct = -1;
	switch (col) {
	case NI_IPCNS: *v = ns->tag.ino; return true;
	case NI_PID: *v = (uint64_t)ns->pid; return true;
	case NI_DEVSHM_SIZE: *v = u->shm_size; return u->have_shm;
	case NI_DEVSHM_USED: *v = u->shm_used; return u->have_shm;
	case NI_DEVSHM_USE: *pct = percent(u->shm_used, u->shm_size); return u->have_shm;
	}
	if (!u->have_limits)
		return false;
	switch (col) {
	case NI_SEGMENTS: *v = l->used_ids; break;
	case NI_SEGMENTS_MAX: *v = l->shmmni; break;
	case NI_SEGMENTS_USE: *pct = percent(l->used_ids, l->shmmni); break;
	case NI_BYTES: *v = bytes; break;
	case NI_BYTES_MAX: *v = total_bytes(l); break;
	case NI_BYTES_USE: *pct = percent(bytes, total_bytes(l)); break;
	}
	return true;
}

static bool is_size(int col)
{
	return col == NI_BYTES || col == NI_BYTES_MAX || col == NI_DEVSHM_SIZE ||
	       col == NI_DEVSHM_USED;
}

static const char *cell(const struct ipc_ns *ns, const struct ns_usage *u, int col, bool human,
			char *buf)
{
	uint64_t v;
	double pct;

	if (col == NI_CONTAINER)
		return ns->tag.container ? ns->tag.container : "-";
	if (!value(ns, u, col, &v, &pct))
		return "-";
	if (pct >= 0) {
		snprintf(buf, CELL_BUF_SIZE, "%.2f%%", pct);
		return buf;
	}
	return human && is_size(col) ? fmt_human_size(v, buf) : fmt_u64(v, buf + CELL_BUF_SIZE);
}

static int print_table(const struct ns_scan *s, const struct ns_usage *u,
		       const struct nsinfo_opts *o)
{
	struct libscols_table *tb = scols_new_table();
	int rc = -1;

	if (!tb)
		goto out;
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	for (int c = 0; c < NI_COUNT; c++)
		if (!scols_table_new_column(tb, heads[c], 1, c == NI_CONTAINER ? 0 : SCOLS_FL_RIGHT))
			goto out;
	for (size_t i = 0; i < s->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		char buf[CELL_BUF_SIZE];

		if (!ln)
			goto out;
		for (int c = 0; c < NI_COUNT; c++)
			if (scols_line_set_data(ln, (size_t)c, cell(&s->v[i], &u[i], c, o->human, buf)))
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

/* One namespace as a JSON object: numbers typed, unknown values null. */
static cJSON *ns_json(const struct ipc_ns *ns, const struct ns_usage *u)
{
	static const char *const keys[NI_COUNT] = {
		"ipcns", "container", "pid", "segments", "segments_max", "segments_percent",
		"bytes", "bytes_max", "bytes_percent", "devshm_bytes", "devshm_used",
		"devshm_percent",
	};
	cJSON *obj = cJSON_CreateObject();

	for (int c = 0; obj && c < NI_COUNT; c++) {
		char buf[CELL_BUF_SIZE];
		uint64_t v;
		double pct;
		cJSON *item;

		if (c == NI_CONTAINER)
			item = ns->tag.container ? cJSON_CreateString(ns->tag.container)
						 : cJSON_CreateNull();
		else if (!value(ns, u, c, &v, &pct))
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

static int print_json_nsinfo(const struct ns_scan *s, const struct ns_usage *u)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = root ? cJSON_AddArrayToObject(root, "namespaces") : NULL;
	int rc = -1;

	for (size_t i = 0; arr && i < s->n; i++) {
		cJSON *obj = ns_json(&s->v[i], &u[i]);

		if (!obj || !cJSON_AddItemToArray(arr, obj)) {
			cJSON_Delete(obj);
			arr = NULL;
		}
	}
	if (!arr)
		warnx("info: cannot allocate the JSON output");
	else
		rc = print_json(root);
	cJSON_Delete(root);
	return rc;
}

int render_nsinfo(const struct ns_scan *s, const struct ns_usage *u, const struct nsinfo_opts *o)
{
	return o->json ? print_json_nsinfo(s, u) : print_table(s, u, o);
}
