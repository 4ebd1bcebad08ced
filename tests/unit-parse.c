/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pure parsers, without I/O: what users type (sizes, keys, modes, ids)
 * and what the kernel prints in /proc/sysvipc/shm. Prints TAP. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "procshm.h"
#include "tap.h"

/* A parser refused s, as it must: -1 and exactly the reason want_why. */
static void refused(const char *fn, const char *s, int r, const char *why, const char *want_why)
{
	ok(r == -1 && why && strcmp(why, want_why) == 0, "%s(\"%s\") fails: %s (got %d, %s)", fn, s,
	   want_why, r, why ? why : "(null)");
}

/* --- parse_size ----------------------------------------------------------- */

static void size_ok(const char *s, uint64_t want)
{
	uint64_t v = 0xdeadbeef;
	const char *why = NULL;
	int r = parse_size(s, &v, &why);

	ok(r == 0 && v == want, "parse_size(\"%s\") = %" PRIu64 " (got %d, %" PRIu64 ", %s)",
	   s, want, r, v, r ? why : "-");
}

static void size_bad(const char *s, const char *want_why)
{
	uint64_t v = 0;
	const char *why = NULL;
	int r = parse_size(s, &v, &why);

	refused("parse_size", s, r, why, want_why);
}

static void test_size(void)
{
	static const char garbage[] = "expected a number with an optional K, M, G or T suffix";
	static const char too_large[] = "size too large";

	size_ok("0", 0);
	size_ok("1", 1);
	size_ok("4096", 4096);
	size_ok("1B", 1);
	size_ok("4K", 4096);
	size_ok("4k", 4096);
	size_ok("4KiB", 4096);
	size_ok("4kib", 4096);
	size_ok("4KB", 4000);
	size_ok("10MB", 10000000);
	size_ok("1M", 1048576);
	size_ok("1.5M", 1572864);
	size_ok("0.5K", 512);
	size_ok("1.5KB", 1500);
	size_ok("2GiB", 2147483648ULL);
	size_ok("1G", 1073741824ULL);
	size_ok("1GB", 1000000000ULL);
	size_ok("1T", 1099511627776ULL);
	size_ok("1TB", 1000000000000ULL);
	size_ok("1.25G", 1342177280ULL);
	/* digits beyond what a byte count can show are dropped, not an error */
	size_ok("1.0000000000000000000000001G", 1073741824ULL);
	size_ok("0x1000", 4096);
	size_ok("0X1000", 4096);
	size_ok("0xffffffffffffffff", UINT64_MAX);
	size_ok("18446744073709551615", UINT64_MAX);
	size_ok("15E", 15ULL << 60);
	size_ok("15.5E", 0xf800000000000000ULL);
	size_ok("16777215T", 16777215ULL << 40);

	size_bad("", garbage);
	size_bad("K", garbage);
	size_bad("1Q", garbage);
	size_bad("1 K", garbage);
	size_bad(" 1", garbage);
	size_bad("1K ", garbage);
	size_bad("1Ki", garbage);
	size_bad("1KiBB", garbage);
	size_bad("1KBB", garbage);
	size_bad("1BB", garbage);
	size_bad("1.", garbage);
	size_bad(".5K", garbage);
	size_bad("1.5.5K", garbage);
	size_bad("0x", garbage);
	size_bad("0x10K", garbage);
	size_bad("0xg", garbage);
	size_bad("1,5M", garbage);
	size_bad("-1", "size must not be negative");
	size_bad("-0", "size must not be negative");
	size_bad("-1K", "size must not be negative");
	size_bad("1.5", "a fraction needs a K, M, G or T suffix");
	size_bad("18446744073709551616", too_large);
	size_bad("99999999999999999999999", too_large);
	size_bad("16E", too_large);
	size_bad("16777216T", too_large);
	size_bad("17179869184G", too_large);
	size_bad("16.5E", too_large);
	size_bad("0x10000000000000000", "number out of range");
}

/* --- parse_key ------------------------------------------------------------ */

