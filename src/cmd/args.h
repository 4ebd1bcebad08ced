/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_ARGS_H
#define SHMTOOL_ARGS_H

/* The exiting forms of select.h's argument readers, for a command that
 * has nothing to release when what was typed is wrong: each exits with
 * the status the library returned, after the library's error line. */

#include <stdbool.h>
#include <stdint.h>
#include "segment.h"
#include "segmap.h"
#include "select.h"
#include "options.h"

/* One error line for a bad argument (util.h's usage_warn), then exit 2. */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

int32_t resolve_key(const char *arg, const char *cmd);
uint64_t resolve_size(const char *arg, const char *cmd);
void selector_check(const char *cmd, const struct selector *sel);
void selector_resolve(const char *cmd, const struct selector *sel, struct shm_seg *out);

/* The operands of a command that names one segment, after its options:
 * the selector's, unless -k or --posix named it; then, with dash, a "-"
 * (standard input) sets *dash. Then opts_end() and selector_check(). */
void selector_end(const struct opt_parser *p, struct selector *sel, bool *dash);

/* selector_resolve, then segmap_open and segmap_range (their arguments):
 * an error is the segment's one line and exit 1. */
void selector_map(const char *cmd, const struct selector *sel, bool rdonly, uint64_t offset,
		  bool has_length, uint64_t *length, struct segmap *m);

#endif
