/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "escape.h"
#include "render-cells.h"
#include "shown.h"
#include "util.h"

/* A raw line has one field per column, split at single spaces: an empty
 * cell is "-", so a line never ends in a blank and `read` (which merges
 * blanks) sees every field; a cell that is "-" itself is "\x2d", as the
 * escaping rule would write it. */
static const char *raw_cell(const char *text)
{
	if (!text || !*text)
		return "-";
	if (strcmp(text, "-") == 0)
		return "\\x2d";
	return text;
}

static void lines_put(struct bytebuf *ln, const char *s, size_t len)
{
	memcpy(bytebuf_room(ln, len), s, len);
	ln->n += len;
}

static void put_header(struct bytebuf *ln, const struct render_opts *o)
{
	for (size_t c = 0; c < o->ncols; c++) {
		if (c)
			lines_put(ln, " ", 1);
		lines_put(ln, columns[o->cols[c]].name, strlen(columns[o->cols[c]].name));
	}
	lines_put(ln, "\n", 1);
}

/* One cell of a line, after the blank that separates it from the last:
 * NAME="value" for export, the field for raw. */
static void put_cell(struct bytebuf *ln, const char *text, int col, bool first, bool export)
{
	const char *name = columns[col].name;
	size_t nlen = export ? strlen(name) : 0, len;
	char *p;

	if (!export)
		text = raw_cell(text);
	len = text ? strlen(text) : 0;
	p = bytebuf_room(ln, nlen + len + 4);
	if (!first)
		*p++ = ' ';
	if (export) {
		memcpy(p, name, nlen);
		p += nlen;
		*p++ = '=';
		*p++ = '"';
	}
	if (len)
		memcpy(p, text, len);
	p += len;
	if (export)
		*p++ = '"';
	ln->n = (size_t)(p - ln->p);
}

/* Raw and export lines need no widths, so they skip the table: at tens of
 * thousands of segments, measuring every cell is most of the cost. */
int render_lines(const struct seg_list *l, const struct render_opts *o)
{
	char buf[CELL_BUF_SIZE];
	const bool export = o->mode == OUT_EXPORT;
	const unsigned flags = shown_flags() | (export ? ESC_SHELL : ESC_BLANK);
	struct bytebuf ln = { NULL, 0, 0 };

	if (!export && !o->noheadings)
		put_header(&ln, o);
	for (size_t i = 0; i < l->n; i++) {
		for (size_t c = 0; c < o->ncols; c++)
			put_cell(&ln, table_cell(&l->v[i], o->cols[c], &o->fmt, buf, flags),
				 o->cols[c], c == 0, export);
		lines_put(&ln, "\n", 1);
		if (ln.n >= RENDER_FLUSH) {
			out_write(ln.p, ln.n);
			ln.n = 0;
		}
	}
	out_write(ln.p, ln.n);
	free(ln.p);
	return 0;
}
