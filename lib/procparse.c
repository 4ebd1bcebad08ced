/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "procparse.h"

/* Skips one field and the blanks after it; NULL at the end of the line. */
static const char *next_field(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	return p < end ? p : NULL;
}

static int hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The decimal number at p into *v; what follows it, or NULL when there is
 * no digit or the number does not fit in 64 bits. */
static const char *decimal(const char *p, const char *end, uint64_t *v)
{
	const char *start = p;

	*v = 0;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (*v > (UINT64_MAX - d) / 10)
			return NULL;
		*v = *v * 10 + d;
	}
	return p > start ? p : NULL;
}

int maps_parse_line(const char *line, size_t len, int32_t *shmid, int32_t *key)
{
	static const char suffix[] = " (deleted)";
	const size_t sfx = sizeof(suffix) - 1;
	const char *end = line + len, *p = line;
	uint64_t inode;
	uint32_t k = 0;

	/* address perms offset dev inode path */
	for (int i = 0; i < 4; i++)
		if (!(p = next_field(p, end)))
			return -1;
	if (!(p = decimal(p, end, &inode)))
		return -1;
	while (p < end && *p == ' ')
		p++;
	/* only the kernel's name for a segment, never a file that merely has
	 * SYSV in its name such as /dev/shm/SYSV00001234 */
	if ((size_t)(end - p) != 5 + 8 + sfx || memcmp(p, "/SYSV", 5) != 0 ||
	    memcmp(p + 13, suffix, sfx) != 0)
		return 0;
	for (int i = 0; i < 8; i++) {
		int d = hexdigit(p[5 + i]);
		if (d < 0)
			return 0;
		k = k << 4 | (uint32_t)d;
	}
	if (inode > INT32_MAX)
		return -1;
	*shmid = (int32_t)inode;
	*key = (int32_t)k;
	return 1;
}

/* Hex digits up to stop; -1 when there are none or too many for 32 bits. */
static int hex_u32(const char **pp, const char *end, char stop, uint32_t *out)
{
	const char *p = *pp;
	uint32_t v = 0;
	int n = 0;

	for (; p < end && *p != stop; p++, n++) {
		int d = hexdigit(*p);
		if (d < 0 || n == 8)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	if (!n || p == end)
		return -1;
	*pp = p + 1;
	*out = v;
	return 0;
}

int maps_parse_file(const char *line, size_t len, const char *prefix, uint32_t *major,
		    uint32_t *minor, uint64_t *ino)
{
	const char *end = line + len, *p = line;
	size_t plen = strlen(prefix);
	uint64_t inode;

	/* address perms offset dev inode path */
	for (int i = 0; i < 3; i++)
		if (!(p = next_field(p, end)))
			return -1;
	if (hex_u32(&p, end, ':', major) < 0 || hex_u32(&p, end, ' ', minor) < 0)
		return -1;
	while (p < end && *p == ' ')
		p++;
	if (!(p = decimal(p, end, &inode)))
		return -1;
	while (p < end && *p == ' ')
		p++;
	if ((size_t)(end - p) <= plen || memcmp(p, prefix, plen) != 0)
		return 0;
	*ino = inode;
	return 1;
}

int u64_text_parse(const char *buf, size_t len, uint64_t *out)
{
	const char *end = buf + len, *p;
	uint64_t v;

	p = decimal(buf, end, &v);
	/* the kernel ends the number with a newline; a tab separates more fields */
	if (!p || (p < end && *p != '\n' && *p != ' ' && *p != '\t'))
		return -1;
	*out = v;
	return 0;
}


int stat_parse(const char *buf, size_t len, char *state, uint64_t *start_ticks)
{
	const char *end = buf + len, *p;
	uint64_t v;

	/* pid (comm) state ppid ...: the comm ends at the last ')' */
	for (p = end; p > buf && p[-1] != ')'; p--)
		;
	if (p == buf || p + 2 >= end || *p != ' ')
		return -1;
	p++;
	*state = *p;
	/* the state is field 3; the start time is field 22 */
	for (int field = 3; field < 22; field++)
		if (!(p = next_field(p, end)))
			return -1;
	p = decimal(p, end, &v);
	if (!p || (p < end && *p != ' ' && *p != '\n'))
		return -1;
	*start_ticks = v;
	return 0;
}

bool started_before(uint64_t start_ticks, long ticks_per_sec, int64_t boot_ns, int64_t ctime)
{
	const int64_t ns = 1000000000, limit = INT64_MAX / ns - 2;
	uint64_t secs = start_ticks / (uint64_t)ticks_per_sec;
	int64_t rem = (int64_t)(start_ticks % (uint64_t)ticks_per_sec);
	int64_t start_ns;

	/* times beyond the year 2262 do not fit in nanoseconds: compare them
	 * as what they are, later than anything else */
	if (ctime >= limit)
		return true;
	if (secs >= (uint64_t)(limit - boot_ns / ns))
		return false;
	start_ns = boot_ns + (int64_t)secs * ns + rem * (ns / ticks_per_sec);
	return start_ns < (ctime + 1) * ns;
}
