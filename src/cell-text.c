/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The text of a cell: every value formatted as the table, raw and export
 * outputs show it (JSON types it from the same text). */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cell-text.h"
#include "holders.h"
#include "names.h"
#include "procfs.h"
#include "util.h"

/* Writes v backwards ending just before end; returns the first digit.
 * Two digits a division: most cells of a list are numbers. */
char *fmt_u64(uint64_t v, char *end)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";

	*--end = '\0';
	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		*--end = pairs[d + 1];
		*--end = pairs[d];
	}
	if (v >= 10) {
		*--end = pairs[v * 2 + 1];
		*--end = pairs[v * 2];
	} else {
		*--end = (char)('0' + v);
	}
	return end;
}

const char *fmt_u64_product(uint64_t a, uint64_t b, char *buf)
{
	unsigned __int128 v = (unsigned __int128)a * b;
	char *p = buf + CELL_BUF_SIZE;

	*--p = '\0';
	do {
		*--p = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	return p;
}

static const char *fmt_i64(int64_t v, char *buf)
{
	char *p = fmt_u64(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, buf + CELL_BUF_SIZE);
	if (v < 0)
		*--p = '-';
	return p;
}

const char *fmt_key(int32_t key, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t k = (uint32_t)key;

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < 8; i++)
		buf[2 + i] = hex[(k >> (28 - 4 * i)) & 0xf];
	buf[10] = '\0';
	return buf;
}

/* As util-linux prints sizes: 512B, 4K, 1.5M (one decimal, dropped when 0). */
const char *fmt_human_size(uint64_t bytes, char *buf)
{
	static const char letters[] = "BKMGTPE";
	int exp = 0;
	uint64_t whole = bytes, frac = 0;

	while (whole >= 1024 && exp < 6) {
		frac = whole % 1024;
		whole /= 1024;
		exp++;
	}
	if (exp == 0) {
		snprintf(buf, CELL_BUF_SIZE, "%" PRIu64 "B", bytes);
		return buf;
	}
	/* round the remainder to one decimal digit */
	frac = (frac * 10 + 512) / 1024;
	if (frac == 10) {
		whole++;
		frac = 0;
	}
	if (frac)
		snprintf(buf, CELL_BUF_SIZE, "%" PRIu64 ".%" PRIu64 "%c", whole, frac, letters[exp]);
	else
		snprintf(buf, CELL_BUF_SIZE, "%" PRIu64 "%c", whole, letters[exp]);
	return buf;
}

const char *fmt_time(int64_t t, enum time_format tf, time_t now, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm, tmnow;

	if (tf == TIME_EPOCH)
		return fmt_i64(t, buf);
	/* a time past the calendar's years (only a hostile file holds one) is
	 * unknown: a bare number there would break JSON's "ISO 8601 or null" */
	if (!localtime_r(&tt, &tm))
		return NULL;
	switch (tf) {
	case TIME_SHORT:
		localtime_r(&now, &tmnow);
		if (tm.tm_year == tmnow.tm_year && tm.tm_yday == tmnow.tm_yday)
			strftime(buf, CELL_BUF_SIZE, "%H:%M", &tm);
		else if (tm.tm_year == tmnow.tm_year)
			strftime(buf, CELL_BUF_SIZE, "%b%d", &tm);
		else
			strftime(buf, CELL_BUF_SIZE, "%Y-%b%d", &tm);
		break;
	case TIME_FULL:
		strftime(buf, CELL_BUF_SIZE, "%a %b %e %H:%M:%S %Y", &tm);
		break;
	default: {
		/* ISO 8601 wants the offset as +hh:mm */
		size_t n = strftime(buf, CELL_BUF_SIZE, "%Y-%m-%dT%H:%M:%S%z", &tm);
		if (n >= 5) {
			memmove(buf + n - 1, buf + n - 2, 3);
			buf[n - 2] = ':';
		}
		break;
	}
	}
	return buf;
}

const char *fmt_status(uint32_t mode, char *buf)
{
	buf[0] = '\0';
	if (mode & SEG_MODE_DEST)
		strcpy(buf, "dest");
	if (mode & SEG_MODE_LOCKED)
		strcat(buf, buf[0] ? ",locked" : "locked");
	return buf;
}

