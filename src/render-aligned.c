/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "c.h"
#include "render-cells.h"
#include "shown.h"
#include "util.h"
#include "xalloc.h"

/* The aligned table for output that is not a terminal, where libsmartcols
 * neither truncates nor wraps and what remains is aligning cells. Done here
 * it is one pass that formats each cell once, keeps it and measures it,
 * and one that prints from what was kept, instead of libsmartcols'
 * multibyte measurement of every character, twice, and a copy of every
 * cell. The output is the same, byte for byte (tests/table.bats compares
 * it with libsmartcols' on a terminal); a cell of anything but printable
 * ASCII leaves the whole table to libsmartcols. */

/* Every cell's text back to back, with its length, row after row. */
struct cells {
	char *text;
	size_t used, cap;
	uint32_t *len;
};

/* Keeps cell k of column col; false when it holds anything but printable
 * ASCII (whose width only libsmartcols measures). */
static bool cells_keep(struct cells *cs, size_t k, int col, const char *text)
{
	size_t n = 0;

	if (text && columns[col].plain)
		n = strlen(text);
	else if (text)
		for (; text[n]; n++)
			if ((unsigned char)text[n] < 0x20 || (unsigned char)text[n] > 0x7e)
				return false;
	if (cs->cap - cs->used < n) {
		cs->cap = (cs->used + n) * 2;
		cs->text = xrealloc(cs->text, cs->cap);
	}
	if (n)
		memcpy(cs->text + cs->used, text, n);
	cs->used += n;
	cs->len[k] = (uint32_t)n;
	return true;
}

/* The first pass: every cell kept, and the widest of each column in width.
 * false when a cell is not printable ASCII. */
static bool cells_fill(struct cells *cs, const struct seg_list *l, const struct render_opts *o,
		       size_t *width)
{
	char buf[CELL_BUF_SIZE];
	const unsigned flags = shown_flags();

	cs->cap = l->n * o->ncols * 8 + 64;
	cs->text = xmalloc(cs->cap);
	cs->len = xreallocarray(NULL, l->n * o->ncols, sizeof(*cs->len));
	for (size_t i = 0, k = 0; i < l->n; i++) {
		for (size_t c = 0; c < o->ncols; c++, k++) {
			if (!cells_keep(cs, k, o->cols[c], table_cell(&l->v[i], o->cols[c], &o->fmt, buf, flags)))
				return false;
			if (cs->len[k] > width[c])
				width[c] = cs->len[k];
		}
	}
	return true;
}

/* libsmartcols' rule: the widest cell, but at least the header (even when
 * it is not printed), and a width hint of one or more is taken whole when
 * both are narrower. */
static void widen_to_headers(size_t *width, const struct render_opts *o)
{
	for (size_t c = 0; c < o->ncols; c++) {
		const struct column *col = &columns[o->cols[c]];
		size_t min = strlen(col->name);

		if (width[c] < min)
			width[c] = min;
		else if (col->whint >= 1 && width[c] < (size_t)col->whint && min < (size_t)col->whint)
			width[c] = (size_t)col->whint;
	}
}

/* Where each column starts on a line, and the line's length with every
 * cell as wide as its column. */
struct layout {
	size_t start[COL_COUNT * 2];
	size_t size;
};

static void layout_make(struct layout *lo, const size_t *width, const struct render_opts *o)
{
	size_t at = 0;

	for (size_t c = 0; c < o->ncols; c++) {
		lo->start[c] = at;
		at += width[c] + 1;
	}
	lo->size = at ? at - 1 : 0;
}

/* Writes one line at out, which has lo->size + 1 bytes: blanks first, then
 * each cell at its place, right-aligned ones against their column's end.
 * No trailing blanks: empty last cells leave none. The header when text is
 * NULL, else a row's cells from text and len. Returns the line's length;
 * *text moves past the row. */
static size_t put_line(char *out, const struct layout *lo, const size_t *width,
		       const struct render_opts *o, const char **text, const uint32_t *len)
{
	size_t end = 0;

	memset(out, ' ', lo->size);
	for (size_t c = 0; c < o->ncols; c++) {
		const char *name = columns[o->cols[c]].name;
		const char *t = *text ? *text : name;
		size_t n = *text ? len[c] : strlen(name);
		size_t at = lo->start[c];

		if (columns[o->cols[c]].flags & SCOLS_FL_RIGHT)
			at += width[c] - n;
		memcpy(out + at, t, n);
		if (n)
			end = at + n;
		if (*text)
			*text += n;
	}
	while (end > 0 && out[end - 1] == ' ')
		end--;
	out[end] = '\n';
	return end + 1;
}

/* Lines go out some 64 KiB at a time, not one stdio call per line. */
#define ALIGNED_FLUSH 65536

static void put_lines(const struct cells *cs, const size_t *width, const struct seg_list *l,
		      const struct render_opts *o)
{
	struct layout lo;
	const char *text = NULL;
	char *out;
	size_t used = 0;

	layout_make(&lo, width, o);
	out = xmalloc(ALIGNED_FLUSH + lo.size + 1);
	if (!o->noheadings)
		used = put_line(out, &lo, width, o, &text, NULL);
	text = cs->text;
	for (size_t i = 0; i < l->n; i++) {
		/* a line fits after less than ALIGNED_FLUSH bytes */
		if (used >= ALIGNED_FLUSH) {
			out_write(out, used);
			used = 0;
		}
		used += put_line(out + used, &lo, width, o, &text, cs->len + i * o->ncols);
	}
	out_write(out, used);
	free(out);
}

int render_aligned(const struct seg_list *l, const struct render_opts *o)
{
	size_t width[COL_COUNT * 2] = { 0 };
	struct cells cs = { NULL, 0, 0, NULL };
	bool ascii;

	if (o->ncols > ARRAY_SIZE(width) || isatty(STDOUT_FILENO))
		return 0;
	ascii = cells_fill(&cs, l, o, width);
	if (ascii) {
		widen_to_headers(width, o);
		put_lines(&cs, width, l, o);
	}
	free(cs.text);
	free(cs.len);
	return ascii;
}
