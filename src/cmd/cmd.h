/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_CMD_H
#define SHMTOOL_CMD_H

#include "args.h"

/* A subcommand: each cmd-*.c exports one of these, shmtool.c tables them. */
struct shm_cmd {
	const char *name;
	const char *alias; /* or NULL */
	int (*run)(int argc, char **argv);
	const char *help;  /* one line for `shmtool --help` */
};

extern const struct shm_cmd cmd_list;
extern const struct shm_cmd cmd_info;
extern const struct shm_cmd cmd_create;
extern const struct shm_cmd cmd_dump;
extern const struct shm_cmd cmd_write;
extern const struct shm_cmd cmd_rm;

/* The one error line for getopt's ':' (missing argument) or '?' (unknown
 * option), with the hint to --help; exits 2. Commands' optstrings start
 * with ':' so the two can be told apart. */
void bad_option(const char *cmd, int c, char **argv) __attribute__((noreturn));

/* When getopt's unknown option c was a negative number typed as an
 * operand ("-5"), that argument; else NULL. */
const char *negative_operand(int c, int argc, char **argv);

/* Extra operands: one error line, exit 2. */
void extra_operand(const char *cmd, const char *arg) __attribute__((noreturn));

#endif
