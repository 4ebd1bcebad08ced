/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The option table, without I/O: the getopt tables it builds, what it
 * refuses to build, and the exclusive groups. Prints TAP. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "c.h"
#include "optable.h"

static int n_tests, n_failed;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n_tests++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

enum { O_KEY = 1, O_PRIVATE, O_HUGE, O_JSON, O_RAW, O_POSIX };

static const struct opt_desc table[] = {
	{ O_KEY, 'k', "key", OPT_ARG, "<key>", "the key", "Options:" },
	{ O_PRIVATE, 0, "private", OPT_NOARG, NULL, "private", NULL },
	{ 0, 0, NULL, OPT_NOARG, "-", "a usage line only", NULL },
	{ O_HUGE, 0, "hugetlb", OPT_OPTARG, "<size>", "huge", NULL },
	{ O_JSON, 'J', "json", OPT_NOARG, NULL, "json", NULL },
	{ O_RAW, 'r', NULL, OPT_NOARG, NULL, "raw, short only", NULL },
	{ O_POSIX, 0, "posix", OPT_ARG, "<name>", "posix", NULL },
};

static const struct option *find_long(const struct optable *t, const char *name)
{
	for (const struct option *o = t->longopts; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

static void test_build(void)
{
	struct optable t;
	const struct option *o;
	size_t n = 0;

	ok(optable_build(&t, table, ARRAY_SIZE(table), false) == 0, "the table builds");
	ok(strcmp(t.optstring, ":k:Jrh") == 0, "optstring ':k:Jrh' (got '%s')", t.optstring);
	for (o = t.longopts; o->name; o++)
		n++;
	ok(n == 7, "5 long options, --help and --list-options (got %zu)", n);
	o = find_long(&t, "key");
	ok(o && o->has_arg == required_argument && o->val == 'k', "--key takes a value, returns 'k'");
	o = find_long(&t, "hugetlb");
	ok(o && o->has_arg == optional_argument && o->val >= OPTABLE_LONG_VAL,
	   "--hugetlb takes an optional value and returns a code above the letters");
	ok(o && optable_index(&t, o->val) == 3, "--hugetlb maps back to its index");
	o = find_long(&t, "private");
	ok(o && optable_index(&t, o->val) == 1 && o->has_arg == no_argument, "--private: index 1");
	ok(optable_index(&t, 'k') == 0, "-k maps to index 0");
	ok(optable_index(&t, 'r') == 5, "-r (short only) maps to index 5");
	ok(optable_index(&t, 'h') == OPTABLE_HELP, "-h is the help");
	o = find_long(&t, "list-options");
	ok(o && optable_index(&t, o->val) == OPTABLE_LIST, "--list-options is the listing");
	ok(optable_index(&t, 'x') == -1 && optable_index(&t, '?') == -1, "unknown letters map to -1");
	ok(optable_build(&t, table, ARRAY_SIZE(table), true) == 0 && t.optstring[0] == '+',
	   "in order: the optstring starts with '+' (got '%s')", t.optstring);
	ok(optable_find(table, ARRAY_SIZE(table), O_POSIX) == 6, "optable_find finds --posix");
	ok(optable_find(table, ARRAY_SIZE(table), 0) == -1, "id 0 (a usage line) is no option");
}

static void refused(const struct opt_desc *d, size_t n, const char *what)
{
	struct optable t;

	ok(optable_build(&t, d, n, false) < 0, "refused: %s", what);
}

static void test_refused(void)
{
	static const struct opt_desc twice_short[] = {
		{ 1, 'k', "key", OPT_ARG, NULL, "", NULL }, { 2, 'k', "kay", OPT_ARG, NULL, "", NULL },
	};
	static const struct opt_desc twice_long[] = {
		{ 1, 'k', "key", OPT_ARG, NULL, "", NULL }, { 2, 0, "key", OPT_ARG, NULL, "", NULL },
	};
	static const struct opt_desc own_help[] = { { 1, 0, "help", OPT_NOARG, NULL, "", NULL } };
	static const struct opt_desc own_h[] = { { 1, 'h', "human", OPT_NOARG, NULL, "", NULL } };
	static const struct opt_desc own_list[] = {
		{ 1, 0, "list-options", OPT_NOARG, NULL, "", NULL },
	};
	static const struct opt_desc colon[] = { { 1, ':', "colon", OPT_NOARG, NULL, "", NULL } };
	static const struct opt_desc question[] = { { 1, '?', NULL, OPT_NOARG, NULL, "", NULL } };
	static const struct opt_desc no_id[] = { { 0, 'x', "x", OPT_NOARG, NULL, "", NULL } };
	static const struct opt_desc short_optarg[] = { { 1, 'x', "x", OPT_OPTARG, NULL, "", NULL } };
	struct opt_desc many[OPTABLE_MAX];

	refused(twice_short, 2, "a short letter twice");
	refused(twice_long, 2, "a long name twice");
	refused(own_help, 1, "a --help of its own");
	refused(own_h, 1, "an -h of its own");
	refused(own_list, 1, "a --list-options of its own");
	refused(no_id, 1, "an option without an id");
	refused(colon, 1, "the letter ':', getopt's own");
	refused(question, 1, "the letter '?', getopt's own");
	refused(short_optarg, 1, "an optional value on a short option");
	memset(many, 0, sizeof(many));
	for (size_t i = 0; i < ARRAY_SIZE(many); i++)
		many[i].id = (int)i + 1, many[i].help = "";
	refused(many, ARRAY_SIZE(many), "more options than fit");
}

static void test_exclusive(void)
{
	static const struct opt_excl excl[] = {
		{ { O_KEY, O_PRIVATE } },
		{ { O_POSIX, O_KEY, O_PRIVATE, O_HUGE } },
		{ { O_JSON, O_RAW } },
	};
	bool seen[ARRAY_SIZE(table)] = { false };
	size_t a = 99, b = 99;

	ok(!optable_exclusive(table, ARRAY_SIZE(table), excl, ARRAY_SIZE(excl), seen, &a, &b),
	   "nothing given: no conflict");
	seen[0] = seen[4] = true;
	ok(!optable_exclusive(table, ARRAY_SIZE(table), excl, ARRAY_SIZE(excl), seen, &a, &b),
	   "--key and --json: no conflict");
	seen[5] = true;
	ok(optable_exclusive(table, ARRAY_SIZE(table), excl, ARRAY_SIZE(excl), seen, &a, &b) &&
		   a == 4 && b == 5, "--json and -r: a conflict, in group order (got %zu %zu)", a, b);
	seen[1] = true;
	ok(optable_exclusive(table, ARRAY_SIZE(table), excl, ARRAY_SIZE(excl), seen, &a, &b) &&
		   a == 0 && b == 1, "the first group wins: --key and --private (got %zu %zu)", a, b);
	memset(seen, 0, sizeof(seen));
	seen[3] = seen[6] = true;
	ok(optable_exclusive(table, ARRAY_SIZE(table), excl, ARRAY_SIZE(excl), seen, &a, &b) &&
		   a == 6 && b == 3, "--posix and --hugetlb, named in group order (got %zu %zu)", a, b);
}

static void test_long_exact(void)
{
	ok(optable_long_exact("--time-format", "time-format"), "the exact name");
	ok(optable_long_exact("--time-format=iso", "time-format"), "the exact name with =value");
	ok(optable_long_exact("--json=", "json"), "the exact name with an empty value");
	ok(!optable_long_exact("--time", "time-format"), "a prefix is not the option");
	ok(!optable_long_exact("--time=iso", "time-format"), "a prefix with =value is not the option");
	ok(!optable_long_exact("--time-formats", "time-format"), "a longer name is not the option");
	ok(!optable_long_exact("-time-format", "time-format"), "one dash is no long option");
	ok(!optable_long_exact("--", "time-format"), "-- alone is no option");
	ok(!optable_long_exact("--=x", "x"), "an empty name is no option");
}

int main(void)
{
	test_build();
	test_refused();
	test_exclusive();
	test_long_exact();
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
