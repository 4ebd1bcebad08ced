/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "util.h"

static int vusage_warn(const char *cmd, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int usage_warn(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vusage_warn(cmd, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vusage_warn(cmd, fmt, ap);
	va_end(ap);
	exit(EXIT_USAGE);
}

bool has_cap(int cap)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return false;
	return (data[CAP_TO_INDEX(cap)].effective & CAP_TO_MASK(cap)) != 0;
}

static void close_stdout(void)
{
	int prev_errors = ferror(stdout);
	bool pending = __fpending(stdout) != 0;

	/* fclose flushes; either a pending error or a failing flush means
	 * the user did not get the whole output. A stdout that was closed
	 * before we started fails the close with EBADF: no error when there
	 * was nothing to write to it (as gnulib's close_stdout). */
	errno = 0;
	if ((fclose(stdout) != 0 && (pending || errno != EBADF)) || prev_errors) {
		if (errno)
			warn("write error");
		else
			warnx("write error");
		_exit(EXIT_FAIL);
	}
	/* stderr stays open: what runs after us at exit (a sanitizer's
	 * report) must still be able to say something */
	if (fflush(stderr) != 0)
		_exit(EXIT_FAIL);
}

void close_stdout_at_exit(void)
{
	atexit(close_stdout);
}
