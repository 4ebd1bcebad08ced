/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "shown.h"
#include "util.h"

/* A usage error echoes what was typed, and a script may type what it read
 * from a hostile file: the line is shown as typed (lib/escape.h's
 * ESC_TYPED), so no control character reaches the terminal. What callers
 * already showed that way comes through unchanged. */
int usage_vwarn(const char *cmd, const char *fmt, va_list ap)
{
	char *msg;

	fflush(stdout);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	fputs(msg ? shown_typed(msg) : "cannot allocate the error line", stderr);
	fputc('\n', stderr);
	free(msg);
	return EXIT_USAGE;
}

int usage_warn(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_vwarn(cmd, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

bool has_cap(int cap)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return false;
	return (data[CAP_TO_INDEX(cap)].effective & CAP_TO_MASK(cap)) != 0;
}

static int out_errno;

void out_write(const void *p, size_t n)
{
	if (n == 0)
		return;
	if (fwrite_unlocked(p, 1, n, stdout) != n && !out_errno)
		out_errno = errno ? errno : EIO;
}

int out_write_errno(void)
{
	return out_errno;
}
