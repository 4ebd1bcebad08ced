/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_ARRAY_H
#define SHMTOOL_ARRAY_H

/* Growing arrays, one rule for all of them (git's ALLOC_GROW, kmod's
 * shared/array.c): an array is a typed pointer v with n elements in use
 * and room for cap, grown by doubling so that appending costs amortized
 * O(1). Typed pointers, not a struct of void *: callers index v[i]. */

#include <stddef.h>
#include <string.h>

/* v, which has room for *cap elements of size bytes, with room for at
 * least need: realloc'd to the larger of need and twice *cap (16 at
 * first) when it is short, and *cap updated. Never NULL (xalloc.h). */
void *array_room(void *v, size_t *cap, size_t need, size_t size);

/* Appends one zeroed element to the array v of n elements with room for
 * cap (three lvalues, each evaluated more than once) and evaluates to a
 * pointer to it, of v's type. The test for room is inline: a push is a
 * compare and a store until the array is full. */
#define ARRAY_PUSH(v, n, cap)                                                  \
	((void)((n) < (cap) || ((v) = array_room((v), &(cap), (n) + 1, sizeof(*(v))))), \
	 (__typeof__(&(v)[0]))memset(&(v)[(n)++], 0, sizeof(*(v))))

/* A growing byte buffer, git's strbuf without its NUL: p holds n bytes in
 * use and has room for cap. */
struct bytebuf {
	char *p;
	size_t n, cap;
};

/* Where the next more bytes go, room made for them. */
static inline char *bytebuf_room(struct bytebuf *b, size_t more)
{
	if (b->cap - b->n < more)
		b->p = array_room(b->p, &b->cap, b->n + more, 1);
	return b->p + b->n;
}

#endif
