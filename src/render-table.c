/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"

int render_table(const struct seg_list *l, const struct render_opts *o)
{
	struct libscols_table *tb = scols_new_table();
	char buf[CELL_BUF_SIZE];
	int rc = -1;

	if (!tb) {
		warnx("cannot allocate a table");
		return -1;
	}
	scols_table_enable_raw(tb, o->mode == OUT_RAW);
	scols_table_enable_export(tb, o->mode == OUT_EXPORT);
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
