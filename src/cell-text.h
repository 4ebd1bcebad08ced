/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_CELL_TEXT_H
#define SHMTOOL_CELL_TEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "columns.h"
#include "segment.h"

enum time_format { TIME_SHORT, TIME_FULL, TIME_ISO, TIME_EPOCH };

struct holders;

struct fmt_opts {
	bool human;
	enum time_format time_format;
	time_t now;
	const struct holders *holders; /* PIDS, ORIGKEY, COMMAND; NULL: unknown */
	bool null_names; /* a uid or gid without a name: NULL, not its number */
};

#define CELL_BUF_SIZE 64

/* The text of a cell, or NULL when the value is unknown or never set.
 * The result lives in buf, in a cache or in o->holders; buf holds
 * CELL_BUF_SIZE bytes. */
const char *column_text(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf);

/* Formatting helpers shared with the other renderers. */
char *fmt_u64(uint64_t v, char *end);
/* a * b exactly, in decimal: SHMALL pages times the page size, whose
 * default does not fit 64 bits. buf holds CELL_BUF_SIZE bytes. */
const char *fmt_u64_product(uint64_t a, uint64_t b, char *buf);
const char *fmt_key(int32_t key, char *buf);
const char *fmt_human_size(uint64_t bytes, char *buf);
const char *fmt_time(int64_t t, enum time_format tf, time_t now, char *buf);
const char *fmt_status(uint32_t mode, char *buf);

#endif
