/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "args.h"

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
