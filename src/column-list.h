/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_COLUMN_LIST_H
#define SHMTOOL_COLUMN_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* list --list-columns: "NAME  description", " [default]" after the columns
 * of defs, one line each; or with json a JSON array of {"name",
 * "description", "default", "type"}. 0, or -1 after an error line. */
int print_column_list(const int *defs, size_t ndefs, bool json);

#endif
