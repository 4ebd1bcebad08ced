/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The /proc parsers behind PIDS, ORIGKEY, COMMAND and --orphans, fed
 * lines no live system can be made to produce on demand: odd comms, a
 * PID reused within a second, a boot time between two seconds. TAP. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "procparse.h"
#include "tap.h"

static int maps(const char *line, int32_t *shmid, int32_t *key)
{
	return maps_parse_line(line, strlen(line), shmid, key);
}

static void test_maps(void)
{
	int32_t id = -1, key = -1;

	ok(maps("7f3c9a1f2000-7f3c9a1f3000 r--s 00000000 00:01 32769                      "
		"/SYSV00001234 (deleted)", &id, &key) == 1 && id == 32769 && key == 0x1234,
	   "a System V mapping gives shmid and key");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:01 5 /SYSVdeadbeef (deleted)",
		&id, &key) == 1 && id == 5 && key == (int32_t)0xdeadbeef,
	   "a key above INT32_MAX comes back as its bits");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 r--s 00000000 00:01 7 /SYSV00000000 (deleted)",
		&id, &key) == 1 && id == 7 && key == 0,
	   "IPC_PRIVATE key 0");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 12 /dev/shm/SYSV00001234",
		&id, &key) == 0, "a POSIX object named SYSV... is not a segment");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 12 /SYSV00001234", &id, &key) == 0,
	   "a /SYSV path without (deleted) is a file, not a segment");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:01 12 /SYSV0000123g (deleted)", &id,
		&key) == 0, "a name without 8 hex digits is not a segment");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:01 12 /SYSV00001234 (deleted) x",
		&id, &key) == 0, "trailing text is not a segment");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 r-xp 00000000 08:01 1234 /usr/bin/cat", &id, &key) == 0,
	   "a file mapping is not a segment");
	ok(maps("7ffd5c3e1000-7ffd5c402000 rw-p 00000000 00:00 0                          [stack]",
		&id, &key) == 0, "an anonymous mapping is not a segment");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:01 99999999999 /SYSV00001234 (deleted)",
		&id, &key) == -1, "an inode beyond any shmid is malformed");
	ok(maps("7f3c9a1f2000-7f3c9a1f3000 rw-s", &id, &key) == -1, "a short line is malformed");
	ok(maps("", &id, &key) == -1, "an empty line is malformed");
}

static int mfile(const char *line, uint32_t *maj, uint32_t *min, uint64_t *ino)
{
	return maps_parse_file(line, strlen(line), "/dev/shm/", maj, min, ino);
}

static void test_maps_file(void)
{
	uint32_t maj = 0, min = 0;
	uint64_t ino = 0;

	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 12345              /dev/shm/app",
		 &maj, &min, &ino) == 1 && maj == 0 && min == 0x19 && ino == 12345,
	   "a POSIX object gives device and inode");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 103:1a2b 7 /dev/shm/a b (deleted)", &maj,
		 &min, &ino) == 1 && maj == 0x103 && min == 0x1a2b && ino == 7,
	   "device numbers are hex and may be long; the name may hold blanks");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:01 32769 /SYSV00001234 (deleted)", &maj,
		 &min, &ino) == 0, "a System V segment is not under the prefix");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 12 /dev/shm/", &maj, &min, &ino) == 0,
	   "the directory itself is no object");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 12 /dev/shmx/a", &maj, &min, &ino) == 0,
	   "a sibling directory is not /dev/shm");
	ok(mfile("7ffd5c3e1000-7ffd5c402000 rw-p 00000000 00:00 0 [stack]", &maj, &min, &ino) == 0,
	   "an anonymous mapping is no object");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 0019 12 /dev/shm/a", &maj, &min, &ino) == -1,
	   "a device without a colon is malformed");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 1ffffffff:0 12 /dev/shm/a", &maj, &min,
		 &ino) == -1, "a device number beyond 32 bits is malformed");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s 00000000 00:19 x /dev/shm/a", &maj, &min, &ino) == -1,
	   "an inode that is no number is malformed");
	ok(mfile("7f3c9a1f2000-7f3c9a1f3000 rw-s", &maj, &min, &ino) == -1, "a short line is malformed");
}

static int u64(const char *s, uint64_t *v)
{
	return u64_text_parse(s, strlen(s), v);
}

static void test_u64_text(void)
{
	uint64_t v = 0;

	ok(u64("18446744073692774399\n", &v) == 0 && v == 18446744073692774399ULL,
	   "shmmax's default with its newline");
	ok(u64("4096", &v) == 0 && v == 4096, "a number without a newline");
	ok(u64("0\n", &v) == 0 && v == 0, "zero");
	ok(u64("18446744073709551615\n", &v) == 0 && v == UINT64_MAX, "the largest 64-bit number");
	ok(u64("18446744073709551616\n", &v) == -1, "one beyond 64 bits is refused");
	ok(u64("-1\n", &v) == -1, "a sign is refused, not wrapped");
	ok(u64(" 5\n", &v) == -1, "a leading blank is refused");
	ok(u64("12ab\n", &v) == -1, "trailing letters are refused");
	ok(u64("", &v) == -1, "an empty file is refused");
}

static const char stat_fmt[] =
	"%s S 1 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 %s 2580480 200 "
	"18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

static int stat_line(const char *head, const char *start, char *state, uint64_t *ticks)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), stat_fmt, head, start);

	return stat_parse(buf, (size_t)n, state, ticks);
}

static void test_stat(void)
{
	char state = 0;
	uint64_t t = 0;

	ok(stat_line("4242 (shm-helper)", "123456", &state, &t) == 0 && state == 'S' && t == 123456,
	   "state and start time (field 22)");
	ok(stat_line("4242 (a) b) 1 2 (c)", "77", &state, &t) == 0 && t == 77,
	   "a comm with spaces and parentheses: fields count from the last ')'");
	ok(stat_line("4242 (x)", "18446744073709551616", &state, &t) == -1,
	   "a start time beyond 64 bits is malformed");
	ok(stat_line("4242 (x)", "12a", &state, &t) == -1, "a start time with a letter is malformed");
	ok(stat_parse("4242 (x) S 1 2", 14, &state, &t) == -1, "a short line is malformed");
	ok(stat_parse("no parenthesis", 14, &state, &t) == -1, "a line without comm is malformed");
}

static void test_started_before(void)
{
	/* booted at 1000000000.25 s; 100 ticks a second */
	const int64_t boot = 1000000000LL * 1000000000 + 250000000;
	const int64_t ctime = 1000000100; /* created in [boot + 99.75 s, boot + 100.75 s) */

	ok(started_before(9900, 100, boot, ctime), "started a second before: the creator");
	ok(started_before(9975, 100, boot, ctime),
	   "started at the first instant the creation can have happened");
	ok(started_before(10074, 100, boot, ctime),
	   "started within the creation's second: cannot be told apart, counts as the creator");
	ok(!started_before(10075, 100, boot, ctime),
	   "started after the second of the creation: a reused PID, not the creator");
	ok(!started_before(20000, 100, boot, ctime), "started much later: not the creator");
	ok(started_before(0, 100, boot, ctime), "started at boot: can be the creator");
	ok(!started_before(UINT64_MAX / 2, 100, boot, ctime), "a huge uptime does not overflow");
	ok(started_before(100000, 1000, boot, ctime) && !started_before(100750, 1000, boot, ctime),
	   "another tick rate: the boundary moves with it");
}

int main(void)
{
	test_maps();
	test_maps_file();
	test_u64_text();
	test_stat();
	test_started_before();
	return tap_done();
}
