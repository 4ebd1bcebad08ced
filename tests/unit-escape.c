/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The escaping rule of untrusted text (lib/escape.c) and its inverse:
 * known texts for a corpus of hostile bytes, every flag, every invalid
 * escape, and random bytes that must come back exactly. Prints TAP. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "utf8-check.h"
#include "tap.h"

struct known {
	const char *name;
	const char *in; /* NUL-terminated unless n is set */
	size_t n;
	unsigned flags;
	const char *out;
};

static const struct known known[] = {
	/* valid, visible text is shown as it is */
	{ "printable ASCII", "app-1.x_Y", 0, 0, "app-1.x_Y" },
	{ "empty", "", 0, 0, "" },
	{ "accents", "caf\xc3\xa9", 0, 0, "caf\xc3\xa9" },
	{ "wide CJK", "\xe6\x97\xa5\xe6\x9c\xac", 0, 0, "\xe6\x97\xa5\xe6\x9c\xac" },
	{ "emoji", "\xf0\x9f\x98\x80", 0, 0, "\xf0\x9f\x98\x80" },
	{ "U+10FFFF is valid", "\xf4\x8f\xbf\xbf", 0, 0, "\xf4\x8f\xbf\xbf" },
	{ "U+00A0 is shown", "\xc2\xa0", 0, 0, "\xc2\xa0" },
	{ "U+2070 is shown", "\xe2\x81\xb0", 0, 0, "\xe2\x81\xb0" },
	{ "space stays", "a b", 0, 0, "a b" },
	/* a backslash is doubled, so that the text decodes back */
	{ "backslash", "a\\b", 0, 0, "a\\\\b" },
	{ "a backslash then x41", "\\x41", 0, 0, "\\\\x41" },
	/* control characters: C0, DEL, C1 */
	{ "ESC sequence", "\x1b[2J", 0, 0, "\\x1b[2J" },
	{ "newline, tab, CR", "a\nb\tc\rd", 0, 0, "a\\x0ab\\x09c\\x0dd" },
	{ "DEL", "\x7f", 0, 0, "\\x7f" },
	{ "NUL byte", "a\0b", 3, 0, "a\\x00b" },
	{ "C1 (U+0085, U+009B)", "\xc2\x85\xc2\x9b", 0, 0, "\\xc2\\x85\\xc2\\x9b" },
	/* bytes that are not UTF-8, each shown as \xHH */
	{ "stray byte", "a\xff" "b", 0, 0, "a\\xffb" },
	{ "continuation byte alone", "\x80", 0, 0, "\\x80" },
	{ "truncated sequence", "\xe6\x97", 0, 0, "\\xe6\\x97" },
	{ "truncated then ASCII", "\xe6\x97z", 0, 0, "\\xe6\\x97z" },
	{ "overlong slash", "\xc0\xaf", 0, 0, "\\xc0\\xaf" },
	{ "overlong 3 bytes", "\xe0\x80\xaf", 0, 0, "\\xe0\\x80\\xaf" },
	{ "overlong 4 bytes", "\xf0\x80\x80\xaf", 0, 0, "\\xf0\\x80\\x80\\xaf" },
	{ "encoded surrogate", "\xed\xa0\x80", 0, 0, "\\xed\\xa0\\x80" },
	{ "past U+10FFFF", "\xf4\x90\x80\x80", 0, 0, "\\xf4\\x90\\x80\\x80" },
	{ "F5 lead", "\xf5\x80\x80\x80", 0, 0, "\\xf5\\x80\\x80\\x80" },
	/* characters that are invisible or reorder the text around them */
	{ "RLO U+202E", "a\xe2\x80\xae" "b", 0, 0, "a\\xe2\\x80\\xaeb" },
	{ "LRE U+202A", "\xe2\x80\xaa", 0, 0, "\\xe2\\x80\\xaa" },
	{ "isolates U+2066, U+2069", "\xe2\x81\xa6\xe2\x81\xa9", 0, 0,
	  "\\xe2\\x81\\xa6\\xe2\\x81\\xa9" },
	{ "zero-width space U+200B", "\xe2\x80\x8b", 0, 0, "\\xe2\\x80\\x8b" },
	{ "RLM U+200F", "\xe2\x80\x8f", 0, 0, "\\xe2\\x80\\x8f" },
	{ "word joiner U+2060", "\xe2\x81\xa0", 0, 0, "\\xe2\\x81\\xa0" },
	{ "BOM U+FEFF", "\xef\xbb\xbf", 0, 0, "\\xef\\xbb\\xbf" },
	{ "line separator U+2028", "\xe2\x80\xa8", 0, 0, "\\xe2\\x80\\xa8" },
	{ "Arabic letter mark U+061C", "\xd8\x9c", 0, 0, "\\xd8\\x9c" },
	/* each flag: raw output, export output, a locale not UTF-8, text typed by the user */
	{ "raw: space", "a b", 0, ESC_BLANK, "a\\x20b" },
	{ "raw: backslash", "a\\b", 0, ESC_BLANK, "a\\\\b" },
	{ "export: shell characters", "\"`$\\ x", 0, ESC_SHELL, "\\x22\\x60\\x24\\x5c x" },
	{ "ASCII locale: accents", "caf\xc3\xa9", 0, ESC_ASCII, "caf\\xc3\\xa9" },
	{ "typed: backslash kept", "a\\q\x1b", 0, ESC_TYPED, "a\\q\\x1b" },
};

