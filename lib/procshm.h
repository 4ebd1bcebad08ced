/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PROCSHM_H
#define SHMTOOL_PROCSHM_H

/* The text of /proc/sysvipc/shm, parsed without I/O: the header names the
 * fields, so a kernel that adds, drops or reorders columns still parses. */

#include <stddef.h>
#include "segment.h"

#define PROCSHM_MAX_FIELDS 64

struct procshm_layout {
	signed char field[PROCSHM_MAX_FIELDS]; /* enum seg_field, or -1 to ignore */
	size_t nfields;
};

/* 0, or -1 when the header lacks key, shmid, perms or size. */
int procshm_parse_header(const char *line, size_t len, struct procshm_layout *l);

/* 0, or -1 when the line is malformed (missing or extra field, not a
 * number, out of range); *seg is then unspecified. */
int procshm_parse_line(const struct procshm_layout *l, const char *line, size_t len,
		       struct shm_seg *seg);

#endif