static void key_ok(const char *s, int32_t want)
{
	struct key_spec k;
	const char *why = NULL;
	int r = parse_key(s, &k, &why);

	ok(r == 0 && !k.is_ftok && k.key == want, "parse_key(\"%s\") = 0x%08x (got %d, 0x%08x, %s)",
	   s, (unsigned)want, r, (unsigned)k.key, r ? why : "-");
}

static void key_ftok(const char *s, const char *path, int proj)
{
	struct key_spec k;
	const char *why = NULL;
	int r = parse_key(s, &k, &why);

	ok(r == 0 && k.is_ftok && k.pathlen == strlen(path) && memcmp(k.path, path, k.pathlen) == 0 &&
		   k.proj == proj,
	   "parse_key(\"%s\") = ftok(\"%s\", %d) (got %d, %.*s, %d)", s, path, proj, r,
	   r == 0 ? (int)k.pathlen : 0, r == 0 ? k.path : "", k.proj);
}

static void key_bad(const char *s, const char *want_why)
{
	struct key_spec k;
	const char *why = NULL;
	int r = parse_key(s, &k, &why);

	refused("parse_key", s, r, why, want_why);
}

static void test_key(void)
{
	static const char bad[] = "expected a decimal or 0x-hex number, or @PATH[:PROJ]";
	static const char range[] = "key out of range: keys are 32 bits";
	static const char badproj[] = "expected PROJ to be a number from 1 to 255 or one character";

	key_ok("0", 0);
	key_ok("4660", 0x1234);
	key_ok("0x1234", 0x1234);
	key_ok("0X1234", 0x1234);
	key_ok("0xdeadBEEF", (int32_t)0xdeadbeef);
	key_ok("0x00000001", 1);
	key_ok("0xffffffff", -1);
	key_ok("4294967295", -1);
	key_ok("2147483648", INT32_MIN);
	/* the kernel prints keys as signed decimals */
	key_ok("-1", -1);
	key_ok("-2147483648", INT32_MIN);
	key_ok("-0", 0);

	key_ftok("@/tmp/x", "/tmp/x", 1);
	key_ftok("@/tmp/x:7", "/tmp/x", 7);
	key_ftok("@/tmp/x:255", "/tmp/x", 255);
	key_ftok("@/tmp/x:1", "/tmp/x", 1);
	key_ftok("@/tmp/x:c", "/tmp/x", 'c');
	key_ftok("@relative", "relative", 1);
	/* the last colon separates PROJ: a path may hold colons */
	key_ftok("@/a:b:7", "/a:b", 7);

	key_bad("", bad);
	key_bad("abc", bad);
	key_bad("0x", bad);
	key_bad("0xg", bad);
	key_bad("12ab", bad);
	key_bad("+5", bad);
	key_bad("-", bad);
	key_bad("-x", bad);
	key_bad(" 1", bad);
	key_bad("1.5", bad);
	key_bad("4294967296", range);
	key_bad("99999999999999999999999", range);
	key_bad("0x100000000", range);
	key_bad("0x10000000000000000", "number out of range");
	key_bad("-2147483649", range);
	key_bad("@", "expected a path after '@'");
	key_bad("@:5", "expected a path after '@'");
	key_bad("@/tmp/x:", badproj);
	key_bad("@/tmp/x:0", badproj);
	key_bad("@/tmp/x:256", badproj);
	key_bad("@/tmp/x:ab", badproj);
	key_bad("@/tmp/x:-1", badproj);
}

/* --- parse_mode ----------------------------------------------------------- */

static void mode_ok(const char *s, unsigned base, unsigned want)
{
	unsigned v = 0;
	const char *why = NULL;
	int r = parse_mode(s, base, &v, &why);

	ok(r == 0 && v == want, "parse_mode(\"%s\", %03o) = %03o (got %d, %03o, %s)", s, base, want,
	   r, v, r ? why : "-");
}

static void mode_bad(const char *s)
{
	unsigned v = 0;
	const char *why = NULL;
	int r = parse_mode(s, 0600, &v, &why);

	refused("parse_mode", s, r, why,
		"expected an octal mode up to 777 or a symbolic mode like u=rw,g=r");
}