static void test_known(void)
{
	char out[256];

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const struct known *k = &known[i];
		size_t n = k->n ? k->n : strlen(k->in);
		size_t len = escape_text(k->in, n, k->flags, out);
		bool same = len == strlen(k->out) && strcmp(out, k->out) == 0;

		if (!same)
			printf("# got '%s', expected '%s'\n", out, k->out);
		ok(same, "escape: %s", k->name);
		ok(escape_needed(k->in, n, k->flags) == (len != n || memcmp(out, k->in, n) != 0),
		   "escape_needed agrees: %s", k->name);
	}
}

static void test_unescape(void)
{
	static const char *const bad[] = { "\\q", "\\x4", "\\x4g", "a\\", "\\X41", "\\n", "\\\\\\" };
	char out[64];
	const char *why = NULL;
	size_t n;

	ok(unescape_text("a\\\\b\\x41\\xFf\\x00", out, &n, &why) == 0 && n == 6 &&
		   memcmp(out, "a\\bA\xff\0", 6) == 0,
	   "unescape: \\\\, \\xHH in either case, \\x00");
	ok(unescape_text("\xe6\x97\xa5 \x1b", out, &n, &why) == 0 && n == 5 &&
		   memcmp(out, "\xe6\x97\xa5 \x1b", 5) == 0,
	   "unescape: any other byte is itself");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		ok(unescape_text(bad[i], out, &n, &why) < 0 && why &&
			   strcmp(why, "expected \\\\ or \\xHH after a backslash") == 0,
		   "unescape refuses '%s' with a reason", bad[i]);
	}
}

/* Random bytes, biased to the interesting ones: the text is clean and
 * decodes back to them, under every reversible flag set. */
static void test_random(void)
{
	static const unsigned char pick[] = { 0x00, 0x1b, '\\', 'x', '4', ' ', '"', '$', 0x7f,
					      0x80, 0x9f, 0xc2, 0xc0, 0xe0, 0xe2, 0x80, 0xae,
					      0xed, 0xa0, 0xef, 0xbb, 0xbf, 0xf0, 0xf4, 0x90, 0xff };
	char in[64], out[ESCAPE_SIZE(64)], back[ESCAPE_SIZE(64)];
	int bad_clean = 0, bad_back = 0, bad_ascii = 0;

	srand(1);
	for (int iter = 0; iter < 200000; iter++) {
		size_t n = (size_t)rand() % sizeof(in);
		unsigned flags = (unsigned)rand() % 8; /* ESC_ASCII|ESC_BLANK|ESC_SHELL */
		size_t len, m;
		const char *why;

		for (size_t i = 0; i < n; i++)
			in[i] = (char)(rand() % 2 ? pick[rand() % sizeof(pick)] : rand());
		len = escape_text(in, n, flags, out);
		if (strlen(out) != len || !utf8_clean(out, len))
			bad_clean++;
		for (size_t i = 0; (flags & ESC_ASCII) && i < len; i++)
			if ((unsigned char)out[i] >= 0x80)
				bad_ascii++;
		if (unescape_text(out, back, &m, &why) < 0 || m != n || memcmp(back, in, n) != 0)
			bad_back++;
	}
	ok(bad_clean == 0, "random bytes: the text is valid UTF-8 with no control character");
	ok(bad_back == 0, "random bytes: unescaping gives the bytes back");
	ok(bad_ascii == 0, "random bytes: ESC_ASCII leaves nothing outside ASCII");
}

static void test_escape_str(void)
{
	struct escbuf b = { 0 };
	const char *plain = "plain";

	ok(escape_str(&b, plain, 0) == plain && b.p == NULL, "escape_str: nothing to do, no copy");
	ok(strcmp(escape_str(&b, "a\nb", 0), "a\\x0ab") == 0, "escape_str: the text in the buffer");
	escbuf_free(&b);
}

/* escape_str's look-up table for plain ASCII agrees with escape_text under
 * every flag set: the string itself exactly when nothing changes. */
static void test_escape_str_random(void)
{
	static const char pick[] = " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\x7f\x1f\xc3\xa9\xe2\x80\xae";
	char in[48], out[ESCAPE_SIZE(48)];
	struct escbuf b = { 0 };
	int bad = 0;

	srand(2);
	for (int iter = 0; iter < 200000; iter++) {
		size_t n = (size_t)rand() % sizeof(in);
		unsigned flags = (unsigned)rand() % 16;
		const char *got;

		for (size_t i = 0; i < n; i++)
			in[i] = rand() % 4 ? pick[rand() % (sizeof(pick) - 1)] : (char)(rand() % 255 + 1);
		in[n] = '\0';
		escape_text(in, n, flags, out);
		got = escape_str(&b, in, flags);
		if (strcmp(got, out) != 0 || (got == in) != (strcmp(in, out) == 0))
			bad++;
	}
	escbuf_free(&b);
	ok(bad == 0, "escape_str: the plain-ASCII fast path agrees with escape_text, every flag set");
}

int main(void)
{
	test_known();
	test_unescape();
	test_random();
	test_escape_str();
	test_escape_str_random();
	return tap_done();
}
