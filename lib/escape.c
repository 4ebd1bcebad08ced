/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "c.h"
#include "escape.h"
#include "parse.h"
#include "xalloc.h"

/* The well-formed UTF-8 byte sequences, table 3-7 of the Unicode
 * standard (RFC 3629's): by lead byte, the length and the range of the
 * second byte, which leaves out overlong forms, surrogates and what lies
 * past U+10FFFF; any later byte is 80..BF. */
static const struct utf8_row {
	unsigned char first, last; /* the lead bytes */
	unsigned char len;
	unsigned char lo, hi; /* the second byte */
} utf8_rows[] = {
	{ 0xc2, 0xdf, 2, 0x80, 0xbf }, /* U+0080..U+07FF */
	{ 0xe0, 0xe0, 3, 0xa0, 0xbf }, /* U+0800..U+0FFF */
	{ 0xe1, 0xec, 3, 0x80, 0xbf }, /* U+1000..U+CFFF */
	{ 0xed, 0xed, 3, 0x80, 0x9f }, /* U+D000..U+D7FF */
	{ 0xee, 0xef, 3, 0x80, 0xbf }, /* U+E000..U+FFFF */
	{ 0xf0, 0xf0, 4, 0x90, 0xbf }, /* U+10000..U+3FFFF */
	{ 0xf1, 0xf3, 4, 0x80, 0xbf }, /* U+40000..U+FFFFF */
	{ 0xf4, 0xf4, 4, 0x80, 0x8f }, /* U+100000..U+10FFFF */
};

/* The length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 when s does not start one. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	const struct utf8_row *r = NULL;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(utf8_rows) && !r; i++)
		if (s[0] >= utf8_rows[i].first && s[0] <= utf8_rows[i].last)
			r = &utf8_rows[i];
	if (!r || n < r->len || s[1] < r->lo || s[1] > r->hi)
		return 0;
	/* the lead byte's payload: the bits below its 1s and the 0 after them */
	*cp = s[0] & (0x7fu >> r->len);
	for (size_t i = 1; i < r->len; i++) {
		if (i > 1 && (s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return r->len;
}

/* Characters that are valid but control the terminal or reorder or hide
 * the text around them: C1, the Arabic letter mark, the zero-width and
 * direction marks, the line and paragraph separators, the bidi
 * embeddings, overrides and isolates, the invisible operators and the
 * zero-width no-break space. */
static bool hidden(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x61c || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

/* How the ASCII byte c is written: 0 as itself, '\\' as "\\", 'x' as \xHH. */
static char ascii_form(unsigned char c, unsigned flags)
{
	if (c < 0x20 || c == 0x7f)
		return 'x';
	if (c == '\\')
		return flags & ESC_SHELL ? 'x' : flags & ESC_TYPED ? 0 : '\\';
	if (c == ' ')
		return flags & ESC_BLANK ? 'x' : 0;
	if (c == '"' || c == '`' || c == '$')
		return flags & ESC_SHELL ? 'x' : 0;
	return 0;
}

/* The length of the sequence at s written as itself, or 0 when its
 * bytes are escaped; sets *len to the bytes it spans. */
static size_t plain_len(const unsigned char *s, size_t n, unsigned flags, size_t *len)
{
	uint32_t cp;

	if (s[0] < 0x80) {
		*len = 1;
		return ascii_form(s[0], flags) ? 0 : 1;
	}
	*len = utf8_seq(s, n, &cp);
	if (!*len) {
		*len = 1;
		return 0;
	}
	return (flags & ESC_ASCII) || hidden(cp) ? 0 : *len;
}

bool escape_needed(const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		size_t len;

		/* the common case: printable ASCII that no flag asks for */
		if (*p > 0x24 && *p < 0x7f && *p != '\\' && *p != '`') {
			p++;
			continue;
		}
		if (!plain_len(p, (size_t)(end - p), flags, &len))
			return true;
		p += len;
	}
	return false;
}

size_t escape_text(const char *s, size_t n, unsigned flags, char *out)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	char *o = out;

	while (p < end) {
		size_t len, plain = plain_len(p, (size_t)(end - p), flags, &len);

		if (plain) {
			memcpy(o, p, plain);
			o += plain;
		} else if (len == 1 && ascii_form(*p, flags) == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else {
			for (size_t i = 0; i < len; i++) {
				*o++ = '\\';
				*o++ = 'x';
				*o++ = hex[p[i] >> 4];
				*o++ = hex[p[i] & 15];
			}
		}
		p += len;
	}
	*o = '\0';
	return (size_t)(o - out);
}

/* For each set of flags, the bytes written as themselves that need no
 * decoding: printable ASCII less what the flags escape. NUL is not one,
 * so a scan with it stops at the end of a string. */
#define PLAIN_SETS (ESC_ASCII | ESC_BLANK | ESC_SHELL | ESC_TYPED)
static bool plain_ascii[PLAIN_SETS + 1][256];
static bool plain_ready[PLAIN_SETS + 1];

static const bool *plain_set(unsigned flags)
{
	bool *t = plain_ascii[flags & PLAIN_SETS];

	if (!plain_ready[flags & PLAIN_SETS]) {
		for (unsigned c = 0x20; c < 0x7f; c++)
			t[c] = ascii_form((unsigned char)c, flags) == 0;
		plain_ready[flags & PLAIN_SETS] = true;
	}
	return t;
}

const char *escape_str(struct escbuf *b, const char *s, unsigned flags)
{
	const bool *plain = plain_set(flags);
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	/* most cells are plain ASCII: one pass with a look-up a byte finds
	 * their end and that they need nothing */
	while (plain[*p])
		p++;
	if (*p == '\0' && !(flags & ~PLAIN_SETS))
		return s;
	n = (size_t)((const char *)p - s) + strlen((const char *)p);
	if (!escape_needed(s, n, flags))
		return s;
	if (b->cap < ESCAPE_SIZE(n)) {
		b->cap = ESCAPE_SIZE(n);
		b->p = xrealloc(b->p, b->cap);
	}
	escape_text(s, n, flags, b->p);
	return b->p;
}

void escbuf_free(struct escbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->cap = 0;
}

int unescape_text(const char *s, char *out, size_t *n, const char **why)
{
	char *o = out;

	while (*s) {
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		if (s[1] == '\\') {
			*o++ = '\\';
			s += 2;
		} else if (s[1] == 'x' && hex_digit_value(s[2]) >= 0 && hex_digit_value(s[3]) >= 0) {
			*o++ = (char)(hex_digit_value(s[2]) << 4 | hex_digit_value(s[3]));
			s += 4;
		} else {
			*why = "expected \\\\ or \\xHH after a backslash";
			return -1;
		}
	}
	*n = (size_t)(o - out);
	return 0;
}
