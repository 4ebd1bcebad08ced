/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_HEXDUMP_H
#define SHMTOOL_HEXDUMP_H

/* The canonical hex+ASCII format of `hexdump -C`, byte for byte: lines of
 * 16 bytes, a `*` line for a run of lines equal to the one before, and the
 * end offset on a line of its own. Pure: bytes in, text out, no I/O, so it
 * can be fed in chunks of any size and fuzzed. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest line: a 16-digit offset, 16 bytes in hex and in ASCII. */
#define HEXDUMP_LINE_MAX 88

struct hexdump {
	uint64_t addr;       /* offset of the next line's first byte */
	unsigned char prev[16]; /* the last full line, for squeezing */
	unsigned char part[16]; /* bytes of a line not yet complete */
	unsigned npart;
	bool squeeze;
	bool started;        /* a full line has been seen */
	bool starred;        /* the `*` of the current run is out */
	bool any;            /* a byte was fed: the end offset is due */
};

/* start: the offset of the first byte (hexdump -s); squeeze: false is -v. */
void hexdump_init(struct hexdump *h, uint64_t start, bool squeeze);

/* The room hexdump_feed needs for n more bytes, and hexdump_finish. */
#define HEXDUMP_BOUND(n) (((n) / 16 + 1) * HEXDUMP_LINE_MAX)

static inline size_t hexdump_bound(size_t n)
{
	return HEXDUMP_BOUND(n);
}

/* Formats n bytes into out, which has room for hexdump_bound(n);
 * returns the number of characters written. A partial line is held back
 * until more bytes come or hexdump_finish. */
size_t hexdump_feed(struct hexdump *h, const void *buf, size_t n, char *out);

/* n zero bytes, formatted as hexdump_feed formats that many zeros, without
 * the bytes: a hole of a sparse segment costs nothing to format. With
 * squeeze, out has room for HEXDUMP_ZEROS_ROOM whatever n is (a run of
 * zero lines is at most one line and a `*`); without it, for
 * hexdump_bound(n). */
#define HEXDUMP_ZEROS_ROOM (2 * HEXDUMP_LINE_MAX + 2)
size_t hexdump_zeros(struct hexdump *h, uint64_t n, char *out);

/* The held partial line and the end offset; out has room for
 * 2 * HEXDUMP_LINE_MAX. Nothing at all when no byte was fed, as
 * `hexdump -C -n 0`. */
size_t hexdump_finish(struct hexdump *h, char *out);

/* The vector code is used where the CPU has it (x86-64 with SSSE3); tests
 * turn it off to check the portable code gives the same text. */
void hexdump_use_simd(bool on);

#endif
