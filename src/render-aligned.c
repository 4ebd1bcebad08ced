/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "c.h"
#include "render-cells.h"
#include "shown.h"
#include "util.h"

/* The aligned table for output that is not a terminal, where libsmartcols
 * neither truncates nor wraps and what remains is aligning cells. Done here
 * it is one pass that formats each cell once, keeps it and measures it,
 * and one that prints from what was kept, instead of libsmartcols'
 * multibyte measurement of every character, twice, and a copy of every
 * cell. The output is the same, byte for byte (tests/table.bats compares
 * it with libsmartcols' on a terminal); a cell of anything but printable
 * ASCII leaves the whole table to libsmartcols.
 *
 * At tens of thousands of segments this is most of list's own time, so
 * memory is counted in page faults: the cells are one stream, each a
 * length byte (255: four more bytes of length follow) and its text. */

/* Both buffers keep this many bytes of slack, so that a short cell moves
 * as two 8-byte words (put_text). */
#define SLACK 16
#define LONG_CELL 255
_Static_assert(CELL_BUF_SIZE < LONG_CELL, "a plain cell's length is one byte");

/* A plain cell, made from a number in a CELL_BUF_SIZE buffer, is copied as
 * its end is found, one pass instead of strlen and memcpy. false, nothing
 * kept, for one that is not that short after all. */
static bool keep_short(struct bytebuf *cs, const char *text, size_t *n)
{
	char *p = bytebuf_room(cs, 1 + CELL_BUF_SIZE + SLACK);
	size_t len = 0;

	for (; text[len] && len < CELL_BUF_SIZE; len++)
		p[1 + len] = text[len];
	if (text[len])
		return false;
	*p = (char)len;
	cs->n += 1 + len;
	*n = len;
	return true;
}

/* Keeps a cell in the stream; false when it holds anything but printable
 * ASCII (whose width only libsmartcols measures). *n is its length. */
static bool cells_keep(struct bytebuf *cs, int col, const char *text, size_t *n)
{
	size_t len = 0;
	char *p;

	if (text && columns[col].plain && keep_short(cs, text, n))
		return true;
	if (text)
		for (; text[len]; len++)
			if ((unsigned char)text[len] < 0x20 || (unsigned char)text[len] > 0x7e)
				return false;
	p = bytebuf_room(cs, 1 + 4 + len + SLACK);
	if (len < LONG_CELL) {
		*p++ = (char)len;
	} else {
		uint32_t l32 = (uint32_t)len;

		*p++ = (char)LONG_CELL;
		memcpy(p, &l32, 4);
		p += 4;
	}
	if (len)
		memcpy(p, text, len);
	cs->n = (size_t)(p + len - cs->p);
	*n = len;
	return true;
}

/* The next cell of the stream at *s: its text, its length in *n. */
static const char *cells_next(const char **s, size_t *n)
{
	const char *p = *s;

	*n = (unsigned char)*p++;
	if (*n == LONG_CELL) {
		uint32_t l32;

		memcpy(&l32, p, 4);
		p += 4;
		*n = l32;
	}
	*s = p + *n;
	return p;
}

/* The first pass: every cell kept, and the widest of each column in width.
 * false when a cell is not printable ASCII. */
