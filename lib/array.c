/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>

#include "array.h"
#include "xalloc.h"

#define ARRAY_FIRST_CAP 16

void *array_room(void *v, size_t *cap, size_t need, size_t size)
{
	size_t grown;

	if (need <= *cap)
		return v;
	grown = *cap ? (*cap <= SIZE_MAX / 2 ? *cap * 2 : need) : ARRAY_FIRST_CAP;
	if (grown < need)
		grown = need;
	v = xreallocarray(v, grown, size);
	*cap = grown;
	return v;
}
