/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <string.h>

#include "hexdump.h"

/* Table-driven: a 4-byte store of "xx  " per byte (the next store
 * overwrites the 4th byte, so the spaces between groups come free), one
 * table look-up per ASCII column. At 16 bytes in and 79 out per line
 * this runs at memory speed, where printf per byte does a few MB/s. */
static const char digits[] = "0123456789abcdef";

static uint32_t hex4[256];
static uint16_t hex2[256];
static char ascii[256];
static bool tables_ready;

static void hexdump_pick(void);

static void init_tables(void)
{
	for (unsigned i = 0; i < 256; i++) {
		char s[4] = { digits[i >> 4], digits[i & 15], ' ', ' ' };
		memcpy(&hex4[i], s, 4);
		memcpy(&hex2[i], s, 2);
		/* hexdump's %_p in the C locale: printable ASCII, else a dot */
		ascii[i] = i >= 0x20 && i < 0x7f ? (char)i : '.';
	}
	tables_ready = true;
	hexdump_pick();
}

void hexdump_init(struct hexdump *h, uint64_t start, bool squeeze)
{
	if (!tables_ready)
		init_tables();
	memset(h, 0, sizeof(*h));
	h->addr = start;
	h->squeeze = squeeze;
}

#define HOT static inline __attribute__((always_inline))

/* "%08jx": eight digits at least, more for offsets past 4 GiB. */
HOT size_t put_addr(char *o, uint64_t a)
{
	if (a <= 0xffffffffu) {
		memcpy(o, &hex2[(a >> 24) & 0xff], 2);
		memcpy(o + 2, &hex2[(a >> 16) & 0xff], 2);
		memcpy(o + 4, &hex2[(a >> 8) & 0xff], 2);
		memcpy(o + 6, &hex2[a & 0xff], 2);
		return 8;
	}
	size_t n = 0;
	for (uint64_t t = a; t; t >>= 4)
		n++;
	for (size_t i = n; i-- > 0; a >>= 4)
		o[i] = digits[a & 15];
	return n;
}

/* One full line of 16 bytes. */
HOT size_t put_line(char *o, uint64_t addr, const unsigned char *b)
{
	size_t n = put_addr(o, addr);
	char *x = o + n;

	x[0] = ' ';
	x[1] = ' ';
	for (unsigned i = 0; i < 8; i++)
		memcpy(x + 2 + 3 * i, &hex4[b[i]], 4);
	for (unsigned i = 8; i < 16; i++)
		memcpy(x + 27 + 3 * (i - 8), &hex4[b[i]], 4);
	x[52] = '|';
	/* arithmetic rather than the table, so the compiler can vectorise it */
	for (unsigned i = 0; i < 16; i++)
		x[53 + i] = (unsigned char)(b[i] - 0x20) < 0x5f ? (char)b[i] : '.';
	x[69] = '|';
	x[70] = '\n';
	return n + 71;
}

/* The last line, of 1 to 15 bytes: missing bytes are blanks in the hex
 * columns, absent in the ASCII one. */
static size_t put_partial(char *o, uint64_t addr, const unsigned char *b, unsigned len)
{
	size_t n = put_addr(o, addr);
	char *x = o + n;

	memset(x, ' ', 53);
	for (unsigned i = 0; i < len; i++) {
		char *p = x + (i < 8 ? 2 + 3 * i : 27 + 3 * (i - 8));
		memcpy(p, &hex2[b[i]], 2);
	}
	x[52] = '|';
	for (unsigned i = 0; i < len; i++)
		x[53 + i] = ascii[b[i]];
	x[53 + len] = '|';
	x[54 + len] = '\n';
	return n + 55 + len;
}

/* Full lines, squeezed as hexdump does: the first line always shows; a
 * line equal to the one before becomes one `*` for the whole run. One
 * loop per way of formatting a line, so each inlines its own. */
#define FEED_LINES(name, put)                                                         \
	static size_t name(struct hexdump *h, const unsigned char *b, size_t nlines, char *out) \
	{                                                                             \
		char *o = out;                                                        \
		for (; nlines; nlines--, b += 16, h->addr += 16) {                    \
			if (h->squeeze && h->started && memcmp(b, h->prev, 16) == 0) { \
				if (!h->starred) {                                    \
					*o++ = '*';                                   \
					*o++ = '\n';                                  \
					h->starred = true;                            \
				}                                                     \
				continue;                                             \
			}                                                             \
			o += put(o, h->addr, b);                                      \
			h->starred = false;                                           \
			h->started = true;                                            \
			memcpy(h->prev, b, 16);                                       \
		}                                                                     \
		return (size_t)(o - out);                                             \
	}

FEED_LINES(feed_lines_c, put_line)

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* SSSE3 (every x86-64 of the last 15 years): pshufb turns 16 bytes into
 * their 32 hex digits and spreads them to the "xx " layout in a handful of
 * instructions; the ASCII column is a compare and a blend. The stores
 * overlap on purpose: each later one fixes the bytes the earlier spilled. */
