/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_UTF8_CHECK_H
#define SHMTOOL_UTF8_CHECK_H

/* An independent check of what lib/escape.c promises, for the unit test
 * and the fuzz target: written from RFC 3629's table by code point, not
 * from the escaper's byte table. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether s[0..n) is valid UTF-8 holding no control character (C0, DEL,
 * C1) and none of the characters the rule hides. */
static inline bool utf8_clean(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1f;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0f;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* the shortest form only; no surrogate; nothing past U+10FFFF */
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		if (cp <= 0x9f || cp == 0x61c || (cp >= 0x200b && cp <= 0x200f) ||
		    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
			return false;
		i += len;
	}
	return true;
}

#endif
