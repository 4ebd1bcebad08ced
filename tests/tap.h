/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TAP for the C unit tests (automake's tap-driver.sh reads it): ok() prints
 * one numbered result, tap_done() the plan, which TAP allows last, and
 * returns main's exit status. One copy, included by each tests/unit-*.c. */
#ifndef SHMTOOL_TAP_H
#define SHMTOOL_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_tests, tap_failed;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_tests++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int tap_done(void)
{
	printf("1..%d\n", tap_tests);
	return tap_failed ? 1 : 0;
}

#endif
