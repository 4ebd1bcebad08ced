/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_FUZZ_H
#define SHMTOOL_FUZZ_H

/* What the libFuzzer targets share: a failed invariant aborts, which
 * libFuzzer reports as a crash with the input saved as an artifact. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",        \
				__FILE__, __LINE__, #cond);                     \
			abort();                                                \
		}                                                               \
	} while (0)

/* The input as a C string, as a parser sees an argv element: it ends at
 * the first NUL byte. Allocated to the exact length, so that ASan sees a
 * read past the terminator. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	size_t n = strnlen((const char *)data, size);
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* n bytes in a buffer of exactly n bytes: ASan catches reading past them. */
static inline char *fuzz_dup(const void *p, size_t n)
{
	char *s = malloc(n ? n : 1);

	if (!s)
		abort();
	memcpy(s, p, n);
	return s;
}

#endif
