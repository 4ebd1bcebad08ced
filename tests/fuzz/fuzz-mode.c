/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for parse_mode (lib/parse.c). The first two bytes are
 * the base mode (what a symbolic mode changes), the rest the argument.
 * The reference: an octal mode of one to four digits up to 0777, or
 * comma-separated clauses [ugoa]*[+-=][rwx]* applied in order as chmod
 * does, without an empty clause. A result is never above 0777. */
#include "config.h"

#include <stdbool.h>

#include "fuzz.h"
#include "parse.h"

/* The reference works bit by bit, unlike parse_mode's masks, so that the
 * two can disagree: a clause names classes (u g o) and permissions
 * (r w x), and acts on each of the nine bits its classes own. */
struct clause {
	bool who[3];
	bool perm[3];
	char op;
};

/* The bit of class c (0 u, 1 g, 2 o) and permission p (0 r, 1 w, 2 x). */
static unsigned mode_bit(int c, int p)
{
	return 1u << (3 * (2 - c) + (2 - p));
}

/* [ugoa]*[+-=][rwx]* from s to end (a comma or the end of the string). */
static bool read_clause(const char *s, const char *end, struct clause *cl)
{
	const char *op = s, *k;

	memset(cl, 0, sizeof(*cl));
	for (; op < end && (k = memchr("ugoa", *op, 4)); op++) {
		for (int c = 0; c < 3; c++)
			if (*k == 'a' || c == k - "ugoa")
				cl->who[c] = true;
	}
	if (!cl->who[0] && !cl->who[1] && !cl->who[2])
		cl->who[0] = cl->who[1] = cl->who[2] = true;
	if (op == end || !memchr("+-=", *op, 3))
		return false;
	cl->op = *op;
	for (const char *q = op + 1; q < end; q++) {
		k = memchr("rwx", *q, 3);
		if (!k)
			return false;
		cl->perm[k - "rwx"] = true;
	}
	return true;
}

static unsigned apply_clause(unsigned mode, const struct clause *cl)
{
	for (int c = 0; c < 3; c++) {
		if (!cl->who[c])
			continue;
		for (int p = 0; p < 3; p++) {
			bool on = mode & mode_bit(c, p);

			if (cl->op == '=')
				on = cl->perm[p];
			else if (cl->perm[p])
				on = cl->op == '+';
			mode = on ? mode | mode_bit(c, p) : mode & ~mode_bit(c, p);
		}
	}
	return mode;
}

static bool ref_mode(const char *s, unsigned base, unsigned *out)
{
	size_t n = strlen(s);
	unsigned mode = base;

	if (n == 0)
		return false;
	if (s[0] >= '0' && s[0] <= '9') {
		unsigned long v;

		if (n > 4 || strspn(s, "01234567") != n)
			return false;
		v = strtoul(s, NULL, 8);
		if (v > 0777)
			return false;
		*out = (unsigned)v;
		return true;
	}
	/* clauses split at commas: an empty one (",," or a trailing comma) is
	 * no clause */
	for (const char *p = s;;) {
		const char *end = p + strcspn(p, ",");
		struct clause cl;

		if (!read_clause(p, end, &cl))
			return false;
		mode = apply_clause(mode, &cl);
		if (!*end)
			break;
		p = end + 1;
	}
	*out = mode & 0777;
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
