/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hexdump -C formatter against output captured from util-linux
 * hexdump -C (2.38), fed whole and in chunks, by the vector code and by
 * the portable code. Prints TAP. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexdump.h"
#include "tap.h"

/* The text for buf[0..n) fed in chunks of chunk bytes; checks each feed
 * stays within hexdump_bound. Caller frees. */
static char *format(const void *buf, size_t n, uint64_t start, bool squeeze, size_t chunk,
		    bool *in_bound)
{
	char *out = malloc(hexdump_bound(n) + 2 * HEXDUMP_LINE_MAX + 1);
	const unsigned char *b = buf;
	struct hexdump h;
	size_t o = 0;

	*in_bound = true;
	hexdump_init(&h, start, squeeze);
	for (size_t i = 0; i < n; i += chunk) {
		size_t k = n - i < chunk ? n - i : chunk;
		size_t w = hexdump_feed(&h, b + i, k, out + o);
		if (w > hexdump_bound(k))
			*in_bound = false;
		o += w;
	}
	o += hexdump_finish(&h, out + o);
	out[o] = '\0';
	return out;
}

struct known {
	const char *name;
	const char *bytes;
	size_t n;
	uint64_t start;
	bool squeeze;
	const char *want;
};

static char zeros[64];

static const struct known cases[] = {
	{ "nothing: no output at all, as hexdump -n 0", "", 0, 0, true, "" },
	{ "a partial line: blank hex columns, short ASCII column", "abc", 3, 0, true,
	  "00000000  61 62 63                                          |abc|\n"
	  "00000003\n" },
	{ "repeated lines squeeze to one *", zeros, 48, 0, true,
	  "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "*\n"
	  "00000030\n" },
	{ "-v prints every line", zeros, 48, 0, false,
	  "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "00000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "00000030\n" },
	{ "a run, then a partial line", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
				       "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0abc", 35, 0, true,
	  "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "*\n"
	  "00000020  61 62 63                                          |abc|\n"
	  "00000023\n" },
	{ "a start offset not a multiple of 16 (hexdump -s 5 -n 35)", zeros, 35, 5, true,
	  "00000005  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "*\n"
	  "00000025  00 00 00                                          |...|\n"
	  "00000028\n" },
	{ "squeezing with a start offset (hexdump -s 3)",
	  "DEFGHIJKLMNOPABCDEFGHIJKLMNOPABCDEFGHIJKLMNOPABCDEFG", 52, 3, true,
	  "00000003  44 45 46 47 48 49 4a 4b  4c 4d 4e 4f 50 41 42 43  |DEFGHIJKLMNOPABC|\n"
	  "*\n"
	  "00000033  44 45 46 47                                       |DEFG|\n"
	  "00000037\n" },
	{ "printable is 0x20-0x7e, the rest a dot",
	  "\x00\x01\x1f\x20\x41\x7e\x7f\x80\x9f\xa0\xfe\xff\"\\|%AAAA"
	  "\x00\x01\x1f\x20\x41\x7e\x7f\x80\x9f\xa0\xfe\xff\"\\|%AAAA", 40, 0, true,
	  "00000000  00 01 1f 20 41 7e 7f 80  9f a0 fe ff 22 5c 7c 25  |... A~......\"\\|%|\n"
	  "00000010  41 41 41 41 00 01 1f 20  41 7e 7f 80 9f a0 fe ff  |AAAA... A~......|\n"
	  "00000020  22 5c 7c 25 41 41 41 41                           |\"\\|%AAAA|\n"
	  "00000028\n" },
	{ "offsets past 4 GiB take more digits; a partial line is never squeezed", zeros, 20,
	  0xfffffff0u, true,
	  "fffffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
	  "100000000  00 00 00 00                                       |....|\n"
	  "100000004\n" },
};

static void check_known(bool simd)
{
	static const size_t chunks[] = { 1, 3, 16, 17, 4096 };
	char name[256];

	hexdump_use_simd(simd);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct known *k = &cases[i];
		bool same = true, bound = true;

		for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
			bool b;
			char *got = format(k->bytes, k->n, k->start, k->squeeze, chunks[c], &b);
			if (strcmp(got, k->want) != 0) {
				if (same)
					printf("# chunk %zu, got:\n%s# want:\n%s", chunks[c], got, k->want);
				same = false;
			}
			bound = bound && b;
			free(got);
		}
		snprintf(name, sizeof(name), "%s (%s)", k->name, simd ? "vector" : "portable");
		ok(same && bound, "%s", name);
	}
}

/* Random bytes from a small alphabet, with runs, so lines repeat. */
static void fill_runs(unsigned char *b, size_t n, unsigned seed)
{
	srand(seed);
	for (size_t i = 0; i < n;) {
		size_t run = (size_t)(rand() % 40) + 1;
		unsigned char c = (unsigned char)(rand() % 4 == 0 ? rand() : "\0A\377"[rand() % 3]);
		for (; run && i < n; run--, i++)
			b[i] = rand() % 8 ? c : (unsigned char)rand();
	}
}

