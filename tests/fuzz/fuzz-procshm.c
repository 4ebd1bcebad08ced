/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target for the /proc/sysvipc/shm parser (src/procshm.c).
 * The input is a whole file: the first line goes to procshm_parse_header
 * (a header it refuses is replaced by the kernel's own, so that the lines
 * are still fuzzed), every further non-empty line to procshm_parse_line,
 * as sysv_list splits them. Each result is checked against a plain
 * strtoull-based reference parse, and every parsed segment is printed
 * back in the kernel's format and parsed again to the same values.
 * Build with `make fuzz`; run with tests/fuzz/run-all.sh. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>

#include "fuzz.h"
#include "procshm.h"

/* What Linux prints (ipc/shm.c, sysvipc_shm_proc_show), 64-bit. */
static const char kernel_header[] =
	"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
	"      atime      dtime      ctime                   rss                  swap";

static const char *const field_names[SF_COUNT] = {
	[SF_KEY] = "key",     [SF_SHMID] = "shmid", [SF_PERMS] = "perms", [SF_SIZE] = "size",
	[SF_CPID] = "cpid",   [SF_LPID] = "lpid",   [SF_NATTCH] = "nattch", [SF_UID] = "uid",
	[SF_GID] = "gid",     [SF_CUID] = "cuid",   [SF_CGID] = "cgid",   [SF_ATIME] = "atime",
	[SF_DTIME] = "dtime", [SF_CTIME] = "ctime", [SF_RSS] = "rss",     [SF_SWAP] = "swap",
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The blank-separated tokens of a line, as (start, length) pairs. */
struct tokens {
	size_t n;
	const char *s[PROCSHM_MAX_FIELDS + 1];
	size_t len[PROCSHM_MAX_FIELDS + 1];
};

/* false when there are more tokens than fit (more than any layout has). */
static bool tokenize(const char *p, size_t len, struct tokens *t)
{
	const char *end = p + len;

	t->n = 0;
	for (;;) {
		while (p < end && blank(*p))
			p++;
		if (p == end)
			return true;
		if (t->n == PROCSHM_MAX_FIELDS + 1)
			return false;
		t->s[t->n] = p;
		while (p < end && !blank(*p))
			p++;
		t->len[t->n] = (size_t)(p - t->s[t->n]);
		t->n++;
	}
}

/* The reference header parse: the field of every token, duplicates and
 * missing required fields refused. */
static bool ref_header(const char *line, size_t len, struct procshm_layout *l)
{
	struct tokens t;
	bool seen[SF_COUNT] = { false };

	if (!tokenize(line, len, &t) || t.n > PROCSHM_MAX_FIELDS)
		return false;
	l->nfields = t.n;
	for (size_t i = 0; i < t.n; i++) {
		l->field[i] = -1;
		for (int f = 0; f < SF_COUNT; f++) {
			if (strlen(field_names[f]) == t.len[i] &&
			    memcmp(field_names[f], t.s[i], t.len[i]) == 0) {
				if (seen[f])
					return false;
				seen[f] = true;
				l->field[i] = (signed char)f;
			}
		}
	}
	return seen[SF_KEY] && seen[SF_SHMID] && seen[SF_PERMS] && seen[SF_SIZE];
}

static bool signed_field(int f)
{
	return f == SF_KEY || f == SF_ATIME || f == SF_DTIME || f == SF_CTIME;
}

/* The reference number parse of one token into a signed 128-bit value:
 * digits only (octal for perms), a leading '-' where the kernel prints a
 * signed number, and strtoull/strtoll's own overflow detection. */
static bool ref_number(int f, const char *tok, size_t len, __int128 *out)
{
	char buf[128];
	const char *digits = tok;
	size_t ndigits = len;
	int base = f == SF_PERMS ? 8 : 10;
	char *end;

	if (signed_field(f) && len > 0 && tok[0] == '-') {
		digits++;
		ndigits--;
	}
	if (ndigits == 0)
		return false;
	for (size_t i = 0; i < ndigits; i++)
		if (digits[i] < '0' || digits[i] >= '0' + base)
			return false;
	/* a longer token is all digits: skip leading zeros to fit the buffer */
	while (ndigits > 1 && digits[0] == '0') {
		digits++;
		ndigits--;
	}
	if (ndigits > 60)
		return false; /* far past 64 bits */
	buf[0] = tok[0] == '-' ? '-' : '+';
	memcpy(buf + 1, digits, ndigits);
	buf[ndigits + 1] = '\0';
	errno = 0;
	if (buf[0] == '-') {
		long long v = strtoll(buf, &end, base);
		if (errno == ERANGE)
			return false;
		*out = v;
	} else {
		unsigned long long v = strtoull(buf + 1, &end, base);
		if (errno == ERANGE)
			return false;
		*out = v;
	}
	FUZZ_CHECK(*end == '\0');
	return true;
}

static bool in_range(int f, __int128 v)
{
	switch (f) {
	case SF_KEY:
		return v >= INT32_MIN && v <= UINT32_MAX;
	case SF_SHMID:
	case SF_CPID:
	case SF_LPID:
		return v >= 0 && v <= INT32_MAX;
	case SF_PERMS:
		return v >= 0 && v <= 07777;
	case SF_UID:
	case SF_GID:
	case SF_CUID:
	case SF_CGID:
		return v >= 0 && v <= UINT32_MAX;
	case SF_ATIME:
	case SF_DTIME:
	case SF_CTIME:
		return v >= INT64_MIN && v <= INT64_MAX;
	default:
		return v >= 0 && v <= UINT64_MAX;
	}
}

/* A field's value in a parsed segment, widened. */
static __int128 seg_value(const struct shm_seg *s, int f)
{
	switch (f) {
	case SF_KEY: return s->key;
	case SF_SHMID: return s->shmid;
	case SF_PERMS: return s->mode;
	case SF_SIZE: return s->size;
	case SF_CPID: return s->cpid;
	case SF_LPID: return s->lpid;
	case SF_NATTCH: return s->nattch;
	case SF_UID: return s->uid;
	case SF_GID: return s->gid;
	case SF_CUID: return s->cuid;
	case SF_CGID: return s->cgid;
	case SF_ATIME: return s->atime;
	case SF_DTIME: return s->dtime;
	case SF_CTIME: return s->ctime;
	case SF_RSS: return s->rss;
	case SF_SWAP: return s->swap;
	}
	abort();
}

/* What the parser stores for a token's value: keys are 32 bits, printed
 * signed or unsigned. */
static __int128 stored(int f, __int128 v)
{
	return f == SF_KEY ? (__int128)(int32_t)(uint32_t)(uint64_t)v : v;
}

/* One field as Linux prints it (ipc/shm.c: "%10d %10d  %4o %21lu %5u
 * %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %21lu %21lu"). Times are
 * printed signed, so that a negative one parsed from the input prints
 * back to the same value. */
static int print_field(char *out, size_t room, const struct shm_seg *s, int f)
{
	switch (f) {
	case SF_KEY: return snprintf(out, room, "%10d", s->key);
	case SF_SHMID: return snprintf(out, room, "%10d", s->shmid);
	case SF_PERMS: return snprintf(out, room, " %4o", s->mode);
	case SF_SIZE: return snprintf(out, room, "%21" PRIu64, s->size);
	case SF_CPID: return snprintf(out, room, "%5d", s->cpid);
	case SF_LPID: return snprintf(out, room, "%5d", s->lpid);
	case SF_NATTCH: return snprintf(out, room, " %5" PRIu64, s->nattch);
	case SF_UID: return snprintf(out, room, "%5u", s->uid);
	case SF_GID: return snprintf(out, room, "%5u", s->gid);
	case SF_CUID: return snprintf(out, room, "%5u", s->cuid);
	case SF_CGID: return snprintf(out, room, "%5u", s->cgid);
	case SF_ATIME: return snprintf(out, room, "%10" PRId64, s->atime);
	case SF_DTIME: return snprintf(out, room, "%10" PRId64, s->dtime);
	case SF_CTIME: return snprintf(out, room, "%10" PRId64, s->ctime);
	case SF_RSS: return snprintf(out, room, "%21" PRIu64, s->rss);
	case SF_SWAP: return snprintf(out, room, "%21" PRIu64, s->swap);
	}
	/* a column the parser does not know: any token */
	return snprintf(out, room, "%s", "?");
}

/* The segment as a line of /proc/sysvipc/shm in layout l. */
static size_t print_line(char *out, size_t room, const struct procshm_layout *l,
			 const struct shm_seg *s)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nfields; i++) {
		int w;

		if (i > 0)
			out[n++] = ' ';
		w = print_field(out + n, room - n, s, l->field[i]);
		FUZZ_CHECK(w > 0 && (size_t)w < room - n);
		n += (size_t)w;
	}
	return n;
}

