/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>

#include "escape.h"
#include "render.h"
#include "shown.h"
#include "util.h"

/* Every cell goes through the one rule of lib/escape.h (shown_flags adds
 * the bytes outside ASCII when the locale is not UTF-8). Raw cells also
 * escape the space that separates them; export values also what a shell
 * would expand inside double quotes. A table cell holds no control
 * character and no invalid sequence, so libsmartcols, whose width count
 * never ends on one (mbs_nwidth in util-linux 2.38), never sees one. */
static struct escbuf cellbuf;

static const char *cell(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf,
			unsigned flags)
{
	const char *text = column_text(s, col, o, buf);

	return text ? escape_str(&cellbuf, text, shown_flags() | flags) : NULL;
}

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

/* Raw and export lines need no widths, so they skip the table: at tens of
 * thousands of segments, measuring every cell is most of the cost. */
static int render_lines(const struct seg_list *l, const struct render_opts *o)
{
	char buf[CELL_BUF_SIZE];
	const int export = o->mode == OUT_EXPORT;

	if (!export && !o->noheadings) {
		for (size_t c = 0; c < o->ncols; c++) {
			if (c)
				putchar_unlocked(' ');
			fputs_unlocked(columns[o->cols[c]].name, stdout);
		}
		putchar_unlocked('\n');
	}
	for (size_t i = 0; i < l->n; i++) {
		for (size_t c = 0; c < o->ncols; c++) {
			const char *text = cell(&l->v[i], o->cols[c], &o->fmt, buf,
						export ? ESC_SHELL : ESC_BLANK);
			if (c)
				putchar_unlocked(' ');
			if (export) {
				fputs_unlocked(columns[o->cols[c]].name, stdout);
				fputs_unlocked("=\"", stdout);
			} else {
				text = raw_cell(text);
			}
			if (text)
				fputs_unlocked(text, stdout);
			if (export)
				putchar_unlocked('"');
		}
		putchar_unlocked('\n');
	}
	return 0;
}

/* The width of a cell as the table shows it, or SIZE_MAX when it holds
 * anything but printable ASCII (whose width only libsmartcols measures). */