static void check_paths_agree(void)
{
	enum { N = 1 << 16 };
	unsigned char *b = malloc(N);
	bool same = true, bound = true;

	for (unsigned seed = 1; seed <= 20; seed++) {
		size_t n = (size_t)(seed * 3271) % N;
		uint64_t start = seed * 7;
		bool b1, b2;
		fill_runs(b, n, seed);
		hexdump_use_simd(true);
		char *v = format(b, n, start, seed & 1, (size_t)seed * 13, &b1);
		hexdump_use_simd(false);
		char *p = format(b, n, start, seed & 1, n ? n : 1, &b2);
		same = same && strcmp(v, p) == 0;
		bound = bound && b1 && b2;
		free(v);
		free(p);
	}
	free(b);
	ok(same, "vector and portable code, chunked and whole, give the same text");
	ok(bound, "no feed writes more than hexdump_bound says");
}

/* Bytes with long zero runs starting and ending anywhere, as holes in a
 * sparse segment fall against an offset or length not page-aligned. */
static void fill_holes(unsigned char *b, size_t n, unsigned seed)
{
	fill_runs(b, n, seed);
	for (size_t i = 0; i < n;) {
		size_t run = (size_t)(rand() % 300);
		if (rand() % 2)
			memset(b + i, 0, run < n - i ? run : n - i);
		i += run + (size_t)(rand() % 50);
	}
}

/* The same text with each all-zero chunk given to hexdump_zeros instead;
 * *in_bound is false when a call wrote more than it says it may. */
static char *format_holes(const unsigned char *b, size_t n, uint64_t start, bool squeeze,
			  bool *in_bound)
{
	char *out = malloc(hexdump_bound(n) + 2 * HEXDUMP_ZEROS_ROOM + 2 * HEXDUMP_LINE_MAX + 1);
	struct hexdump h;
	size_t o = 0;

	*in_bound = true;
	hexdump_init(&h, start, squeeze);
	for (size_t i = 0; i < n;) {
		size_t k = (size_t)(rand() % 200) + 1, z = 0, w;
		k = k < n - i ? k : n - i;
		while (z < k && b[i + z] == 0)
			z++;
		if (z > 0) {
			w = hexdump_zeros(&h, z, out + o);
			if (w > (squeeze ? HEXDUMP_ZEROS_ROOM : hexdump_bound(z)))
				*in_bound = false;
			k = z;
		} else {
			w = hexdump_feed(&h, b + i, k, out + o);
		}
		o += w;
		i += k;
	}
	o += hexdump_finish(&h, out + o);
	out[o] = '\0';
	return out;
}

static void check_zeros(void)
{
	enum { N = 1 << 14 };
	unsigned char *b = malloc(N);
	bool same = true, bound = true;

	for (unsigned seed = 1; seed <= 400; seed++) {
		size_t n = (size_t)rand() % N;
		uint64_t start = (uint64_t)(rand() % 3 ? rand() % 64 : rand());
		bool squeeze = seed & 1, b1, b2;
		fill_holes(b, n, seed);
		char *want = format(b, n, start, squeeze, n ? n : 1, &b1);
		char *got = format_holes(b, n, start, squeeze, &b2);
		if (same && strcmp(want, got) != 0)
			printf("# seed %u, n %zu, start %llu: got\n%s# want\n%s", seed, n,
			       (unsigned long long)start, got, want);
		same = same && strcmp(want, got) == 0;
		bound = bound && b2;
		free(want);
		free(got);
	}
	/* a run of zeros, a hole of 1 GiB: constant time and room when squeezing */
	{
		char out[3 * HEXDUMP_ZEROS_ROOM];
		struct hexdump h;
		size_t o;
		hexdump_init(&h, 3, true);
		o = hexdump_zeros(&h, (1ull << 30) + 5, out);
		o += hexdump_finish(&h, out + o);
		out[o] = '\0';
		ok(strcmp(out, "00000003  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
			       "*\n"
			       "40000003  00 00 00 00 00                                    |.....|\n"
			       "40000008\n") == 0,
		   "a hole of 1 GiB is one line, a '*', the partial line and the end");
	}
	free(b);
	ok(same, "zero runs through hexdump_zeros give the text of the bytes themselves");
	ok(bound, "hexdump_zeros writes no more than HEXDUMP_ZEROS_ROOM when squeezing");
}

int main(void)
{
	check_known(true);
	check_known(false);
	check_paths_agree();
	hexdump_use_simd(true);
	check_zeros();
	hexdump_use_simd(false);
	check_zeros();
	return tap_done();
}