static void check_same(const struct shm_seg *a, const struct shm_seg *b)
{
	FUZZ_CHECK(a->known == b->known);
	for (int f = 0; f < SF_COUNT; f++)
		if (seg_has(a, f))
			FUZZ_CHECK(seg_value(a, f) == seg_value(b, f));
}

/* Prints s in layout l, parses it back and compares. */
static void check_roundtrip(const struct procshm_layout *l, const struct shm_seg *s)
{
	static char text[PROCSHM_MAX_FIELDS * 24 + 1];
	size_t n = print_line(text, sizeof(text), l, s);
	char *copy = fuzz_dup(text, n);
	struct shm_seg again;

	FUZZ_CHECK(procshm_parse_line(l, copy, n, &again) == 0);
	check_same(s, &again);
	free(copy);
}

static void check_line(const struct procshm_layout *l, const struct procshm_layout *kernel,
		       const char *p, size_t len)
{
	char *line = fuzz_dup(p, len);
	struct shm_seg seg;
	struct tokens t;
	uint32_t fields = 0;
	bool ref_ok;
	int r;

	memset(&seg, 0xa5, sizeof(seg));
	r = procshm_parse_line(l, line, len, &seg);

	/* the reference: one token per field, each a number in range */
	ref_ok = tokenize(line, len, &t) && t.n == l->nfields;
	for (size_t i = 0; i < l->nfields; i++) {
		int f = l->field[i];
		__int128 v;

		if (f < 0)
			continue;
		fields |= SF_BIT(f);
		if (!ref_ok)
			continue;
		if (!ref_number(f, t.s[i], t.len[i], &v) || !in_range(f, v)) {
			ref_ok = false;
			continue;
		}
		if (r == 0)
			FUZZ_CHECK(seg_value(&seg, f) == stored(f, v));
	}
	FUZZ_CHECK((r == 0) == ref_ok);
	if (r == 0) {
		/* every column of the layout, and only those */
		FUZZ_CHECK((seg.known & ~fields) == 0);
		FUZZ_CHECK(seg.known == fields);
		FUZZ_CHECK(seg.shmid >= 0 && seg.mode <= 07777);
		check_roundtrip(l, &seg);
		if (seg.known == SF_BIT(SF_COUNT) - 1)
			check_roundtrip(kernel, &seg);
	}
	free(line);
}

static void kernel_layout(struct procshm_layout *k)
{
	FUZZ_CHECK(procshm_parse_header(kernel_header, strlen(kernel_header), k) == 0);
	FUZZ_CHECK(k->nfields == SF_COUNT);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const char *nl = memchr(p, '\n', size);
	size_t hlen = nl ? (size_t)(nl - p) : size;
	struct procshm_layout kernel, l, ref;
	char *header = fuzz_dup(p, hlen);
	bool ref_ok = ref_header(header, hlen, &ref);
	int r;

	kernel_layout(&kernel);
	memset(&l, 0x5a, sizeof(l));
	r = procshm_parse_header(header, hlen, &l);
	free(header);
	FUZZ_CHECK((r == 0) == ref_ok);
	if (r == 0) {
		FUZZ_CHECK(l.nfields == ref.nfields);
		FUZZ_CHECK(memcmp(l.field, ref.field, l.nfields) == 0);
	} else {
		l = kernel;
	}
	if (!nl)
		return 0;
	for (p = nl + 1; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (nl > p)
			check_line(&l, &kernel, p, (size_t)(nl - p));
	}
	return 0;
}