static void test_mode(void)
{
	mode_ok("640", 0, 0640);
	mode_ok("0640", 0, 0640);
	mode_ok("0", 0644, 0);
	mode_ok("777", 0, 0777);
	mode_ok("7", 0, 07);
	mode_ok("u=rw,g=r", 0, 0640);
	mode_ok("u=rw,g=r", 0777, 0647);
	mode_ok("u+x", 0600, 0700);
	mode_ok("go-w", 0666, 0644);
	mode_ok("a=r", 0777, 0444);
	mode_ok("=rw", 0, 0666);
	mode_ok("+x", 0644, 0755);
	mode_ok("o=", 0667, 0660);
	mode_ok("ug=rw,o-rwx", 0777, 0660);
	mode_ok("u=rwx,g=rx,o=", 0, 0750);
	/* create -m: symbolic modes start from the default 0600, not from 0 */
	mode_ok("g+r", DEFAULT_SHM_MODE, 0640);
	mode_ok("go+r", DEFAULT_SHM_MODE, 0644);
	mode_ok("u-w", DEFAULT_SHM_MODE, 0400);
	mode_ok("+r", DEFAULT_SHM_MODE, 0644);
	mode_ok("g=rw", DEFAULT_SHM_MODE, 0660);

	mode_bad("");
	mode_bad("1777");
	mode_bad("00640");
	mode_bad("8");
	mode_bad("648");
	mode_bad("64a");
	mode_bad("u");
	mode_bad("u=rw,");
	mode_bad("u=rwz");
	mode_bad("x=r");
	mode_bad("u=r g=r");
	mode_bad(",u=r");
}

/* --- parse_id ------------------------------------------------------------- */

static void id_case(const char *s, int want_ok, int32_t want, const char *want_why)
{
	int32_t v = -7;
	const char *why = NULL;
	int r = parse_id(s, &v, &why);

	if (want_ok)
		ok(r == 0 && v == want, "parse_id(\"%s\") = %d (got %d, %d)", s, want, r, v);
	else
		refused("parse_id", s, r, why, want_why);
}

static void test_id(void)
{
	static const char num[] = "expected a non-negative decimal number";
	static const char range[] = "number out of range";

	id_case("0", 1, 0, NULL);
	id_case("42", 1, 42, NULL);
	id_case("007", 1, 7, NULL);
	id_case("2147483647", 1, INT32_MAX, NULL);
	id_case("2147483648", 0, 0, range);
	id_case("18446744073709551616", 0, 0, range);
	id_case("", 0, 0, num);
	id_case("-1", 0, 0, num);
	id_case("+1", 0, 0, num);
	id_case("1x", 0, 0, num);
	id_case(" 1", 0, 0, num);
	id_case("0x10", 0, 0, num);
}

/* --- /proc/sysvipc/shm ---------------------------------------------------- */

static const char kernel_header[] =
	"       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
	"      atime      dtime      ctime                   rss                  swap";

static int header(const char *s, struct procshm_layout *l)
{
	return procshm_parse_header(s, strlen(s), l);
}

static int line(const struct procshm_layout *l, const char *s, struct shm_seg *seg)
{
	memset(seg, 0x5a, sizeof(*seg));
	return procshm_parse_line(l, s, strlen(s), seg);
}

#define ALL_PROC_FIELDS (SF_BIT(SF_COUNT) - 1)

