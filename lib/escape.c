/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "parse.h"
#include "xalloc.h"

/* The length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 when s does not start one: the table of RFC 3629, which
 * leaves out overlong forms, surrogates and what lies past U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		*cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		*cp = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		*cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (i > 1 && (s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
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
