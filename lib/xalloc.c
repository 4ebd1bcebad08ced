/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		err(EXIT_FAILURE, "cannot allocate %zu bytes", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t n)
{
	void *p = calloc(nmemb ? nmemb : 1, n ? n : 1);
	if (!p)
		err(EXIT_FAILURE, "cannot allocate %zu bytes", nmemb * n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		err(EXIT_FAILURE, "cannot allocate %zu bytes", n);
	return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t n)
{
	p = reallocarray(p, nmemb ? nmemb : 1, n ? n : 1);
	if (!p)
		err(EXIT_FAILURE, "cannot allocate %zu elements", nmemb);
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		err(EXIT_FAILURE, "cannot allocate memory");
	return d;
}
