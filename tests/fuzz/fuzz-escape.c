/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for the escaping of untrusted text (lib/escape.c):
 * for arbitrary bytes and every reversible flag set, the text is valid
 * UTF-8 with no control character, escape_needed says whether it differs
 * from the bytes, and unescaping it gives the bytes back. Byte 0 holds
 * the flags; the rest is the text. */
#include "config.h"

#include <stdbool.h>

#include "escape.h"
#include "fuzz.h"
#include "utf8-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	char *in, *out, *back;
	size_t n, len, m;
	const char *why;

	if (size < 1)
		return 0;
	flags = data[0] & (ESC_ASCII | ESC_BLANK | ESC_SHELL);
	n = size - 1;
	in = fuzz_dup(data + 1, n);
	out = malloc(ESCAPE_SIZE(n));
	back = malloc(ESCAPE_SIZE(n));
	FUZZ_CHECK(out && back);

	len = escape_text(in, n, flags, out);
	FUZZ_CHECK(len < ESCAPE_SIZE(n) && out[len] == '\0' && strlen(out) == len);
	FUZZ_CHECK(utf8_clean(out, len));
	for (size_t i = 0; (flags & ESC_ASCII) && i < len; i++)
		FUZZ_CHECK((unsigned char)out[i] < 0x80);
	for (size_t i = 0; (flags & ESC_BLANK) && i < len; i++)
		FUZZ_CHECK(out[i] != ' ');
	FUZZ_CHECK(escape_needed(in, n, flags) == (len != n || memcmp(out, in, n) != 0));
	FUZZ_CHECK(unescape_text(out, back, &m, &why) == 0);
	FUZZ_CHECK(m == n && memcmp(back, in, n) == 0);

	/* the input itself as a text: decoded or refused, never past its end */
	char *text = fuzz_cstr(data + 1, n);
	if (unescape_text(text, back, &m, &why) == 0)
		FUZZ_CHECK(m <= strlen(text));
	else
		FUZZ_CHECK(why != NULL);
	free(text);
	free(in);
	free(out);
	free(back);
	return 0;
}