static const char *fmt_mode(uint32_t mode, char *buf)
{
	static const char rwx[] = "rwx";

	for (int i = 0; i < 9; i++)
		buf[i] = (mode & (0400u >> i)) ? rwx[i % 3] : '-';
	buf[9] = '\0';
	return buf;
}

static const char *fmt_octal(uint32_t v, char *buf)
{
	char *p = buf + CELL_BUF_SIZE;

	*--p = '\0';
	do {
		*--p = (char)('0' + (v & 7));
		v >>= 3;
	} while (v);
	return p;
}

static const char *fmt_size(uint64_t v, const struct fmt_opts *o, char *buf)
{
	return o->human ? fmt_human_size(v, buf) : fmt_u64(v, buf + CELL_BUF_SIZE);
}

static const char *side_text(const struct shm_seg *s, int col, const struct fmt_opts *o,
			     char *buf)
{
	const struct seg_side *x = holders_find(o->holders, s);

	if (!x)
		return NULL;
	switch (col) {
	case COL_COMMAND:
		return x->command;
	case COL_PIDS:
		return o->holders->scanned ? x->pids : NULL;
	default:
		return x->has_origkey ? fmt_key(x->origkey, buf) : NULL;
	}
}

/* The namespace a row was read in: its own under -A, else the one
 * shmtool works in (-N's), read once. */
static const char *ipcns_text(const struct shm_seg *s, char *buf)
{
	static uint64_t self;
	struct stat st;

	if (s->ns)
		return fmt_u64(s->ns->ino, buf + CELL_BUF_SIZE);
	if (!self && proc_dir() >= 0 && fstatat(proc_dir(), "self/ns/ipc", &st, 0) == 0)
		self = (uint64_t)st.st_ino;
	return self ? fmt_u64(self, buf + CELL_BUF_SIZE) : NULL;
}

/* The name columns: the number when there is no name, as ipcs prints it,
 * or unknown (JSON's null, the number being in the id column). */
static const char *user_text(uint32_t uid, const struct fmt_opts *o)
{
	return o->null_names ? user_name_or_null(uid) : user_name(uid);
}

static const char *group_text(uint32_t gid, const struct fmt_opts *o)
{
	return o->null_names ? group_name_or_null(gid) : group_name(gid);
}

/* How a column's text is made from its field. */
enum cell_kind {
	CK_NONE,  /* no such column */
	CK_KEY,   /* int32_t, as 0x%08x */
	CK_I32,   /* int32_t, in decimal (a shmid or PID, never negative) */
	CK_U32,   /* uint32_t, in decimal */
	CK_U64,   /* uint64_t, in decimal */
	CK_USER,  /* uint32_t uid, as a user name */
	CK_GROUP, /* uint32_t gid, as a group name */
	CK_PERMS, /* the mode: its permission bits in octal */
	CK_MODE,  /* the mode as rwxrwxrwx */
	CK_STATUS, /* the mode's dest and locked; a System V column */
	CK_TIME,  /* int64_t; empty for a time that never was (0) */
	CK_SIZE,  /* uint64_t bytes, or with -h as 4K */
	CK_SIDE,  /* from the holders: COMMAND, PIDS, ORIGKEY */
	CK_TYPE,
	CK_NAME,
	CK_IPCNS,
	CK_CONTAINER,
};

#define AT(member) offsetof(struct shm_seg, member)

/* Each column: how it is made, the field it needs known (as its SF_BIT,
 * 0 for none) and where that field is. One look-up a cell: list's hot
 * path. */
