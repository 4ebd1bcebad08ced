/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for parse_size (lib/parse.c), and parse_duration on
 * the same input: each parser is checked against a reference parser
 * written from its grammar, which decides what must be accepted and the
 * exact value. parse_size: 0x-hex, or decimal digits with an optional
 * fraction and suffix (K, M, G, T, P, E, each alone or with iB: powers of
 * 1024; with B: powers of 1000; a bare B for bytes). A fraction needs a suffix, and the
 * result is the exact value rounded down, however many digits are typed.
 * A plain decimal must give what strtoull gives. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>

#include "fuzz.h"
#include "parse.h"

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* floor(0.DIGITS * mult), exactly: the schoolbook product of the digits
 * and mult, from the last digit; what carries out of the first is the
 * integer part. mult <= 2^60, so a step stays below 10 * 2^60 < 2^64. */
static uint64_t fraction_times(const char *digits, size_t n, uint64_t mult)
{
	uint64_t carry = 0;

	while (n-- > 0)
		carry = ((uint64_t)(digits[n] - '0') * mult + carry) / 10;
	return carry;
}

enum ref { REF_BAD, REF_RANGE, REF_OK };

/* The n decimal digits at s, as strtoull reads them, times mult; false
 * when the digits alone are past UINT64_MAX. */
static bool digits_times(const char *s, size_t n, uint64_t mult, unsigned __int128 *v)
{
	char *copy = strndup(s, n);
	uint64_t w;
	bool ok;

	if (!copy)
		abort();
	errno = 0;
	w = strtoull(copy, NULL, 10);
	ok = errno != ERANGE;
	free(copy);
	*v = (unsigned __int128)w * mult;
	return ok;
}

static enum ref ref_size(const char *s, uint64_t *out)
{
	const char *p = s, *whole, *frac = NULL;
	size_t nwhole, nfrac = 0;
	uint64_t mult = 1, base = 1024;
	unsigned power = 0;
	unsigned __int128 v;
	char *end;

	if ((s[0] == '0') && (s[1] == 'x' || s[1] == 'X')) {
		p = s + 2;
		if (!*p)
			return REF_BAD;
		for (const char *q = p; *q; q++)
			if (!isxdigit((unsigned char)*q))
				return REF_BAD;
		errno = 0;
		*out = strtoull(p, &end, 16);
		return errno == ERANGE ? REF_RANGE : REF_OK;
	}
	whole = p;
	while (isdig(*p))
		p++;
	nwhole = (size_t)(p - whole);
	if (nwhole == 0)
		return REF_BAD;
	if (*p == '.') {
		frac = ++p;
		while (isdig(*p))
			p++;
		nfrac = (size_t)(p - frac);
		if (nfrac == 0)
			return REF_BAD;
	}
	if (*p) {
		const char *letters = "KMGTPE";
		const char *l = strchr(letters, toupper((unsigned char)*p));

		if (l && *p) {
			power = (unsigned)(l - letters) + 1;
			p++;
			if (tolower((unsigned char)p[0]) == 'i' && tolower((unsigned char)p[1]) == 'b')
				p += 2;
			else if (tolower((unsigned char)p[0]) == 'b') {
				base = 1000;
				p++;
			}
		} else if (*p == 'B' || *p == 'b') {
			p++;
		}
		if (*p)
			return REF_BAD;
	}
	if (frac && !power)
		return REF_BAD;
	for (unsigned i = 0; i < power; i++)
		mult *= base;

	if (!digits_times(whole, nwhole, mult, &v))
		return REF_RANGE;
	if (frac)
		v += fraction_times(frac, nfrac, mult);
	if (v > UINT64_MAX)
		return REF_RANGE;
	*out = (uint64_t)v;
	return REF_OK;
}

/* parse_duration from its grammar: digits, then at most one of s m h d;
 * the product at most INT64_MAX. */
static enum ref ref_duration(const char *s, uint64_t *out)
{
	size_t n = strspn(s, "0123456789");
	static const char units[] = "smhd";
	static const uint64_t seconds[] = { 1, 60, 3600, 86400 };
	uint64_t mult = 1;
	unsigned __int128 v;

	if (n == 0)
		return REF_BAD;
	if (s[n]) {
		const char *u = strchr(units, s[n]);

		if (!u || s[n + 1])
			return REF_BAD;
		mult = seconds[u - units];
	}
	if (!digits_times(s, n, mult, &v))
		return REF_RANGE;
	if (v > INT64_MAX)
		return REF_RANGE;
	*out = (uint64_t)v;
	return REF_OK;
}

/* A parser and the reference written from its grammar. */
static const struct parser {
	int (*parse)(const char *s, uint64_t *out, const char **why);
	enum ref (*ref)(const char *s, uint64_t *out);
} parsers[] = {
	{ parse_size, ref_size },
	{ parse_duration, ref_duration },
};
#define NPARSERS (sizeof(parsers) / sizeof(parsers[0]))

/* The parser accepts exactly what its reference accepts, with the same
 * value, and says why it refuses; returns its result and value. */
static int check_parser(const struct parser *p, const char *s, uint64_t *v)
{
	const char *why = NULL;
	uint64_t ref = 0;
	int r = p->parse(s, v, &why);
	enum ref want = p->ref(s, &ref);

	if (r == 0) {
		FUZZ_CHECK(want == REF_OK);
		FUZZ_CHECK(*v == ref);
	} else {
		FUZZ_CHECK(r == -1);
		FUZZ_CHECK(want != REF_OK);
		FUZZ_CHECK(why && *why);
	}
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	uint64_t v[NPARSERS] = { 0 };
	int r[NPARSERS];

	for (size_t i = 0; i < NPARSERS; i++)
		r[i] = check_parser(&parsers[i], s, &v[i]);

	/* a plain decimal is what strtoull makes of it, in parse_size */
	if (*s && strspn(s, "0123456789") == strlen(s)) {
		char *end;
		unsigned long long u;

		errno = 0;
		u = strtoull(s, &end, 10);
		FUZZ_CHECK(*end == '\0');
		FUZZ_CHECK((r[0] == 0) == (errno != ERANGE));
		if (r[0] == 0)
			FUZZ_CHECK(v[0] == u);
	}
	free(s);
	return 0;
}