static size_t ascii_width(const char *s)
{
	const char *p = s;

	for (; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return SIZE_MAX;
	return (size_t)(p - s);
}

/* Appends a cell padded to width to a line: the table is printed a line
 * at a time, not a cell or a blank at a time. */
static char *put_cell(char *o, const char *text, size_t len, size_t width, int right, int last)
{
	if (right) {
		memset(o, ' ', width - len);
		o += width - len;
	}
	memcpy(o, text, len);
	o += len;
	if (!right && !last) {
		memset(o, ' ', width - len);
		o += width - len;
	}
	return o;
}

/* The aligned table for output that is not a terminal, where libsmartcols
 * neither truncates nor wraps and what remains is aligning cells: done
 * here it costs a pass to measure and a pass to print, instead of a
 * multibyte measurement of every character, twice, and a copy of every
 * cell. The output is the same, byte for byte (tests/table.bats compares
 * it with libsmartcols' on a terminal); a cell of anything but printable
 * ASCII leaves the whole table to libsmartcols. 1 when it printed, 0 when
 * the table is libsmartcols' to print. */
static int render_aligned(const struct seg_list *l, const struct render_opts *o)
{
	size_t width[COL_COUNT * 2], line_size;
	char buf[CELL_BUF_SIZE], *line;

	if (o->ncols > ARRAY_SIZE(width) || isatty(STDOUT_FILENO))
		return 0;
	for (size_t c = 0; c < o->ncols; c++)
		width[c] = 0;
	for (size_t i = 0; i < l->n; i++) {
		for (size_t c = 0; c < o->ncols; c++) {
			const char *text = cell(&l->v[i], o->cols[c], &o->fmt, buf, 0);
			size_t w = text ? ascii_width(text) : 0;

			if (w == SIZE_MAX)
				return 0;
			if (w > width[c])
				width[c] = w;
		}
	}
	/* libsmartcols' rule: the widest cell, but at least the header (even
	 * when it is not printed), and a width hint of one or more is taken
	 * whole when both are narrower */
	for (size_t c = 0; c < o->ncols; c++) {
		const struct column *col = &columns[o->cols[c]];
		size_t min = strlen(col->name);

		if (width[c] < min)
			width[c] = min;
		else if (col->whint >= 1 && width[c] < (size_t)col->whint && min < (size_t)col->whint)
			width[c] = (size_t)col->whint;
	}
	line_size = 1;
	for (size_t c = 0; c < o->ncols; c++)
		line_size += width[c] + 1;
	line = xmalloc(line_size);
	for (size_t i = 0; i <= l->n; i++) {
		char *p = line;

		if (i == 0 && o->noheadings)
			continue;
		for (size_t c = 0; c < o->ncols; c++) {
			/* row 0 is the header */
			const char *text = i ? cell(&l->v[i - 1], o->cols[c], &o->fmt, buf, 0)
					     : columns[o->cols[c]].name;
			if (c)
				*p++ = ' ';
			p = put_cell(p, text ? text : "", text ? strlen(text) : 0, width[c],
				     columns[o->cols[c]].flags & SCOLS_FL_RIGHT, c + 1 == o->ncols);
		}
		/* no trailing blanks: empty last cells leave none */
		while (p > line && p[-1] == ' ')
			p--;
		*p++ = '\n';
		fwrite_unlocked(line, 1, (size_t)(p - line), stdout);
	}
	free(line);
	return 1;
}

/* libsmartcols pads every cell, the empty last ones too: its table goes
 * through memory and each line loses its trailing blanks. */
static int print_trimmed(struct libscols_table *tb)
{
	char *text = NULL, *p, *nl;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (!f) {
		warn("cannot allocate a table");
		return -1;
	}
	scols_table_set_stream(tb, f);
	scols_print_table(tb);
	if (fclose(f) != 0) {
		warn("cannot allocate a table");
		free(text);
		return -1;
	}
	for (p = text; p < text + size; p = nl + 1) {
		size_t n;

		nl = memchr(p, '\n', (size_t)(text + size - p));
		if (!nl)
			nl = text + size;
		n = (size_t)(nl - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		fwrite_unlocked(p, 1, n, stdout);
		if (nl < text + size)
			putchar_unlocked('\n');
	}
	free(text);
	return 0;
}

int render_table(const struct seg_list *l, const struct render_opts *o)
{
	struct libscols_table *tb;
	char buf[CELL_BUF_SIZE];
	int rc = -1;

	if (o->mode == OUT_RAW || o->mode == OUT_EXPORT)
		return render_lines(l, o);
	/* an empty list still says what it lists, as ipcs does: each header
	 * as wide as itself, which is what the aligned table gives it */
	if (l->n == 0)
		return render_lines(l, o);
	if (render_aligned(l, o))
		return 0;
	tb = scols_new_table();
	if (!tb) {
		warnx("cannot allocate a table");
		return -1;
	}
	scols_table_enable_noheadings(tb, o->noheadings);
	scols_table_enable_noencoding(tb, 1);

	for (size_t c = 0; c < o->ncols; c++) {
		const struct column *col = &columns[o->cols[c]];
		int flags = col->flags;
		double whint = col->whint;

		/* in a pipe every cell is whole: libsmartcols would narrow a
		 * truncatable column, or one whose hint is a share of the
		 * terminal, there too, but print its cells whole */
		if (o->notruncate || !isatty(STDOUT_FILENO)) {
			flags &= ~SCOLS_FL_TRUNC;
			if (whint < 1)
				whint = 0;
		}
		if (!scols_table_new_column(tb, col->name, whint, flags)) {
			warnx("cannot allocate a table column");
			goto out;
		}
	}
	for (size_t i = 0; i < l->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln) {
			warnx("cannot allocate a table line");
			goto out;
		}
		for (size_t c = 0; c < o->ncols; c++) {
			const char *text = cell(&l->v[i], o->cols[c], &o->fmt, buf, 0);
			if (text && scols_line_set_data(ln, c, text) != 0) {
				warnx("cannot allocate a table cell");
				goto out;
			}
		}
	}
	rc = print_trimmed(tb);
out:
	scols_unref_table(tb);
	return rc;
}
