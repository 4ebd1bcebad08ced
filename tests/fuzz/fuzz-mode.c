/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for parse_mode (src/parse.c). The first two bytes are
 * the base mode (what a symbolic mode changes), the rest the argument.
 * The reference: an octal mode of one to four digits up to 0777, or
 * comma-separated clauses [ugoa]*[+-=][rwx]* applied in order as chmod
 * does, without a trailing comma. A result is never above 0777. */
#include "config.h"

#include <stdbool.h>

#include "fuzz.h"
#include "parse.h"

static unsigned who_bits(char c)
{
	switch (c) {
	case 'u': return 0700;
	case 'g': return 0070;
	case 'o': return 0007;
	case 'a': return 0777;
	}
	return 0;
}

static unsigned perm_bits(char c)
{
	switch (c) {
	case 'r': return 0444;
	case 'w': return 0222;
	case 'x': return 0111;
	}
	return 0;
}

static bool ref_mode(const char *s, unsigned base, unsigned *out)
{
	unsigned mode = base & 0777;
	size_t n = strlen(s);

	if (n == 0)
		return false;
	if (s[0] >= '0' && s[0] <= '7') {
		unsigned v = 0;
		if (n > 4 || strspn(s, "01234567") != n)
			return false;
		for (; *s; s++)
			v = v * 8 + (unsigned)(*s - '0');
		if (v > 0777)
			return false;
		*out = v;
		return true;
	}
	if (s[n - 1] == ',')
		return false;
	for (;;) {
		unsigned who = 0, perm = 0;
		char op;

		while (who_bits(*s))
			who |= who_bits(*s++);
		if (!who)
			who = 0777;
		op = *s++;
		if (op != '+' && op != '-' && op != '=')
			return false;
		while (perm_bits(*s))
			perm |= perm_bits(*s++);
		perm &= who;
		if (op == '+')
			mode |= perm;
		else if (op == '-')
			mode &= ~perm;
		else
			mode = (mode & ~who) | perm;
		if (!*s)
			break;
		if (*s++ != ',')
			return false;
	}
	*out = mode;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned base, mode = 0xdead, ref = 0xbeef;
	const char *why = NULL;
	char *s;
	int r;

	if (size < 2)
		return 0;
	base = (unsigned)data[0] << 8 | data[1];
	s = fuzz_cstr(data + 2, size - 2);
	r = parse_mode(s, base, &mode, &why);
	FUZZ_CHECK((r == 0) == ref_mode(s, base, &ref));
	if (r == 0) {
		FUZZ_CHECK(mode <= 0777);
		FUZZ_CHECK(mode == ref);
	} else {
		FUZZ_CHECK(r == -1 && why && *why);
	}
	free(s);
	return 0;
}