static const struct cell_desc {
	uint32_t need;
	unsigned char kind, off;
} cells[COL_COUNT] = {
	[COL_KEY] = { SF_BIT(SF_KEY), CK_KEY, AT(key) },
	[COL_SHMID] = { SF_BIT(SF_SHMID), CK_I32, AT(shmid) },
	[COL_OWNER] = { SF_BIT(SF_UID), CK_USER, AT(uid) },
	[COL_PERMS] = { SF_BIT(SF_PERMS), CK_PERMS, AT(mode) },
	[COL_MODE] = { SF_BIT(SF_PERMS), CK_MODE, AT(mode) },
	[COL_BYTES] = { SF_BIT(SF_SIZE), CK_SIZE, AT(size) },
	[COL_NATTCH] = { SF_BIT(SF_NATTCH), CK_U64, AT(nattch) },
	[COL_STATUS] = { SF_BIT(SF_PERMS), CK_STATUS, AT(mode) },
	[COL_CPID] = { SF_BIT(SF_CPID), CK_I32, AT(cpid) },
	[COL_LPID] = { SF_BIT(SF_LPID), CK_I32, AT(lpid) },
	[COL_CUID] = { SF_BIT(SF_CUID), CK_U32, AT(cuid) },
	[COL_CUSER] = { SF_BIT(SF_CUID), CK_USER, AT(cuid) },
	[COL_CGID] = { SF_BIT(SF_CGID), CK_U32, AT(cgid) },
	[COL_CGROUP] = { SF_BIT(SF_CGID), CK_GROUP, AT(cgid) },
	[COL_UID] = { SF_BIT(SF_UID), CK_U32, AT(uid) },
	[COL_USER] = { SF_BIT(SF_UID), CK_USER, AT(uid) },
	[COL_GID] = { SF_BIT(SF_GID), CK_U32, AT(gid) },
	[COL_GROUP] = { SF_BIT(SF_GID), CK_GROUP, AT(gid) },
	[COL_ATIME] = { SF_BIT(SF_ATIME), CK_TIME, AT(atime) },
	[COL_DTIME] = { SF_BIT(SF_DTIME), CK_TIME, AT(dtime) },
	[COL_CTIME] = { SF_BIT(SF_CTIME), CK_TIME, AT(ctime) },
	[COL_RSS] = { SF_BIT(SF_RSS), CK_SIZE, AT(rss) },
	[COL_SWAP] = { SF_BIT(SF_SWAP), CK_SIZE, AT(swap) },
	[COL_COMMAND] = { 0, CK_SIDE, 0 },
	[COL_PIDS] = { 0, CK_SIDE, 0 },
	[COL_ORIGKEY] = { 0, CK_SIDE, 0 },
	[COL_TYPE] = { 0, CK_TYPE, 0 },
	[COL_NAME] = { 0, CK_NAME, 0 },
	[COL_IPCNS] = { 0, CK_IPCNS, 0 },
	[COL_CONTAINER] = { 0, CK_CONTAINER, 0 },
};

_Static_assert(sizeof(struct shm_seg) < 256, "struct cell_desc keeps an offset in a byte");

#define FIELD(s, c, type) (*(const type *)(const void *)((const char *)(s) + (c)->off))

const char *column_text(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf)
{
	const struct cell_desc *c;
	char *end = buf + CELL_BUF_SIZE;
	int64_t t;

	if ((unsigned)col >= COL_COUNT)
		return NULL;
	c = &cells[col];
	if ((s->known & c->need) != c->need)
		return NULL;
	switch (c->kind) {
	case CK_KEY:
		return fmt_key(FIELD(s, c, int32_t), buf);
	case CK_I32:
		return fmt_u64((uint64_t)FIELD(s, c, int32_t), end);
	case CK_U32:
		return fmt_u64(FIELD(s, c, uint32_t), end);
	case CK_U64:
		return fmt_u64(FIELD(s, c, uint64_t), end);
	case CK_USER:
		return user_text(FIELD(s, c, uint32_t), o);
	case CK_GROUP:
		return group_text(FIELD(s, c, uint32_t), o);
	case CK_PERMS:
		return fmt_octal(FIELD(s, c, uint32_t) & 0777, buf);
	case CK_MODE:
		return fmt_mode(FIELD(s, c, uint32_t), buf);
	case CK_STATUS:
		return seg_is_posix(s) ? NULL : fmt_status(FIELD(s, c, uint32_t), buf);
	case CK_TIME:
		t = FIELD(s, c, int64_t);
		return t ? fmt_time(t, o->time_format, o->now, buf) : NULL;
	case CK_SIZE:
		return fmt_size(FIELD(s, c, uint64_t), o, buf);
	case CK_SIDE:
		return side_text(s, col, o, buf);
	case CK_TYPE:
		return seg_is_posix(s) ? "posix" : "sysv";
	case CK_NAME:
		return s->name;
	case CK_IPCNS:
		return ipcns_text(s, buf);
	case CK_CONTAINER:
		return s->ns ? s->ns->container : NULL;
	}
	return NULL;
}
