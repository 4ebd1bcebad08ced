/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "procshm.h"

/* Each field's name in /proc/sysvipc/shm's header, by field: what a
 * column of the header is, is the index its name is found at. */
static const char *const header_names[SF_COUNT] = {
	[SF_KEY] = "key",     [SF_SHMID] = "shmid", [SF_PERMS] = "perms",
	[SF_SIZE] = "size",   [SF_CPID] = "cpid",   [SF_LPID] = "lpid",
	[SF_NATTCH] = "nattch", [SF_UID] = "uid",   [SF_GID] = "gid",
	[SF_CUID] = "cuid",   [SF_CGID] = "cgid",   [SF_ATIME] = "atime",
	[SF_DTIME] = "dtime", [SF_CTIME] = "ctime", [SF_RSS] = "rss",
	[SF_SWAP] = "swap",
};

/* The field a header token names, or -1 for a column this version does
 * not know. */
static signed char header_field(const char *tok, size_t toklen)
{
	for (int f = 0; f < SF_COUNT; f++)
		if (strlen(header_names[f]) == toklen && memcmp(header_names[f], tok, toklen) == 0)
			return (signed char)f;
	return -1;
}

static inline int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The kernel pads its columns wide (a 1-byte size takes 21 places), so
 * blanks are most of the text: skip eight at a time. */
static inline const char *skip_blanks(const char *p, const char *end)
{
	uint64_t w;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		if (w != 0x2020202020202020ULL)
			break;
		p += 8;
	}
	while (p < end && is_space(*p))
		p++;
	return p;
}

/* Next whitespace-separated token of [*p, end): its start and length. */
static inline int next_token(const char **p, const char *end, const char **tok, size_t *toklen)
{
	const char *s = *p;

	while (s < end && is_space(*s))
		s++;
	if (s == end)
		return 0;
	*tok = s;
	while (s < end && !is_space(*s))
		s++;
	*toklen = (size_t)(s - *tok);
	*p = s;
	return 1;
}

int procshm_parse_header(const char *line, size_t len, struct procshm_layout *l)
{
	const char *p = line, *end = line + len, *tok;
	size_t toklen;
	uint32_t seen = 0;
	const uint32_t required = SF_BIT(SF_KEY) | SF_BIT(SF_SHMID) | SF_BIT(SF_PERMS) | SF_BIT(SF_SIZE);

	l->nfields = 0;
	while (next_token(&p, end, &tok, &toklen)) {
		signed char f = header_field(tok, toklen);

		if (l->nfields == PROCSHM_MAX_FIELDS)
			return -1;
		/* a field named twice would make the line ambiguous */
		if (f >= 0 && (seen & SF_BIT(f)))
			return -1;
		if (f >= 0)
			seen |= SF_BIT(f);
		l->field[l->nfields++] = f;
	}
	return (seen & required) == required ? 0 : -1;
}

/* One number token at *pp: digits in base 8 or 10, an optional '-' where
 * allowed, ended by a blank or the end of the line. Parsing while scanning
 * keeps this one pass over the text: it is the hot loop of `list`. */
static inline int scan_number(const char **pp, const char *end, unsigned base, int allow_neg,
			      uint64_t *mag, int *neg)
{
	const char *p = *pp;
	uint64_t v = 0;

	*neg = 0;
	if (allow_neg && p < end && *p == '-') {
		*neg = 1;
		p++;
	}
	if (p == end || is_space(*p))
		return -1;
	for (; p < end && !is_space(*p); p++) {
		unsigned d = (unsigned char)*p - '0';
		if (d >= base || __builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, d, &v))
			return -1;
	}
	*pp = p;
	*mag = v;
	return 0;
}

static inline int to_i64(uint64_t mag, int neg, int64_t min, int64_t max, int64_t *out)
{
	if (neg) {
		if (mag > (uint64_t)-(min + 1) + 1)
			return -1;
		*out = mag ? -(int64_t)(mag - 1) - 1 : 0;
	} else {
		if (mag > (uint64_t)max)
			return -1;
		*out = (int64_t)mag;
	}
	return 0;
}

int procshm_parse_line(const struct procshm_layout *l, const char *line, size_t len,
		       struct shm_seg *seg)
{
	const char *p = line, *end = line + len;
	size_t i = 0;

	seg->known = 0;
	for (;;) {
		uint64_t u;
		int64_t v;
		int neg;
		signed char f;

		p = skip_blanks(p, end);
		if (p == end)
			break;
		if (i == l->nfields)
			return -1;
		f = l->field[i++];
		if (f < 0) {
			/* a column this version does not know */
			while (p < end && !is_space(*p))
				p++;
			continue;
		}
		if (scan_number(&p, end, f == SF_PERMS ? 8 : 10,
				f == SF_KEY || f == SF_ATIME || f == SF_DTIME || f == SF_CTIME,
				&u, &neg) < 0)
			return -1;
		switch (f) {
		case SF_KEY:
			/* printed signed; accept the unsigned spelling as well */
			if (to_i64(u, neg, INT32_MIN, UINT32_MAX, &v) < 0)
				return -1;
			seg->key = (int32_t)(uint32_t)(v & 0xffffffff);
			break;
		case SF_SHMID:
			if (u > INT32_MAX)
				return -1;
			seg->shmid = (int32_t)u;
			break;
		case SF_PERMS:
			if (u > 07777)
				return -1;
			seg->mode = (uint32_t)u;
			break;
		case SF_CPID:
		case SF_LPID:
			if (u > INT32_MAX)
				return -1;
			*(f == SF_CPID ? &seg->cpid : &seg->lpid) = (int32_t)u;
			break;
		case SF_UID:
		case SF_GID:
		case SF_CUID:
		case SF_CGID:
			if (u > UINT32_MAX)
				return -1;
			*(f == SF_UID ? &seg->uid : f == SF_GID ? &seg->gid
				: f == SF_CUID ? &seg->cuid : &seg->cgid) = (uint32_t)u;
			break;
		case SF_ATIME:
		case SF_DTIME:
		case SF_CTIME:
			if (to_i64(u, neg, INT64_MIN, INT64_MAX, &v) < 0)
				return -1;
			*(f == SF_ATIME ? &seg->atime : f == SF_DTIME ? &seg->dtime : &seg->ctime) = v;
			break;
		default: /* SIZE, NATTCH, RSS, SWAP */
			*(f == SF_SIZE ? &seg->size : f == SF_NATTCH ? &seg->nattch
				: f == SF_RSS ? &seg->rss : &seg->swap) = u;
			break;
		}
		seg->known |= SF_BIT(f);
	}
	return i == l->nfields ? 0 : -1;
}
