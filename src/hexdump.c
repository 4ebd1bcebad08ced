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
}

void hexdump_init(struct hexdump *h, uint64_t start, bool squeeze)
{
	if (!tables_ready)
		init_tables();
	memset(h, 0, sizeof(*h));
	h->addr = start;
	h->squeeze = squeeze;
}

/* "%08jx": eight digits at least, more for offsets past 4 GiB. */
static size_t put_addr(char *o, uint64_t a)
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
static size_t put_line(char *o, uint64_t addr, const unsigned char *b)
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
	for (unsigned i = 0; i < 16; i++)
		x[53 + i] = ascii[b[i]];
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

/* A full line, squeezed as hexdump does: the first line always shows; a
 * line equal to the one before becomes one `*` for the whole run. */
static size_t full_line(struct hexdump *h, const unsigned char *b, char *o)
{
	size_t n = 0;

	if (h->squeeze && h->started && memcmp(b, h->prev, 16) == 0) {
		if (!h->starred) {
			o[0] = '*';
			o[1] = '\n';
			n = 2;
			h->starred = true;
		}
	} else {
		n = put_line(o, h->addr, b);
		h->starred = false;
		memcpy(h->prev, b, 16);
	}
	h->started = true;
	h->addr += 16;
	return n;
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
		o += full_line(h, h->part, o);
		h->npart = 0;
	}
	for (; n >= 16; b += 16, n -= 16)
		o += full_line(h, b, o);
	if (n) {
		memcpy(h->part, b, n);
		h->npart = (unsigned)n;
	}
	return (size_t)(o - out);
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
