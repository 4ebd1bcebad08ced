/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_UTIL_H
#define SHMTOOL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <err.h>
#include <errno.h> /* program_invocation_short_name */

#include "c.h"
#include "xalloc.h"

/* Exit statuses: the contract in the man page's EXIT STATUS section. */
#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2


/* The error line for a bad argument; returns EXIT_USAGE, for library
 * code that leaves the exit to the command. */
int usage_warn(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* usage_warn with a va_list, for the exiting form (src/cmd/args.h). */
int usage_vwarn(const char *cmd, const char *fmt, va_list ap);

/* Whether capability cap (CAP_*) is in this process's effective set. A
 * prediction for --dry-run and friends: the call itself decides. */
bool has_cap(int cap);

/* Writes a block of output to stdout. Blocks larger than stdio's buffer
 * bypass it, so a failed write is not left for the flush at exit to
 * report: its errno is kept here for that error line instead. */
void out_write(const void *p, size_t n);

/* The errno of the first failed out_write, or 0. */
int out_write_errno(void);

#endif
