/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SORT_H
#define SHMTOOL_SORT_H

#include <stdbool.h>

#include "cell-text.h"
#include "segment.h"

/* Sorts by a column: numbers as numbers, names as text. */
void sort_segments(struct seg_list *l, int col, bool reverse, const struct fmt_opts *fo);

#endif
