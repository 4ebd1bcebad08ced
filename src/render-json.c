/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "holders.h"
#include "render.h"
#include "util.h"

/* [{"pid": N, "comm": "name"}, ...]; NULL only when out of memory. */
static cJSON *pids_json(const struct seg_side *x)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < x->natt; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddNumberToObject(o, "pid", x->att[i].pid) ||
		    !cJSON_AddStringToObject(o, "comm", x->att[i].comm) ||
		    !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* The typed value of one cell; NULL only when out of memory. */
static cJSON *cell_json(const struct shm_seg *s, int col, const struct fmt_opts *fo)
{
	char buf[CELL_BUF_SIZE];
	const char *text = column_text(s, col, fo, buf);

	if (!text)
		return cJSON_CreateNull();
	switch (columns[col].type) {
	case CT_PIDS:
		return pids_json(holders_find(fo->holders, s->shmid));
	case CT_NUMBER:
	case CT_SIZE:
		/* the text is already a decimal integer: no double round trip */
		return cJSON_CreateRaw(text);
	case CT_STATUS: {
		cJSON *a = cJSON_CreateArray();
		if (!a)
			return NULL;
		if (s->mode & SEG_MODE_DEST) {
			cJSON *v = cJSON_CreateString("dest");
			if (!v || !cJSON_AddItemToArray(a, v))
				goto fail;
		}
		if (s->mode & SEG_MODE_LOCKED) {
			cJSON *v = cJSON_CreateString("locked");
			if (!v || !cJSON_AddItemToArray(a, v))
				goto fail;
		}
		return a;
	fail:
		cJSON_Delete(a);
		return NULL;
	}
	default:
		return cJSON_CreateString(text);
	}
}

static cJSON *segment_json_with(const struct shm_seg *s, const int *cols, size_t ncols,
				const struct holders *h)
{
	/* JSON has one spelling for numbers and times, whatever the table shows */
	const struct fmt_opts fo = { .human = false, .time_format = TIME_ISO, .holders = h };
	cJSON *obj = cJSON_CreateObject();

	if (!obj)
		return NULL;
	for (size_t c = 0; c < ncols; c++) {
		cJSON *v = cell_json(s, cols[c], &fo);
		if (!v || !cJSON_AddItemToObject(obj, columns[cols[c]].json, v)) {
			cJSON_Delete(v);
			cJSON_Delete(obj);
			return NULL;
		}
	}
	return obj;
}

/* One segment as a JSON object with the given columns. */
cJSON *segment_json(const struct shm_seg *s, const int *cols, size_t ncols)
{
	return segment_json_with(s, cols, ncols, NULL);
}

int print_json(cJSON *root)
{
	char *text = cJSON_Print(root);

	if (!text) {
		warnx("cannot allocate the JSON output");
		return -1;
	}
	fputs(text, stdout);
	fputc('\n', stdout);
	cJSON_free(text);
	return 0;
}

int render_json(const struct seg_list *l, const struct render_opts *o)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "segments");
	int rc = -1;

	if (!root || !arr)
		goto nomem;
	for (size_t i = 0; i < l->n; i++) {
		cJSON *obj = segment_json_with(&l->v[i], o->cols, o->ncols, o->fmt.holders);
		if (!obj || !cJSON_AddItemToArray(arr, obj)) {
			cJSON_Delete(obj);
			goto nomem;
		}
	}
	rc = print_json(root);
	cJSON_Delete(root);
	return rc;
nomem:
	warnx("cannot allocate the JSON output");
	cJSON_Delete(root);
	return rc;
}
