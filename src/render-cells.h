/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_RENDER_CELLS_H
#define SHMTOOL_RENDER_CELLS_H

/* What the table renderers share: one cell's text as it is shown, and the
 * two ways of printing a table without libsmartcols. */

#include "render.h"

/* Table lines are built in memory and written about this many bytes at a
 * time: at tens of thousands of segments a stdio call per cell and per
 * blank was a third of the time of -r. */
#define RENDER_FLUSH 65536

/* The text of column col of s, escaped by the one rule of lib/escape.h with
 * flags (shown_flags() and what the mode adds); NULL for an empty cell. buf
 * has CELL_BUF_SIZE bytes. The text lives until the next call. */
const char *table_cell(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf,
		       unsigned flags);

/* Raw (-r) and export lines. 0. */
int render_lines(const struct seg_list *l, const struct render_opts *o);

/* The aligned table where libsmartcols would only align: 1 when it
 * printed, 0 when the table is libsmartcols' to print. */
int render_aligned(const struct seg_list *l, const struct render_opts *o);

#endif
