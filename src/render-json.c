/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <cJSON.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "holders.h"
#include "render.h"
#include "util.h"

/* JSON is UTF-8 whatever the locale: the rule of lib/escape.h alone. */
static struct escbuf textbuf;

static cJSON *text_json(const char *s)
{
	return cJSON_CreateString(escape_str(&textbuf, s, 0));
}

/* The exact bytes of s in lowercase hex, for a script that needs them. */
static cJSON *hex_json(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s);
	char *h = xmalloc(2 * n + 1);
	cJSON *v;

	for (size_t i = 0; i < n; i++) {
		h[2 * i] = hex[(unsigned char)s[i] >> 4];
		h[2 * i + 1] = hex[(unsigned char)s[i] & 15];
	}
	h[2 * n] = '\0';
	v = cJSON_CreateString(h);
	free(h);
	return v;
}

int json_add_text(cJSON *obj, const char *key, const char *hex_key, const char *s)
{
	cJSON *v = text_json(s);

	if (!v || !cJSON_AddItemToObjectCS(obj, key, v)) {
		cJSON_Delete(v);
		return -1;
	}
	if (!escape_needed(s, strlen(s), 0))
		return 0;
	v = hex_json(s);
	if (!v || !cJSON_AddItemToObjectCS(obj, hex_key, v)) {
		cJSON_Delete(v);
		return -1;
	}
	return 0;
}

/* [{"pid": N, "comm": "name"}, ...]; NULL only when out of memory. */
static cJSON *pids_json(const struct seg_side *x)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a && i < x->natt; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddNumberToObject(o, "pid", x->att[i].pid) ||
		    json_add_text(o, "comm", "comm_hex", x->att[i].comm) < 0 ||
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
		return pids_json(holders_find(fo->holders, s));
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
		return text_json(text);
	}
}

static cJSON *segment_json_with(const struct shm_seg *s, const int *cols, size_t ncols,
				const struct holders *h)
{
	/* JSON has one spelling for numbers and times, whatever the table shows */
	const struct fmt_opts fo = { .human = false, .time_format = TIME_ISO, .holders = h,
				     .null_names = true };
	cJSON *obj = cJSON_CreateObject();

	if (!obj)
		return NULL;
	for (size_t c = 0; c < ncols; c++) {
		cJSON *v;

		/* a name that had to be escaped has its exact bytes beside it */
		if (cols[c] == COL_NAME && s->name) {
			if (json_add_text(obj, columns[COL_NAME].json, "name_hex", s->name) < 0) {
				cJSON_Delete(obj);
				return NULL;
			}
			continue;
		}
		v = cell_json(s, cols[c], &fo);
		/* the column table outlives the tree: no copy of the key */
		if (!v || !cJSON_AddItemToObjectCS(obj, columns[cols[c]].json, v)) {
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
	/* one segment shows what list shows of it, /proc's columns included */
	struct seg_list one = { .v = (struct shm_seg *)s, .n = 1, .cap = 1 };
	struct holders h;
	cJSON *obj;

	holders_build(&h, &one, holders_needed(cols, ncols, -1, &one));
	obj = segment_json_with(s, cols, ncols, &h);
	holders_free(&h);
	return obj;
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

/* A bump allocator for the tree of one document: tens of thousands of
 * segments make hundreds of thousands of small nodes, and malloc/free of
 * each cost more than building and printing them. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

static struct arena_block *arena;

static void *arena_alloc(size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!arena || arena->size - arena->used < n) {
		size_t size = n > (1u << 20) ? n : (1u << 20);
		struct arena_block *b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->next = arena;
		b->used = 0;
		b->size = size;
		arena = b;
	}
	arena->used += n;
	return (char *)arena->data + arena->used - n;
}

static void arena_free(void *p)
{
	(void)p; /* everything goes at once in arena_release */
}

static void arena_release(void)
{
	while (arena) {
		struct arena_block *next = arena->next;
		free(arena);
		arena = next;
	}
}

/* Empties the arena for the next document, keeping its newest block. */
static void arena_reset(void)
{
	if (!arena)
		return;
	while (arena->next) {
		struct arena_block *next = arena->next;
		arena->next = next->next;
		free(next);
	}
	arena->used = 0;
}

/* One element of the segments array as cJSON would print it inside the
 * document, two levels deep: the object printed alone, every line after
 * the first indented by two more tabs (cJSON's strings hold no raw
 * newline; those are all its own). out has room for twice text. */
static void put_nested(const char *text, char *out)
{
	char *o = out;
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		memcpy(o, text, (size_t)(nl - text) + 1);
		o += nl - text + 1;
		*o++ = '\t';
		*o++ = '\t';
		text = nl + 1;
	}
	o = stpcpy(o, text);
	fwrite_unlocked(out, 1, (size_t)(o - out), stdout);
}

/* The longest cell text the direct printer takes; longer ones (a name from
 * a directory, a command line) go through cJSON. */
#define PLAIN_MAX 256
#define PLAIN_ROW_SIZE(ncols) ((ncols) * (PLAIN_MAX + 64) + 16)

/* Appends "text" when cJSON would print it as it is: printable ASCII
 * without '"' or '\\'. false for anything cJSON escapes. */
static bool put_plain_string(char **p, const char *text)
{
	char *o = *p;
	size_t n = 0;

	*o++ = '"';
	for (; text[n]; n++) {
		unsigned char c = (unsigned char)text[n];
		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || n == PLAIN_MAX)
			return false;
		o[n] = (char)c;
	}
	o += n;
	*o++ = '"';
	*p = o;
	return true;
}

