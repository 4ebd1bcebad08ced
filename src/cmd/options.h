/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_OPTIONS_H
#define SHMTOOL_OPTIONS_H

/* Parsing a command's options from its one table (lib/optable.h): getopt
 * in argv order, each value stored where its row says or handed to its
 * call, -h/--help and the hidden --list-options answered here, every bad
 * option one error line and exit 2, and the exclusivity checks. */

#include <stdbool.h>
#include "optable.h"

struct cmd_options {
	const char *cmd;    /* "info"; NULL for the global options */
	const char *usage;  /* after "Usage:\n", up to the options, each %1$s the program's name */
	void (*usage_more)(void); /* prints what follows usage, or NULL */
	const char *footer; /* after them, the same way, or NULL */
	const struct opt_desc *opts;
	size_t nopts;
	const struct opt_excl *excl;
	size_t nexcl;
	/* "-5" typed where a number is expected: "invalid WHAT '-5': WHY";
	 * without negative_what an unrecognized option */
	const char *negative_what, *negative_why;
	bool in_order;      /* stop at the first operand */
	int indent, column; /* of the usage's option lines; 0: 1 and 26 */
};

#define OPTS(a) (a), (sizeof(a) / sizeof((a)[0]))

/* What every command's cmd_options says the same way, first in it: its
 * name (cmdname), its option table (options) and its exclusive groups,
 * given here as the initializers of an array of struct opt_excl. What is
 * the command's own follows: .usage, .footer, .negative_what... */
#define CMD_OPTIONS(...) \
	.cmd = cmdname, .opts = OPTS(options), \
	.excl = OPTS(((const struct opt_excl[]){ __VA_ARGS__ }))

struct opt_parser {
	const struct cmd_options *spec;
	struct optable t;
	bool seen[OPTABLE_MAX];
	int argc;
	char **argv;
};

/* Parses the options of argv, in argv order, into ctl (the command's
 * control struct, which the rows' offsets point into). --help prints the
 * usage and --list-options the options, and exit 0; a bad option exits 2.
 * Returns 0, the operands starting at optind, or the exit status an
 * option's value or call gave after its error line. */
int opts_parse(struct opt_parser *p, const struct cmd_options *spec, void *ctl, int argc,
	       char **argv);

/* Two options of one exclusive group given: the usage error, exit 2. */
void opts_exclusive(const struct opt_parser *p);

/* After the operands the command took (up to optind): one left over is
 * extra_operand(), then opts_exclusive(). */
void opts_end(const struct opt_parser *p);

void opts_usage(const struct cmd_options *spec);

/* The option lines of the usage, sections and -h, --help included. */
void opts_print_options(const struct cmd_options *spec);

/* The one error line for getopt's ':' (missing argument) or '?' (unknown
 * option), with the hint to --help; exits 2. */
void bad_option(const char *cmd, int c, char **argv) __attribute__((noreturn));

/* When getopt's unknown option c was a negative number typed as an
 * operand ("-5"), that argument; else NULL. */
const char *negative_operand(int c, int argc, char **argv);

/* Extra operands: one error line, exit 2. */
void extra_operand(const char *cmd, const char *arg) __attribute__((noreturn));

#endif