static void test_procshm(void)
{
	struct procshm_layout l;
	struct shm_seg s;
	int r;

	ok(header(kernel_header, &l) == 0 && l.nfields == 16, "the kernel's header parses");
	r = line(&l, "      4660          3  1644                  4096  1200  1300      2     0     0"
		     "     5     6 1700000000 1700000001 1700000002                  8192                  4096", &s);
	ok(r == 0, "a kernel line parses");
	ok(s.known == ALL_PROC_FIELDS, "every field of a kernel line is known (0x%x)", s.known);
	ok(s.key == 0x1234 && s.shmid == 3 && s.mode == 01644 && s.size == 4096, "key shmid perms size");
	ok(s.cpid == 1200 && s.lpid == 1300 && s.nattch == 2, "cpid lpid nattch");
	ok(s.uid == 0 && s.gid == 0 && s.cuid == 5 && s.cgid == 6, "uid gid cuid cgid");
	ok(s.atime == 1700000000 && s.dtime == 1700000001 && s.ctime == 1700000002, "times");
	ok(s.rss == 8192 && s.swap == 4096, "rss swap");

	/* keys: signed as the kernel prints them, unsigned accepted */
	r = line(&l, "-1 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.key == -1, "a negative key");
	r = line(&l, "4294967295 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.key == -1, "the unsigned spelling of a key");
	r = line(&l, "-2147483648 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.key == INT32_MIN, "the smallest key");
	ok(line(&l, "4294967296 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a key above 32 bits");
	ok(line(&l, "-2147483649 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a key below 32 bits");

	/* 64-bit sizes */
	r = line(&l, "0 0 600 18446744073709551615 0 0 0 0 0 0 0 0 0 0 18446744073709551615 0", &s);
	ok(r == 0 && s.size == UINT64_MAX && s.rss == UINT64_MAX, "the largest 64-bit size");
	ok(line(&l, "0 0 600 18446744073709551616 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1,
	   "a size above 64 bits");
	ok(line(&l, "0 0 600 1 0 0 0 0 0 0 0 0 0 0 99999999999999999999999 0", &s) == -1,
	   "an rss above 64 bits");
	ok(line(&l, "0 0 600 -1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a negative size");
	ok(line(&l, "0 0 600 1 0 0 -1 0 0 0 0 0 0 0 0 0", &s) == -1, "a negative nattch");
	ok(line(&l, "0 -1 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a negative shmid");
	ok(line(&l, "0 2147483648 600 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a shmid above 31 bits");
	ok(line(&l, "0 0 600 1 -5 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a negative cpid");
	ok(line(&l, "0 0 600 1 0 0 0 4294967296 0 0 0 0 0 0 0 0", &s) == -1, "a uid above 32 bits");
	r = line(&l, "0 0 600 1 0 0 0 4294967295 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.uid == UINT32_MAX, "the largest uid");
	r = line(&l, "0 0 600 1 0 0 0 0 0 0 0 -9223372036854775808 0 9223372036854775807 0 0", &s);
	ok(r == 0 && s.atime == INT64_MIN && s.ctime == INT64_MAX, "times at the ends of 64 bits");
	ok(line(&l, "0 0 600 1 0 0 0 0 0 0 0 9223372036854775808 0 0 0 0", &s) == -1,
	   "a time above 64 bits");

	/* perms are octal with the kernel's dest and locked bits */
	r = line(&l, "0 0 3777 1 0 0 0 0 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.mode == 03777, "perms with dest and locked");
	ok(line(&l, "0 0 608 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "perms that are not octal");
	ok(line(&l, "0 0 17777 1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "perms above 07777");

	/* shape */
	ok(line(&l, "0 0 600 1 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a truncated line");
	ok(line(&l, "0 0 600 1 0 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "an extra field");
	ok(line(&l, "", &s) == -1, "an empty line");
	ok(line(&l, "   \t ", &s) == -1, "a blank line");
	ok(line(&l, "0 0 600 1x 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a number with a tail");
	ok(line(&l, "0 0 600 0x10 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a hex number");
	ok(line(&l, "0 0 600 +1 0 0 0 0 0 0 0 0 0 0 0 0", &s) == -1, "a plus sign");
	r = line(&l, "\t0\t7\t600\t1\t0 0 0 0 0 0 0 0 0 0 0 0", &s);
	ok(r == 0 && s.shmid == 7, "tabs separate fields");
	/* the line ends where len says, not at a NUL */
	{
		const char text[] = "0 9 600 1 0 0 0 0 0 0 0 0 0 0 0 0 junk";
		memset(&s, 0, sizeof(s));
		r = procshm_parse_line(&l, text, strlen(text) - 5, &s);
		ok(r == 0 && s.shmid == 9, "a line is bounded by its length");
	}

	/* a header in another order, with columns this version does not know */
	ok(header("shmid size future key perms", &l) == 0 && l.nfields == 5,
	   "a reordered header with an unknown column");
	r = line(&l, "5 4096 whatever-text 0x10 644", &s);
	ok(r == -1, "a key in hex is malformed");
	r = line(&l, "5 4096 whatever-text 16 644", &s);
	ok(r == 0 && s.shmid == 5 && s.size == 4096 && s.key == 16 && s.mode == 0644,
	   "values follow the header's order");
	ok(s.known == (SF_BIT(SF_SHMID) | SF_BIT(SF_SIZE) | SF_BIT(SF_KEY) | SF_BIT(SF_PERMS)),
	   "missing optional columns are unknown (0x%x)", s.known);
	ok(line(&l, "5 4096 16 644", &s) == -1, "an unknown column still needs its field");

	/* headers that cannot work */
	ok(header("", &l) == -1, "an empty header");
	ok(header("key shmid perms", &l) == -1, "a header without size");
	ok(header("shmid perms size", &l) == -1, "a header without key");
	ok(header("key perms size", &l) == -1, "a header without shmid");
	ok(header("key shmid size", &l) == -1, "a header without perms");
	ok(header("key shmid perms size shmid", &l) == -1, "a header naming a field twice");
	ok(header("KEY SHMID PERMS SIZE", &l) == -1, "header names are the kernel's lower case");
	{
		char big[PROCSHM_MAX_FIELDS * 4 + 64] = "key shmid perms size";
		for (int i = 4; i <= PROCSHM_MAX_FIELDS; i++)
			strcat(big, " x");
		ok(header(big, &l) == -1, "a header with more than %d fields", PROCSHM_MAX_FIELDS);
		big[strlen(big) - 2] = '\0';
		ok(header(big, &l) == 0 && l.nfields == PROCSHM_MAX_FIELDS,
		   "a header with exactly %d fields", PROCSHM_MAX_FIELDS);
	}
}

/* --- parse_duration ------------------------------------------------------- */

static void duration_case(const char *s, int want_ok, uint64_t want)
{
	uint64_t v = 0xdeadbeef;
	const char *why = NULL;
	int r = parse_duration(s, &v, &why);

	if (want_ok)
		ok(r == 0 && v == want, "parse_duration(\"%s\") = %" PRIu64 " (got %d, %" PRIu64 ")",
		   s, want, r, v);
	else
		ok(r == -1 && why && *why && v == 0xdeadbeef,
		   "parse_duration(\"%s\") fails and leaves the value (got %d, %s)", s, r,
		   why ? why : "(null)");
}

static void test_duration(void)
{
	duration_case("0", 1, 0);
	duration_case("90", 1, 90);
	duration_case("90s", 1, 90);
	duration_case("15m", 1, 900);
	duration_case("1h", 1, 3600);
	duration_case("7d", 1, 604800);
	duration_case("007d", 1, 604800);
	duration_case("9223372036854775807", 1, INT64_MAX);
	duration_case("9223372036854775807s", 1, INT64_MAX);
	duration_case("106751991167300d", 1, 106751991167300ULL * 86400);
	duration_case("9223372036854775808", 0, 0);
	duration_case("106751991167301d", 0, 0);
	duration_case("153722867280912931m", 0, 0);
	duration_case("99999999999999999999999", 0, 0);
	duration_case("", 0, 0);
	duration_case("h", 0, 0);
	duration_case("-1", 0, 0);
	duration_case("-1h", 0, 0);
	duration_case("+1h", 0, 0);
	duration_case("1H", 0, 0);
	duration_case("1w", 0, 0);
	duration_case("1hh", 0, 0);
	duration_case("1h30m", 0, 0);
	duration_case("1.5h", 0, 0);
	duration_case(" 1h", 0, 0);
	duration_case("1h ", 0, 0);
	duration_case("0x10", 0, 0);
}

int main(void)
{
	test_size();
	test_key();
	test_mode();
	test_id();
	test_duration();
	test_procshm();
	return tap_done();
}
