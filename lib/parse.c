/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "parse.h"

static const char why_number[] = "expected a non-negative decimal number";
static const char why_range[] = "number out of range";

int parse_u64(const char *s, uint64_t *out, const char **why)
{
	uint64_t v = 0;

	if (!s || !*s) {
		*why = why_number;
		return -1;
	}
	for (; *s; s++) {
		unsigned d = (unsigned char)*s - '0';
		if (d > 9) {
			*why = why_number;
			return -1;
		}
		if (v > (UINT64_MAX - d) / 10) {
			*why = why_range;
			return -1;
		}
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int parse_duration(const char *s, uint64_t *out, const char **why)
{
	static const char why_duration[] =
		"expected a number of seconds, or a number with an s, m, h or d suffix";
	static const struct {
		char suffix;
		uint64_t seconds;
	} units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 } };
	size_t n = s ? strspn(s, "0123456789") : 0;
	uint64_t mult = 1, v = 0;

	if (n == 0 || (s[n] && s[n + 1])) {
		*why = why_duration;
		return -1;
	}
	if (s[n]) {
		size_t i = 0;

		while (i < sizeof(units) / sizeof(units[0]) && units[i].suffix != s[n])
			i++;
		if (i == sizeof(units) / sizeof(units[0])) {
			*why = why_duration;
			return -1;
		}
		mult = units[i].seconds;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (v > (INT64_MAX / mult - d) / 10) {
			*why = "duration too long";
			return -1;
		}
		v = v * 10 + d;
	}
	*out = v * mult;
	return 0;
}

static int parse_nonneg_i32(const char *s, int32_t *out, const char **why)
{
	uint64_t v;

	if (parse_u64(s, &v, why) < 0)
		return -1;
	if (v > INT32_MAX) {
		*why = why_range;
		return -1;
	}
	*out = (int32_t)v;
	return 0;
}

int parse_id(const char *s, int32_t *out, const char **why)
{
	return parse_nonneg_i32(s, out, why);
}

