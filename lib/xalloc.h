/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_XALLOC_H
#define SHMTOOL_XALLOC_H

#include <stddef.h>

/* Allocation that never returns NULL: running out of memory ends the
 * program with one error line, as util-linux's xalloc.h does. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t n);
char *xstrdup(const char *s);

#endif
