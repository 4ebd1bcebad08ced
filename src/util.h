/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_UTIL_H
#define SHMTOOL_UTIL_H

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

/* One error line for a bad argument, then exit 2. */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* Whether capability cap (CAP_*) is in this process's effective set. A
 * prediction for --dry-run and friends: the call itself decides. */
bool has_cap(int cap);

/* Makes a failed write on stdout (full disk, closed descriptor) an error at exit. */
void close_stdout_at_exit(void);

#endif