int parse_pid(const char *s, int32_t *out, const char **why)
{
	if (parse_nonneg_i32(s, out, why) < 0)
		return -1;
	if (*out == 0) {
		*why = "expected a process ID above 0";
		return -1;
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_hex_u64(const char *s, uint64_t *out, const char **why, const char *what)
{
	uint64_t v = 0;

	if (!*s) {
		*why = what;
		return -1;
	}
	for (; *s; s++) {
		int d = hexval((unsigned char)*s);
		if (d < 0) {
			*why = what;
			return -1;
		}
		if (v >> 60) {
			*why = why_range;
			return -1;
		}
		v = (v << 4) | (unsigned)d;
	}
	*out = v;
	return 0;
}

static const char why_size[] = "expected a number with an optional K, M, G or T suffix";

/* The suffix's power: K=1 .. E=6; 0 when unknown. */
static int suffix_power(char c)
{
	static const char letters[] = "KMGTPE";
	const char *p = strchr(letters, c >= 'a' && c <= 'z' ? c - 32 : c);
	return (p && c) ? (int)(p - letters) + 1 : 0;
}

int parse_size(const char *s, uint64_t *out, const char **why)
{
	uint64_t whole = 0, base = 1024, mult = 1;
	const char *p = s, *frac = NULL;
	size_t nfrac = 0;
	int power = 0;

	if (!s || !*s) {
		*why = why_size;
		return -1;
	}
	if (*p == '-') {
		*why = "size must not be negative";
		return -1;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		return parse_hex_u64(p + 2, out, why, why_size);

	if (*p < '0' || *p > '9') {
		*why = why_size;
		return -1;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (whole > (UINT64_MAX - d) / 10) {
			*why = "size too large";
			return -1;
		}
		whole = whole * 10 + d;
	}
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9') {
			*why = why_size;
			return -1;
		}
		frac = p;
		for (; *p >= '0' && *p <= '9'; p++)
			nfrac++;
	}
	if (*p) {
		power = suffix_power(*p);
		if (!power && (*p == 'B' || *p == 'b') && !p[1]) {
			p++;
		} else if (!power) {
			*why = why_size;
			return -1;
		} else {
			p++;
			if ((p[0] == 'i' || p[0] == 'I') && (p[1] == 'B' || p[1] == 'b') && !p[2])
				p += 2;
			else if ((p[0] == 'B' || p[0] == 'b') && !p[1]) {
				base = 1000;
				p++;
			}
			if (*p) {
				*why = why_size;
				return -1;
			}
		}
	}
	if (frac && !power) {
		*why = "a fraction needs a K, M, G or T suffix";
		return -1;
	}
	for (int i = 0; i < power; i++)
		mult *= base;
	if (whole > UINT64_MAX / mult) {
		*why = "size too large";
		return -1;
	}
	whole *= mult;
	if (frac) {
		/* floor(0.DIGITS * mult), exact for any number of digits (a 19th
		 * can still change the result by one): multiply from the last
		 * digit; what carries out of the first is the whole part. A step
		 * stays below 10 * mult <= 10 * 2^60, within 64 bits. */
		uint64_t f = 0;
		while (nfrac-- > 0)
			f = ((uint64_t)(frac[nfrac] - '0') * mult + f) / 10;
		if (whole > UINT64_MAX - f) {
			*why = "size too large";
			return -1;
		}
		whole += f;
	}
	*out = whole;
	return 0;
}

static const char why_key[] = "expected a decimal or 0x-hex number, or @PATH[:PROJ]";

static int parse_proj(const char *s, int *out)
{
	uint64_t v;
	const char *why;

	if (parse_u64(s, &v, &why) == 0) {
		if (v < 1 || v > 255)
			return -1;
		*out = (int)v;
		return 0;
	}
	if (s[0] && !s[1]) {
		*out = (unsigned char)s[0];
		return 0;
	}
	return -1;
}

int parse_key(const char *s, struct key_spec *out, const char **why)
{
	uint64_t v;

	memset(out, 0, sizeof(*out));
	if (!s || !*s) {
		*why = why_key;
		return -1;
	}
	if (s[0] == '@') {
		const char *colon = strrchr(s + 1, ':');
		out->is_ftok = true;
		out->path = s + 1;
		out->proj = 1;
		if (colon) {
			if (parse_proj(colon + 1, &out->proj) < 0) {
				*why = "expected PROJ to be a number from 1 to 255 or one character";
				return -1;
			}
			out->pathlen = (size_t)(colon - (s + 1));
		} else {
			out->pathlen = strlen(s + 1);
		}
		if (out->pathlen == 0) {
			*why = "expected a path after '@'";
			return -1;
		}
		return 0;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (parse_hex_u64(s + 2, &v, why, why_key) < 0)
			return -1;
		if (v > UINT32_MAX) {
			*why = "key out of range: keys are 32 bits";
			return -1;
		}
		out->key = (int32_t)(uint32_t)v;
		return 0;
	}
	if (s[0] == '-') {
		/* the kernel prints keys as signed decimals in /proc */
		if (parse_u64(s + 1, &v, why) < 0) {
			*why = why_key;
			return -1;
		}
		if (v > (uint64_t)INT32_MAX + 1) {
			*why = "key out of range: keys are 32 bits";
			return -1;
		}
		out->key = (int32_t)(-(int64_t)v);
		return 0;
	}
	if (parse_u64(s, &v, why) < 0) {
		if (*why == why_number)
			*why = why_key;
		else
			*why = "key out of range: keys are 32 bits";
		return -1;
	}
	if (v > UINT32_MAX) {
		*why = "key out of range: keys are 32 bits";
		return -1;
	}
	out->key = (int32_t)(uint32_t)v;
	return 0;
}

static const char why_mode[] = "expected an octal mode up to 777 or a symbolic mode like u=rw,g=r";

int parse_mode(const char *s, unsigned base, unsigned *out, const char **why)
{
	unsigned mode = base & 0777;

	if (!s || !*s) {
		*why = why_mode;
		return -1;
	}
	if (*s >= '0' && *s <= '7') {
		unsigned v = 0;
		size_t n = 0;
		for (; *s; s++, n++) {
			if (*s < '0' || *s > '7' || n >= 4) {
				*why = why_mode;
				return -1;
			}
			v = v * 8 + (unsigned)(*s - '0');
		}
		if (v > 0777) {
			*why = why_mode;
			return -1;
		}
		*out = v;
		return 0;
	}
	while (*s) {
		unsigned who = 0, perm = 0;
		char op;

		for (; *s == 'u' || *s == 'g' || *s == 'o' || *s == 'a'; s++)
			who |= *s == 'u' ? 0700 : *s == 'g' ? 0070 : *s == 'o' ? 0007 : 0777;
		if (!who)
			who = 0777;
		if (*s != '+' && *s != '-' && *s != '=') {
			*why = why_mode;
			return -1;
		}
		op = *s++;
		for (; *s == 'r' || *s == 'w' || *s == 'x'; s++)
			perm |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : 0111;
		perm &= who;
		if (op == '+')
			mode |= perm;
		else if (op == '-')
			mode &= ~perm;
		else
			mode = (mode & ~who) | perm;
		if (*s == ',')
			s++;
		else if (*s) {
			*why = why_mode;
			return -1;
		}
		if (op && !*s && s[-1] == ',') {
			*why = why_mode;
			return -1;
		}
	}
	*out = mode;
	return 0;
}
