/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_OPTABLE_H
#define SHMTOOL_OPTABLE_H

/* A command's options as one table, in the manner of git's parse-options
 * and util-linux's optutils.h: the getopt optstring and longopts, the
 * usage text, the exclusivity checks, --list-options and where each
 * option's value goes all come from it. This part is pure (no I/O):
 * building the getopt tables, mapping what getopt returned back to the
 * table, and finding two options of one exclusive group.
 * src/cmd/options.c does the parsing, storing and printing. */

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

enum opt_arg { OPT_NOARG, OPT_ARG, OPT_OPTARG };

/* What the parser does with an option given, as git's OPT_BOOL and
 * OPT_STRING: a value stored at an offset into the command's control
 * struct, or a call for an option that needs logic. */
enum opt_store {
	OPT_STORE_NONE,  /* nothing (the option matters only to the exclusive groups) */
	OPT_STORE_TRUE,  /* bool = true */
	OPT_STORE_FALSE, /* bool = false */
	OPT_STORE_STR,   /* const char * = the value */
	OPT_STORE_PATH,  /* the same, and an empty value is a usage error */
	OPT_STORE_SIZE,  /* uint64_t = the value as a size; the bool at given, if any, = true */
	OPT_STORE_CHOICE, /* an enum (int-sized) = the index of the value in choices */
	OPT_STORE_CALL,  /* call(the struct at offset, id, value, the command's name) */
};

/* An option that needs logic: 0, or the exit status after its error line. */
typedef int opt_call_fn(void *dst, int id, const char *arg, const char *cmd);

struct opt_desc {
	int id;               /* names the option to the exclusive groups, to its
			       * deprecated spellings and to its call; 0: a usage
			       * line only */
	char short_name;      /* or 0 */
	const char *long_name; /* or NULL */
	enum opt_arg arg;
	const char *value;    /* the value's name in the usage ("<size>") */
	const char *help;     /* its lines, separated by '\n' */
	const char *section;  /* starts a usage section with this title */
	enum opt_store store; /* what a given option does (OPT_STORE_NONE when omitted) */
	size_t offset;        /* where, in the command's control struct */
	size_t given;         /* OPT_STORE_SIZE: 1 + the offset of the bool that says it
			       * was given, or 0 for none */
	opt_call_fn *call;    /* OPT_STORE_CALL */
	const char *const *choices; /* OPT_STORE_CHOICE: the values, NULL-terminated */
};

/* The last fields of a row, after its section: where the value goes. */
#define OPT_TRUE(type, field) .store = OPT_STORE_TRUE, .offset = offsetof(type, field)
#define OPT_FALSE(type, field) .store = OPT_STORE_FALSE, .offset = offsetof(type, field)
#define OPT_STR(type, field) .store = OPT_STORE_STR, .offset = offsetof(type, field)
#define OPT_PATH(type, field) .store = OPT_STORE_PATH, .offset = offsetof(type, field)
#define OPT_SIZE(type, field) .store = OPT_STORE_SIZE, .offset = offsetof(type, field)
#define OPT_SIZE_GIVEN(type, field, has) OPT_SIZE(type, field), .given = offsetof(type, has) + 1
/* The field must be int-sized: an enum of small values, as GCC and Clang lay it out. */
#define OPT_CHOICE(type, field, list) \
	.store = OPT_STORE_CHOICE, .choices = (list), \
	.offset = offsetof(type, field) + \
		  0 * sizeof(char[sizeof(((type *)0)->field) == sizeof(int) ? 1 : -1])
#define OPT_CALL(fn) .store = OPT_STORE_CALL, .call = (fn)
#define OPT_CALL_AT(fn, type, field) OPT_CALL(fn), .offset = offsetof(type, field)

/* A group of options of which at most one may be given: ids, 0-terminated. */
#define OPT_EXCL_MAX 6
struct opt_excl {
	int ids[OPT_EXCL_MAX];
};

/* Options per table, the built-in --help and --list-options included. */
#define OPTABLE_MAX 48

/* What getopt_long needs; longopts val is the short letter when there is
 * one, else OPTABLE_LONG_VAL + the index in the table. */
#define OPTABLE_LONG_VAL 0x100
enum { OPTABLE_HELP = -2, OPTABLE_LIST = -3 };

struct optable {
	const struct opt_desc *opts;
	size_t nopts;
	char optstring[3 * OPTABLE_MAX + 3];
	struct option longopts[OPTABLE_MAX + 1];
};

/* Builds t from opts, adding -h/--help and --list-options. in_order: stop
 * at the first operand ('+'). Returns -1 when the table has too many
 * options, a short letter or long name twice, 'h', "help" or
 * "list-options" of its own, a letter getopt reserves (":?+-"), an
 * optional value on a short option, or an id below 1 on an option. */
int optable_build(struct optable *t, const struct opt_desc *opts, size_t nopts, bool in_order);

/* The index in the table of what getopt_long returned, OPTABLE_HELP,
 * OPTABLE_LIST, or -1 when it names no option of the table. */
int optable_index(const struct optable *t, int c);

/* Whether typed, an argument as given ("--time=iso"), names the long
 * option name exactly, not by a prefix of it. */
bool optable_long_exact(const char *typed, const char *name);

/* The index of arg in d->choices, or -1. */
int optable_choice(const struct opt_desc *d, const char *arg);

/* d->choices as a user reads them, "hex, raw or string", into buf. */
void optable_choices_text(const struct opt_desc *d, char *buf, size_t size);

/* The index in the table of option id, or -1. */
int optable_find(const struct opt_desc *opts, size_t nopts, int id);

/* Given seen[i] for each index i of opts: the first group of excl, in
 * order, with two options given. Returns 1 and their indices (in group
 * order) in *a and *b, or 0 when every group is kept. An id that is not
 * in the table is ignored. */
int optable_exclusive(const struct opt_desc *opts, size_t nopts, const struct opt_excl *excl,
		      size_t nexcl, const bool *seen, size_t *a, size_t *b);

#endif
