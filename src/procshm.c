/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "procshm.h"

static const struct {
	const char *name;
	enum seg_field field;
} header_names[] = {
	{ "key", SF_KEY },     { "shmid", SF_SHMID }, { "perms", SF_PERMS },
	{ "size", SF_SIZE },   { "cpid", SF_CPID },   { "lpid", SF_LPID },
	{ "nattch", SF_NATTCH }, { "uid", SF_UID },   { "gid", SF_GID },
	{ "cuid", SF_CUID },   { "cgid", SF_CGID },   { "atime", SF_ATIME },
	{ "dtime", SF_DTIME }, { "ctime", SF_CTIME }, { "rss", SF_RSS },
	{ "swap", SF_SWAP },
};

static inline int is_space(char c)
{
	return c == ' ' || c == '\t';
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
		signed char f = -1;

		if (l->nfields == PROCSHM_MAX_FIELDS)
			return -1;
		for (size_t i = 0; i < sizeof(header_names) / sizeof(header_names[0]); i++) {
			if (strlen(header_names[i].name) == toklen &&
			    memcmp(header_names[i].name, tok, toklen) == 0) {
				f = (signed char)header_names[i].field;
				break;
			}
		}
		/* a field named twice would make the line ambiguous */
		if (f >= 0 && (seen & SF_BIT(f)))
			return -1;
		if (f >= 0)
			seen |= SF_BIT(f);
		l->field[l->nfields++] = f;
	}
	return (seen & required) == required ? 0 : -1;
}

static int tok_u64(const char *s, size_t n, unsigned base, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d >= base)
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static int tok_i64(const char *s, size_t n, int64_t min, int64_t max, int64_t *out)
{
	uint64_t v;
	int neg = n > 0 && s[0] == '-';

	if (tok_u64(s + neg, n - (size_t)neg, 10, &v) < 0)
		return -1;
	if (neg) {
		if (v > (uint64_t)-(min + 1) + 1)
			return -1;
		*out = v ? -(int64_t)(v - 1) - 1 : 0;
	} else {
		if (v > (uint64_t)max)
			return -1;
		*out = (int64_t)v;
	}
	return 0;
}

int procshm_parse_line(const struct procshm_layout *l, const char *line, size_t len,
		       struct shm_seg *seg)
{
	const char *p = line, *end = line + len, *tok;
	size_t toklen, i = 0;

	seg->known = 0;
	while (next_token(&p, end, &tok, &toklen)) {
		uint64_t u;
		int64_t v;
		signed char f;

		if (i == l->nfields)
			return -1;
		f = l->field[i++];
		switch (f) {
		case SF_KEY:
			/* printed signed; accept the unsigned spelling as well */
			if (tok_i64(tok, toklen, INT32_MIN, UINT32_MAX, &v) < 0)
				return -1;
			seg->key = (int32_t)(uint32_t)(v & 0xffffffff);
			break;
		case SF_SHMID:
			if (tok_i64(tok, toklen, 0, INT32_MAX, &v) < 0)
				return -1;
			seg->shmid = (int32_t)v;
			break;
		case SF_PERMS:
			if (tok_u64(tok, toklen, 8, &u) < 0 || u > 07777)
				return -1;
			seg->mode = (uint32_t)u;
			break;
		case SF_CPID:
		case SF_LPID:
			if (tok_i64(tok, toklen, 0, INT32_MAX, &v) < 0)
				return -1;
			*(f == SF_CPID ? &seg->cpid : &seg->lpid) = (int32_t)v;
			break;
		case SF_UID:
		case SF_GID:
		case SF_CUID:
		case SF_CGID:
			if (tok_u64(tok, toklen, 10, &u) < 0 || u > UINT32_MAX)
				return -1;
			*(f == SF_UID ? &seg->uid : f == SF_GID ? &seg->gid
				: f == SF_CUID ? &seg->cuid : &seg->cgid) = (uint32_t)u;
			break;
		case SF_ATIME:
		case SF_DTIME:
		case SF_CTIME:
			if (tok_i64(tok, toklen, INT64_MIN, INT64_MAX, &v) < 0)
				return -1;
			*(f == SF_ATIME ? &seg->atime : f == SF_DTIME ? &seg->dtime : &seg->ctime) = v;
			break;
		case SF_SIZE:
		case SF_NATTCH:
		case SF_RSS:
		case SF_SWAP:
			if (tok_u64(tok, toklen, 10, &u) < 0)
				return -1;
			*(f == SF_SIZE ? &seg->size : f == SF_NATTCH ? &seg->nattch
				: f == SF_RSS ? &seg->rss : &seg->swap) = u;
			break;
		default:
			continue; /* a column this version does not know */
		}
		seg->known |= SF_BIT(f);
	}
	return i == l->nfields ? 0 : -1;
}