#define Z (-128)
__attribute__((target("ssse3"))) static inline size_t put_line_ssse3(char *o, uint64_t addr,
								    const unsigned char *b)
{
	const __m128i digits16 = _mm_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
					       'a', 'b', 'c', 'd', 'e', 'f');
	const __m128i nib = _mm_set1_epi8(0x0f);
	/* the first 16 characters of a group of 8 bytes: "hl hl hl hl hl h" */
	const __m128i m1 = _mm_setr_epi8(0, 1, Z, 2, 3, Z, 4, 5, Z, 6, 7, Z, 8, 9, Z, 10);
	const __m128i s1 = _mm_setr_epi8(0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0);
	/* the rest, "l hl hl  " and, for the second group, " |" */
	const __m128i m2 = _mm_setr_epi8(11, Z, 12, 13, Z, 14, 15, Z, Z, Z, Z, Z, Z, Z, Z, Z);
	const __m128i s2 = _mm_setr_epi8(0, ' ', 0, 0, ' ', 0, 0, ' ', ' ', '|', 0, 0, 0, 0, 0, 0);
	__m128i v = _mm_loadu_si128((const __m128i *)b);
	__m128i hi = _mm_shuffle_epi8(digits16, _mm_and_si128(_mm_srli_epi16(v, 4), nib));
	__m128i lo = _mm_shuffle_epi8(digits16, _mm_and_si128(v, nib));
	__m128i a = _mm_unpacklo_epi8(hi, lo), c = _mm_unpackhi_epi8(hi, lo);
	__m128i pr = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f)),
				   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
	__m128i asc = _mm_or_si128(_mm_and_si128(pr, v), _mm_andnot_si128(pr, _mm_set1_epi8('.')));
	size_t n = put_addr(o, addr);
	char *x = o + n;

	x[0] = ' ';
	x[1] = ' ';
	_mm_storeu_si128((__m128i *)(x + 2), _mm_or_si128(_mm_shuffle_epi8(a, m1), s1));
	_mm_storeu_si128((__m128i *)(x + 18), _mm_or_si128(_mm_shuffle_epi8(a, m2), s2));
	_mm_storeu_si128((__m128i *)(x + 27), _mm_or_si128(_mm_shuffle_epi8(c, m1), s1));
	_mm_storeu_si128((__m128i *)(x + 43), _mm_or_si128(_mm_shuffle_epi8(c, m2), s2));
	_mm_storeu_si128((__m128i *)(x + 53), asc);
	x[69] = '|';
	x[70] = '\n';
	return n + 71;
}
#undef Z

__attribute__((target("ssse3"))) FEED_LINES(feed_lines_ssse3, put_line_ssse3)
#define HEXDUMP_SIMD 1
#endif

static size_t (*feed_lines)(struct hexdump *, const unsigned char *, size_t, char *) = feed_lines_c;

static void hexdump_pick(void)
{
	hexdump_use_simd(true);
}

void hexdump_use_simd(bool on)
{
	if (!tables_ready)
		init_tables();
	feed_lines = feed_lines_c;
#ifdef HEXDUMP_SIMD
	if (on && __builtin_cpu_supports("ssse3"))
		feed_lines = feed_lines_ssse3;
#else
	(void)on;
#endif
}

size_t hexdump_feed(struct hexdump *h, const void *buf, size_t n, char *out)
{
	const unsigned char *b = buf;
	char *o = out;

	if (n == 0)
		return 0;
	h->any = true;
	if (h->npart) {
		size_t take = 16 - h->npart < n ? 16 - h->npart : n;
		memcpy(h->part + h->npart, b, take);
		h->npart += (unsigned)take;
		b += take;
		n -= take;
		if (h->npart < 16)
			return 0;
		o += feed_lines(h, h->part, 1, o);
		h->npart = 0;
	}
	o += feed_lines(h, b, n / 16, o);
	b += n / 16 * 16;
	n %= 16;
	if (n) {
		memcpy(h->part, b, n);
		h->npart = (unsigned)n;
	}
	return (size_t)(o - out);
}

static const unsigned char zero_line[16];

size_t hexdump_zeros(struct hexdump *h, uint64_t n, char *out)
{
	size_t o = 0;
	uint64_t lines;

	if (n == 0)
		return 0;
	h->any = true;
	if (h->npart) {
		size_t take = 16 - h->npart < n ? 16 - h->npart : (size_t)n;
		o = hexdump_feed(h, zero_line, take, out);
		n -= take;
	}
	if (!h->squeeze) {
		for (; n >= 16; n -= 16)
			o += feed_lines(h, zero_line, 1, out + o);
	} else if ((lines = n / 16) > 0) {
		/* the first zero line as any other; the rest repeat it */
		o += feed_lines(h, zero_line, 1, out + o);
		if (lines > 1 && !h->starred) {
			out[o++] = '*';
			out[o++] = '\n';
			h->starred = true;
		}
		h->addr += (lines - 1) * 16;
		n %= 16;
	}
	return o + hexdump_feed(h, zero_line, (size_t)n, out + o);
}

size_t hexdump_finish(struct hexdump *h, char *out)
{
	size_t n = 0;

	if (!h->any)
		return 0;
	if (h->npart) {
		/* a partial line is never squeezed */
		n = put_partial(out, h->addr, h->part, h->npart);
		h->addr += h->npart;
		h->npart = 0;
	}
	n += put_addr(out + n, h->addr);
	out[n++] = '\n';
	h->any = false;
	return n;
}
