/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_INPUT_H
#define SHMTOOL_INPUT_H

/* write's input, captured whole in memory before the segment is touched:
 * the all-or-nothing rule needs to know it fits and is readable first, and
 * a file that changes under us must not leave the segment half-written. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct input {
	const unsigned char *data;
	size_t len;       /* more than the cap: too long (not all of it read) */
	uint64_t dropped; /* bytes known not to fit (--truncate of a file) */
	bool longer;      /* --truncate of a stream: more followed, not counted */
	const char *name; /* for errors: the file, or "standard input" */
	unsigned char *heap; /* to free */
	void *map;           /* to munmap */
	size_t maplen;
};

/* Captures path (NULL: standard input). Without truncate, at most cap + 1
 * bytes are read: one more than fits tells the input is too long (a
 * regular file's size tells it without reading). With truncate, cap bytes
 * are kept, and of a stream one more is read to know whether it was
 * longer. A regular file must keep its size and modification time while
 * it is read. 0; or -1 with errno; or -1 with errno 0 and the reason in
 * *why (the file changed). */
int input_capture(const char *path, uint64_t cap, bool truncate, struct input *in,
		  const char **why);

void input_free(struct input *in);

#endif
