/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <ctype.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"

/* Raw cells escape what would split them (blanks, backslash, control and
 * non-printable bytes) as \xHH; export values also escape what a shell
 * would expand inside double quotes. The same escapes libsmartcols uses. */
static void put_escaped(const char *s, int export)
{
	static const char hex[] = "0123456789abcdef";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int esc = c == '\\' || !isprint(c) || iscntrl(c) ||
			  (export ? (c == '"' || c == '`' || c == '$') : isblank(c));
		if (esc) {
			putchar_unlocked('\\');
			putchar_unlocked('x');
			putchar_unlocked(hex[c >> 4]);
			putchar_unlocked(hex[c & 15]);
		} else {
			putchar_unlocked(c);
		}
	}
}

/* Raw and export lines need no widths, so they skip the table: at tens of
 * thousands of segments, measuring every cell is most of the cost. */
static int render_lines(const struct seg_list *l, const struct render_opts *o)
{
	char buf[CELL_BUF_SIZE];
	const int export = o->mode == OUT_EXPORT;

	/* an empty list prints nothing, as the table does */
	if (l->n == 0)
		return 0;
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
			const char *text = column_text(&l->v[i], o->cols[c], &o->fmt, buf);
			if (c)
				putchar_unlocked(' ');
			if (export) {
				fputs_unlocked(columns[o->cols[c]].name, stdout);
				fputs_unlocked("=\"", stdout);
			}
			if (text)
				put_escaped(text, export);
			if (export)
				putchar_unlocked('"');
		}
		putchar_unlocked('\n');
	}
	return 0;
}

int render_table(const struct seg_list *l, const struct render_opts *o)
{
	struct libscols_table *tb;
	char buf[CELL_BUF_SIZE];
	int rc = -1;

	if (o->mode == OUT_RAW || o->mode == OUT_EXPORT)
		return render_lines(l, o);
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

		if (o->notruncate)
			flags &= ~SCOLS_FL_TRUNC;
		if (!scols_table_new_column(tb, col->name, col->whint, flags)) {
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
			const char *text = column_text(&l->v[i], o->cols[c], &o->fmt, buf);
			if (text && scols_line_set_data(ln, c, text) != 0) {
				warnx("cannot allocate a table cell");
				goto out;
			}
		}
	}
	scols_print_table(tb);
	rc = 0;
out:
	scols_unref_table(tb);
	return rc;
}
