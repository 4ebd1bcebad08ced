/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The text of a cell: every value formatted as the table, raw and export
 * outputs show it (JSON types it from the same text). */
#include "config.h"

#include <inttypes.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cell-text.h"
#include "holders.h"
#include "names.h"
#include "procfs.h"
#include "util.h"

/* Writes v backwards ending just before end; returns the first digit. */
char *fmt_u64(uint64_t v, char *end)
{
	*--end = '\0';
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
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

#define NEED(f) do { if (!seg_has(s, (f))) return NULL; } while (0)

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

/* The columns that are a number of the segment's, as a decimal. */
static const char *number_text(const struct shm_seg *s, int col, char *end)
{
	switch (col) {
	case COL_SHMID:
		NEED(SF_SHMID);
		return fmt_u64((uint64_t)s->shmid, end);
	case COL_NATTCH:
		NEED(SF_NATTCH);
		return fmt_u64(s->nattch, end);
	case COL_CPID:
		NEED(SF_CPID);
		return fmt_u64((uint64_t)s->cpid, end);
	case COL_LPID:
		NEED(SF_LPID);
		return fmt_u64((uint64_t)s->lpid, end);
	case COL_CUID:
		NEED(SF_CUID);
		return fmt_u64(s->cuid, end);
	case COL_CGID:
		NEED(SF_CGID);
		return fmt_u64(s->cgid, end);
	case COL_UID:
		NEED(SF_UID);
		return fmt_u64(s->uid, end);
	case COL_GID:
		NEED(SF_GID);
		return fmt_u64(s->gid, end);
	}
	return NULL;
}

/* The columns that name a user or a group. */
static const char *owner_text(const struct shm_seg *s, int col, const struct fmt_opts *o)
{
	switch (col) {
	case COL_OWNER:
	case COL_USER:
		NEED(SF_UID);
		return user_text(s->uid, o);
	case COL_CUSER:
		NEED(SF_CUID);
		return user_text(s->cuid, o);
	case COL_CGROUP:
		NEED(SF_CGID);
		return group_text(s->cgid, o);
	case COL_GROUP:
		NEED(SF_GID);
		return group_text(s->gid, o);
	}
	return NULL;
}

/* The time columns: empty for a time that never was (0). */
static const char *time_text(const struct shm_seg *s, int col, const struct fmt_opts *o,
			     char *buf)
{
	enum seg_field f = col == COL_ATIME ? SF_ATIME : col == COL_DTIME ? SF_DTIME : SF_CTIME;
	int64_t t = col == COL_ATIME ? s->atime : col == COL_DTIME ? s->dtime : s->ctime;

	NEED(f);
	return t ? fmt_time(t, o->time_format, o->now, buf) : NULL;
}

const char *column_text(const struct shm_seg *s, int col, const struct fmt_opts *o, char *buf)
{
	switch (col) {
	case COL_KEY:
		NEED(SF_KEY);
		return fmt_key(s->key, buf);
	case COL_SHMID:
	case COL_NATTCH:
	case COL_CPID:
	case COL_LPID:
	case COL_CUID:
	case COL_CGID:
	case COL_UID:
	case COL_GID:
		return number_text(s, col, buf + CELL_BUF_SIZE);
	case COL_OWNER:
	case COL_USER:
	case COL_CUSER:
	case COL_CGROUP:
	case COL_GROUP:
		return owner_text(s, col, o);
	case COL_PERMS:
		NEED(SF_PERMS);
		return fmt_octal(s->mode & 0777, buf);
	case COL_MODE:
		NEED(SF_PERMS);
		return fmt_mode(s->mode, buf);
	case COL_STATUS:
		if (seg_is_posix(s))
			return NULL;
		NEED(SF_PERMS);
		return fmt_status(s->mode, buf);
	case COL_ATIME:
	case COL_DTIME:
	case COL_CTIME:
		return time_text(s, col, o, buf);
	case COL_BYTES:
		NEED(SF_SIZE);
		return fmt_size(s->size, o, buf);
	case COL_RSS:
		NEED(SF_RSS);
		return fmt_size(s->rss, o, buf);
	case COL_SWAP:
		NEED(SF_SWAP);
		return fmt_size(s->swap, o, buf);
	case COL_COMMAND:
	case COL_PIDS:
	case COL_ORIGKEY:
		return side_text(s, col, o, buf);
	case COL_TYPE:
		return seg_is_posix(s) ? "posix" : "sysv";
	case COL_NAME:
		return s->name;
	case COL_IPCNS:
		return ipcns_text(s, buf);
	case COL_CONTAINER:
		return s->ns ? s->ns->container : NULL;
	}
	return NULL;
}
