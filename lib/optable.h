/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_OPTABLE_H
#define SHMTOOL_OPTABLE_H

/* A command's options as one table, in the manner of git's parse-options
 * and util-linux's optutils.h: the getopt optstring and longopts, the
 * usage text, the exclusivity checks and --list-options all come from it.
 * This part is pure (no I/O): building the getopt tables, mapping what
 * getopt returned back to the table, and finding two options of one
 * exclusive group. src/cmd/options.c does the parsing and printing. */

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

enum opt_arg { OPT_NOARG, OPT_ARG, OPT_OPTARG };

struct opt_desc {
	int id;               /* what the parser returns; 0: a usage line only */
	char short_name;      /* or 0 */
	const char *long_name; /* or NULL */
	enum opt_arg arg;
	const char *value;    /* the value's name in the usage ("<size>") */
	const char *help;     /* its lines, separated by '\n' */
	const char *section;  /* starts a usage section with this title */
};

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

/* The index in the table of option id, or -1. */
int optable_find(const struct opt_desc *opts, size_t nopts, int id);

/* Given seen[i] for each index i of opts: the first group of excl, in
 * order, with two options given. Returns 1 and their indices (in group
 * order) in *a and *b, or 0 when every group is kept. An id that is not
 * in the table is ignored. */
int optable_exclusive(const struct opt_desc *opts, size_t nopts, const struct opt_excl *excl,
		      size_t nexcl, const bool *seen, size_t *a, size_t *b);

#endif
