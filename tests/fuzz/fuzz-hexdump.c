/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for the hexdump -C formatter (src/hexdump.c): bytes
 * fed in chunks of fuzzed sizes must print exactly what a plain reference
 * prints for all of them at once. The input: byte 0 holds the flags (bit
 * 0: squeeze, as without -v; bit 1: a chunk of zeros goes to hexdump_zeros,
 * as a hole of a sparse segment does), bytes 1-6 the offset of the first byte
 * (hexdump -s), byte 7 seeds the chunk sizes; the rest is the data. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>

#include "array.h"
#include "fuzz.h"
#include "hexdump.h"

#define HEADER 8


static void text_printf(struct bytebuf *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_printf(struct bytebuf *t, const char *fmt, ...)
{
	va_list ap;
	int w;

	bytebuf_room(t, 128);
	va_start(ap, fmt);
	w = vsnprintf(t->p + t->n, 128, fmt, ap);
	va_end(ap);
	FUZZ_CHECK(w >= 0 && w < 128);
	t->n += (size_t)w;
}

/* hexdump -C, the obvious way: 16 bytes a line, "%08x  " offset, two
 * groups of eight "%02x " with a space between, "|" ASCII "|"; a full
 * line equal to the full line before it is not printed, and the first of
 * a run of them prints as "*"; then the end offset alone. The last,
 * partial line is never squeezed. No bytes, no output. */
static void ref_dump(struct bytebuf *t, const uint8_t *d, size_t n, uint64_t start, bool squeeze)
{
	bool starred = false;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i += 16) {
		size_t len = n - i < 16 ? n - i : 16;

		if (squeeze && len == 16 && i >= 16 && memcmp(d + i, d + i - 16, 16) == 0) {
			if (!starred)
				text_printf(t, "*\n");
			starred = true;
			continue;
		}
		starred = false;
		text_printf(t, "%08" PRIx64 "  ", start + i);
		for (size_t j = 0; j < 16; j++) {
			if (j < len)
				text_printf(t, "%02x ", d[i + j]);
			else
				text_printf(t, "   ");
			if (j == 7)
				text_printf(t, " ");
		}
		text_printf(t, " |");
		for (size_t j = 0; j < len; j++)
			text_printf(t, "%c", d[i + j] >= 0x20 && d[i + j] < 0x7f ? d[i + j] : '.');
		text_printf(t, "|\n");
	}
	text_printf(t, "%08" PRIx64 "\n", start + n);
}

/* The one function that knows the API of src/hexdump.h: the bytes fed
 * to it in chunks of the sizes chunk[0], chunk[1], ... (cycled, zeros
 * included), then the end. */
static bool all_zero(const uint8_t *d, size_t n)
{
	return n && d[0] == 0 && memcmp(d, d + 1, n - 1) == 0;
}

static void impl_dump(struct bytebuf *t, const uint8_t *d, size_t n, uint64_t start, bool squeeze,
		      bool holes, const size_t *chunk, size_t nchunk)
{
	struct hexdump h;
	size_t off = 0;

	hexdump_init(&h, start, squeeze);
	for (size_t c = 0; off < n; c = (c + 1) % nchunk) {
		size_t len = chunk[c] < n - off ? chunk[c] : n - off;
		bool hole = holes && all_zero(d + off, len);
		size_t room = hole && squeeze ? HEXDUMP_ZEROS_ROOM : hexdump_bound(len);
		char *out = bytebuf_room(t, room);
		size_t w = hole ? hexdump_zeros(&h, len, out) : hexdump_feed(&h, d + off, len, out);

		FUZZ_CHECK(w <= room);
		t->n += w;
		off += len;
	}
	{
		char *out = bytebuf_room(t, 2 * HEXDUMP_LINE_MAX);
		size_t w = hexdump_finish(&h, out);

		FUZZ_CHECK(w <= 2 * HEXDUMP_LINE_MAX);
		t->n += w;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytebuf want = { 0 }, got = { 0 };
	size_t chunk[16];
	uint64_t start = 0;
	uint8_t seed;
	bool squeeze, holes;

	if (size < HEADER)
		return 0;
	squeeze = data[0] & 1;
	holes = data[0] & 2;
	for (int i = 6; i >= 1; i--)
		start = start << 8 | data[i];
	/* chunk sizes 0..40 around the 16 of a line, and one large one */
	seed = data[7];
	for (size_t i = 0; i < 16; i++) {
		seed = (uint8_t)(seed * 167 + 13);
		chunk[i] = i == 15 ? 4096 : seed % 41;
	}
	data += HEADER;
	size -= HEADER;

	ref_dump(&want, data, size, start, squeeze);
	impl_dump(&got, data, size, start, squeeze, holes, chunk, 16);
	if (got.n != want.n || (got.n && memcmp(got.p, want.p, got.n) != 0)) {
		fprintf(stderr, "--- reference (%zu bytes)\n%.*s--- src/hexdump.c (%zu bytes)\n%.*s",
			want.n, (int)want.n, want.p, got.n, (int)got.n, got.p);
		FUZZ_CHECK(!"output differs from hexdump -C");
	}
	free(want.p);
	free(got.p);
	return 0;
}
