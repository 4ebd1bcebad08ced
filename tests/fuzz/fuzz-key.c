/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for parse_key (src/parse.c), against a reference:
 * a decimal 0..2^32-1, a 0x-hex number of 32 bits, a negative decimal
 * down to -2^31 (as /proc prints keys), or @PATH[:PROJ] with PROJ a
 * decimal 1..255 or one character, cut at the last colon. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>

#include "fuzz.h"
#include "parse.h"

/* strtoull over a string that must be all digits of the base. */
static bool all_digits(const char *s, int base, uint64_t *out, bool *range)
{
	char *end;

	*range = false;
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (base == 16 ? !isxdigit((unsigned char)*p) : !(*p >= '0' && *p <= '9'))
			return false;
	errno = 0;
	*out = strtoull(s, &end, base);
	*range = errno == ERANGE;
	return true;
}

static bool ref_key(const char *s, struct key_spec *k)
{
	uint64_t v;
	bool range;

	memset(k, 0, sizeof(*k));
	if (s[0] == '@') {
		const char *colon = strrchr(s + 1, ':');

		k->is_ftok = true;
		k->path = s + 1;
		k->proj = 1;
		k->pathlen = colon ? (size_t)(colon - (s + 1)) : strlen(s + 1);
		if (colon) {
			const char *proj = colon + 1;
			if (all_digits(proj, 10, &v, &range)) {
				if (range || v < 1 || v > 255)
					return false;
				k->proj = (int)v;
			} else if (proj[0] && !proj[1]) {
				k->proj = (unsigned char)proj[0];
			} else {
				return false;
			}
		}
		return k->pathlen > 0;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!all_digits(s + 2, 16, &v, &range) || range || v > UINT32_MAX)
			return false;
		k->key = (int32_t)(uint32_t)v;
		return true;
	}
	if (s[0] == '-') {
		if (!all_digits(s + 1, 10, &v, &range) || range || v > 0x80000000u)
			return false;
		k->key = (int32_t)(-(int64_t)v);
		return true;
	}
	if (!all_digits(s, 10, &v, &range) || range || v > UINT32_MAX)
		return false;
	k->key = (int32_t)(uint32_t)v;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct key_spec k, ref;
	const char *why = NULL;
	int r = parse_key(s, &k, &why);
	bool want = ref_key(s, &ref);

	FUZZ_CHECK((r == 0) == want);
	if (r < 0) {
		FUZZ_CHECK(r == -1 && why && *why);
	} else {
		FUZZ_CHECK(k.is_ftok == ref.is_ftok);
		if (k.is_ftok) {
			FUZZ_CHECK(k.path == ref.path && k.pathlen == ref.pathlen);
			FUZZ_CHECK(k.path[k.pathlen] == ':' || k.path[k.pathlen] == '\0');
			FUZZ_CHECK(k.proj == ref.proj && k.proj >= 1 && k.proj <= 255);
		} else {
			FUZZ_CHECK(k.key == ref.key);
		}
	}
	free(s);
	return 0;
}