/* One element of the segments array written directly, the same bytes as
 * put_nested prints of cJSON's text: at tens of thousands of segments,
 * building and printing a tree for each costs most of -J. false, having
 * written nothing that counts, when a cell needs cJSON (PIDS, a string it
 * escapes). out holds PLAIN_ROW_SIZE(ncols) bytes. */
static bool plain_segment_json(const struct shm_seg *s, const int *cols, size_t ncols,
			       const struct fmt_opts *fo, char *out, size_t *len)
{
	char buf[CELL_BUF_SIZE];
	char *o = stpcpy(out, "{\n");

	for (size_t c = 0; c < ncols; c++) {
		const struct column *col = &columns[cols[c]];
		const char *text;

		if (col->type == CT_PIDS)
			return false;
		text = column_text(s, cols[c], fo, buf);
		o = stpcpy(stpcpy(stpcpy(o, "\t\t\t\""), col->json), "\":\t");
		if (!text) {
			o = stpcpy(o, "null");
		} else if (col->type == CT_NUMBER || col->type == CT_SIZE) {
			if (strlen(text) > PLAIN_MAX)
				return false;
			o = stpcpy(o, text);
		} else if (col->type == CT_STATUS) {
			static const char *const status[] = { "[]", "[\"dest\"]", "[\"locked\"]",
							      "[\"dest\", \"locked\"]" };
			o = stpcpy(o, status[(s->mode & SEG_MODE_DEST ? 1 : 0) |
					     (s->mode & SEG_MODE_LOCKED ? 2 : 0)]);
		} else if (!put_plain_string(&o, text)) {
			return false;
		}
		o = stpcpy(o, c + 1 < ncols ? ",\n" : "\n");
	}
	o = stpcpy(o, "\t\t}");
	*len = (size_t)(o - out);
	return true;
}

/* The document is printed a segment at a time, each object built in an
 * arena emptied for the next and printed into one reused buffer: at tens
 * of thousands of segments a whole tree costs more in memory traffic than
 * in printing. The text is what cJSON prints for the whole tree. */
int render_json(const struct seg_list *l, const struct render_opts *o)
{
	cJSON_Hooks hooks = { .malloc_fn = arena_alloc, .free_fn = arena_free };
	int cap = 64 * 1024, rc = -1;
	char *buf = xmalloc((size_t)cap), *nested = xmalloc(2 * (size_t)cap);

	const struct fmt_opts fo = { .time_format = TIME_ISO, .holders = o->fmt.holders,
				     .null_names = true };
	char *plain = xmalloc(PLAIN_ROW_SIZE(o->ncols));

	cJSON_InitHooks(&hooks);
	fputs("{\n\t\"segments\":\t[", stdout);
	for (size_t i = 0; i < l->n; i++) {
		cJSON *obj;
		size_t len;

		if (o->ncols && plain_segment_json(&l->v[i], o->cols, o->ncols, &fo, plain, &len)) {
			if (i)
				fputs_unlocked(", ", stdout);
			fwrite_unlocked(plain, 1, len, stdout);
			continue;
		}
		arena_reset();
		obj = segment_json_with(&l->v[i], o->cols, o->ncols, o->fmt.holders);
		if (!obj)
			goto out;
		while (!cJSON_PrintPreallocated(obj, buf, cap, 1)) {
			/* a long command line: make room */
			if (cap > INT_MAX / 2)
				goto out;
			cap *= 2;
			buf = xrealloc(buf, (size_t)cap);
			nested = xrealloc(nested, 2 * (size_t)cap);
		}
		if (i)
			fputs_unlocked(", ", stdout);
		put_nested(buf, nested);
	}
	fputs("]\n}\n", stdout);
	rc = 0;
out:
	if (rc < 0)
		warnx("cannot allocate the JSON output");
	cJSON_InitHooks(NULL);
	arena_release();
	free(buf);
	free(nested);
	free(plain);
	return rc;
}