static bool cells_fill(struct bytebuf *cs, const struct seg_list *l, const struct render_opts *o,
		       size_t *width)
{
	char buf[CELL_BUF_SIZE];
	const unsigned flags = shown_flags();
	size_t n;

	bytebuf_room(cs, l->n * o->ncols * 8 + SLACK);
	for (size_t i = 0; i < l->n; i++) {
		for (size_t c = 0; c < o->ncols; c++) {
			int col = o->cols[c];

			if (!cells_keep(cs, col, table_cell(&l->v[i], col, &o->fmt, buf, flags), &n))
				return false;
			if (n > width[c])
				width[c] = n;
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

/* Where each column starts on a line, its width and side, and the line's
 * length with every cell as wide as its column. */
struct layout {
	size_t start[COL_COUNT * 2], width[COL_COUNT * 2];
	bool right[COL_COUNT * 2];
	size_t ncols, size;
};

static void layout_make(struct layout *lo, const size_t *width, const struct render_opts *o)
{
	size_t at = 0;

	lo->ncols = o->ncols;
	for (size_t c = 0; c < o->ncols; c++) {
		lo->start[c] = at;
		lo->width[c] = width[c];
		lo->right[c] = columns[o->cols[c]].flags & SCOLS_FL_RIGHT;
		at += width[c] + 1;
	}
	lo->size = at ? at - 1 : 0;
}

/* n bytes of s to d, and blanks over the rest of 16 bytes at d: a cell of
 * up to 16 bytes moves as two words, masked, with no call to memcpy. Both
 * buffers have SLACK bytes after their end; the blanks land where the line
 * is blank anyway or where a later cell goes. */
static inline void put_text(char *d, const char *s, size_t n)
{
	static const unsigned char keep[32] = { [0 ... 15] = 0xff };
	const uint64_t blanks = 0x2020202020202020ull;
	uint64_t t[2], m[2];

	if (n > 16) {
		memcpy(d, s, n);
		return;
	}
	memcpy(t, s, 16);
	memcpy(m, keep + 16 - n, 16);
	t[0] = (t[0] & m[0]) | (blanks & ~m[0]);
	t[1] = (t[1] & m[1]) | (blanks & ~m[1]);
	memcpy(d, t, 16);
}

/* Writes one line at out (lo->size + 1 + SLACK bytes): blanks, then each
 * cell at its place, right-aligned ones against their column's end. No
 * trailing blanks: empty last cells leave none. The cells come from the
 * stream at *s, which moves past them; the header when s is NULL.
 * Returns the line's length. */
static size_t put_line(char *out, const struct layout *lo, const struct render_opts *o,
		       const char **s)
{
	size_t end = 0;

	memset(out, ' ', lo->size);
	for (size_t c = 0; c < lo->ncols; c++) {
		size_t n, at = lo->start[c];
		const char *t;

		if (s) {
			t = cells_next(s, &n);
		} else {
			t = columns[o->cols[c]].name;
			n = strlen(t);
		}
		if (lo->right[c])
			at += lo->width[c] - n;
		if (!n)
			continue;
		if (s)
			put_text(out + at, t, n);
		else /* a name has no slack after it */
			memcpy(out + at, t, n);
		end = at + n;
	}
	while (end > 0 && out[end - 1] == ' ')
		end--;
	out[end] = '\n';
	return end + 1;
}

static void put_lines(const struct bytebuf *cs, const size_t *width, const struct seg_list *l,
		      const struct render_opts *o)
{
	struct layout lo;
	const char *s = cs->p;
	char *out;
	size_t used = 0;

	layout_make(&lo, width, o);
	out = xmalloc(RENDER_FLUSH + lo.size + 1 + SLACK);
	if (!o->noheadings)
		used = put_line(out, &lo, o, NULL);
	for (size_t i = 0; i < l->n; i++) {
		/* a line fits after less than RENDER_FLUSH bytes */
		if (used >= RENDER_FLUSH) {
			out_write(out, used);
			used = 0;
		}
		used += put_line(out + used, &lo, o, &s);
	}
	out_write(out, used);
	free(out);
}

int render_aligned(const struct seg_list *l, const struct render_opts *o)
{
	size_t width[COL_COUNT * 2] = { 0 };
	struct bytebuf cs = { NULL, 0, 0 };
	bool ascii;

	if (o->ncols > ARRAY_SIZE(width) || isatty(STDOUT_FILENO))
		return 0;
	ascii = cells_fill(&cs, l, o, width);
	if (ascii) {
		widen_to_headers(width, o);
		put_lines(&cs, width, l, o);
	}
	free(cs.p);
	return ascii;
}
