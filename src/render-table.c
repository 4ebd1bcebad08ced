/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>

#include "escape.h"
#include "render-cells.h"
#include "shown.h"
#include "state.h"
#include "util.h"

/* Every cell goes through the one rule of lib/escape.h (shown_flags adds
 * the bytes outside ASCII when the locale is not UTF-8). Raw cells also
 * escape the space that separates them; export values also what a shell
 * would expand inside double quotes. A table cell holds no control
 * character and no invalid sequence, so libsmartcols, whose width count
 * never ends on one (mbs_nwidth in util-linux 2.38), never sees one. */
static struct escbuf cellbuf;

static void cellbuf_free(void)
{
	escbuf_free(&cellbuf);
}

const char *table_cell(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf,
		       unsigned flags)
{
	const char *text = column_text(s, col, o, buf);

	if (!text || columns[col].plain)
		return text;
	text = escape_str(&cellbuf, text, flags);
	if (text == cellbuf.p) /* escaped: the buffer now holds memory */
		state_register(cellbuf_free);
	return text;
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

/* In a pipe every cell is whole: libsmartcols would narrow a truncatable
 * column, or one whose hint is a share of the terminal, there too, but
 * print its cells whole. */
static int add_columns(struct libscols_table *tb, const struct render_opts *o)
{
	const bool whole = o->notruncate || !isatty(STDOUT_FILENO);

	for (size_t c = 0; c < o->ncols; c++) {
		const struct column *col = &columns[o->cols[c]];
		int flags = col->flags;
		double whint = col->whint;

		if (whole) {
			flags &= ~SCOLS_FL_TRUNC;
			if (whint < 1)
				whint = 0;
		}
		if (!scols_table_new_column(tb, col->name, whint, flags)) {
			warnx("cannot allocate a table column");
			return -1;
		}
	}
	return 0;
}

static int add_lines(struct libscols_table *tb, const struct seg_list *l,
		     const struct render_opts *o)
{
	char buf[CELL_BUF_SIZE];
	const unsigned flags = shown_flags();

	for (size_t i = 0; i < l->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln) {
			warnx("cannot allocate a table line");
			return -1;
		}
		for (size_t c = 0; c < o->ncols; c++) {
			const char *text = table_cell(&l->v[i], o->cols[c], &o->fmt, buf, flags);

			if (text && scols_line_set_data(ln, c, text) != 0) {
				warnx("cannot allocate a table cell");
				return -1;
			}
		}
	}
	return 0;
}

int render_table(const struct seg_list *l, const struct render_opts *o)
{
	struct libscols_table *tb;
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
	if (add_columns(tb, o) == 0 && add_lines(tb, l, o) == 0)
		rc = print_trimmed(tb);
	scols_unref_table(tb);
	return rc;
}
