/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/array.h: the one rule by which shmtool's arrays grow. TAP. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "array.h"
#include "tap.h"

struct item {
	uint64_t a;
	char b[13];
};

/* Pushes keep what was there, zero what is new, and grow by doubling. */
static void test_push(void)
{
	struct item *v = NULL;
	size_t n = 0, cap = 0, reallocs = 0, bad = 0, last_cap = 0;

	for (size_t i = 0; i < 100000; i++) {
		struct item *it = ARRAY_PUSH(v, n, cap);

		if (it != &v[i] || it->a != 0 || it->b[0] != 0 || it->b[12] != 0)
			bad++;
		it->a = i;
		it->b[12] = 'x';
		if (cap != last_cap) {
			reallocs++;
			last_cap = cap;
		}
	}
	ok(n == 100000, "100000 pushes count 100000 (got %zu)", n);
	ok(bad == 0, "each push is the next element, zeroed (%zu not)", bad);
	for (size_t i = 0; i < n; i++)
		if (v[i].a != i || v[i].b[12] != 'x')
			bad++;
	ok(bad == 0, "growing keeps every element (%zu lost)", bad);
	/* 16, 32, ..., 131072 */
	/* a slot used before (n taken back, as a filter does) comes back zeroed */
	v[n - 1].a = 7;
	v[n - 1].b[3] = 'y';
	n--;
	ok(ARRAY_PUSH(v, n, cap)->a == 0 && v[n - 1].b[3] == 0, "a reused slot is zeroed");
	ok(reallocs == 14 && cap == 131072, "doubling from 16: 14 sizes, the last 131072 (got %zu, %zu)",
	   reallocs, cap);
	free(v);
}

static void test_room(void)
{
	size_t cap = 0;
	int *v = array_room(NULL, &cap, 5000, sizeof(*v));

	ok(cap == 5000, "room for 5000 in an empty array is exactly 5000 (got %zu)", cap);
	v[4999] = 1;
	ok(array_room(v, &cap, 5000, sizeof(*v)) == v && cap == 5000,
	   "an array with room is left as it is");
	v = array_room(v, &cap, 5001, sizeof(*v));
	ok(cap == 10000 && v[4999] == 1, "one more doubles it, keeping what it held (got %zu)", cap);
	v = array_room(v, &cap, 30000, sizeof(*v));
	ok(cap == 30000, "more than twice as much is what is asked (got %zu)", cap);
	free(v);
	cap = 0;
	v = array_room(NULL, &cap, 1, sizeof(*v));
	ok(cap == 16, "a first small need gets 16 (got %zu)", cap);
	free(v);
}

int main(void)
{
	test_push();
	test_room();
	return tap_done();
}
