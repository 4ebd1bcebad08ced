/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "util.h"

void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_vwarn(cmd, fmt, ap);
	va_end(ap);
	exit(EXIT_USAGE);
}

static void exit_if(int status)
{
	if (status)
		exit(status);
}

int32_t resolve_key(const char *arg, const char *cmd)
{
	int32_t key;

	exit_if(key_arg(cmd, arg, &key));
	return key;
}

uint64_t resolve_size(const char *arg, const char *cmd)
{
	uint64_t v;

	exit_if(size_arg(cmd, arg, &v));
	return v;
}

void selector_check(const char *cmd, const struct selector *sel)
{
	exit_if(selector_given(cmd, sel));
}

void selector_resolve(const char *cmd, const struct selector *sel, struct shm_seg *out)
{
	exit_if(selector_lookup(cmd, sel, out));
}

static bool dash_next(const struct opt_parser *p)
{
	return optind < p->argc && strcmp(p->argv[optind], "-") == 0;
}

void selector_end(const struct opt_parser *p, struct selector *sel, bool *dash)
{
	if (!sel->key && !sel->posix && optind < p->argc && !(dash && dash_next(p)))
		sel->operand = p->argv[optind++];
	if (dash && dash_next(p)) {
		*dash = true;
		optind++;
	}
	opts_end(p);
	selector_check(p->spec->cmd, sel);
}

void selector_map(const char *cmd, const struct selector *sel, bool rdonly, uint64_t offset,
		  bool has_length, uint64_t *length, struct segmap *m)
{
	struct shm_seg seg;
	char why[160];

	selector_resolve(cmd, sel, &seg);
	if (segmap_open(&seg, rdonly, m) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmd, m->label, segmap_strerror(m, errno));
	if (segmap_range(m, offset, has_length, length, why, sizeof(why)) < 0)
		errx(EXIT_FAIL, "%s: %s: %s", cmd, m->label, why);
}
