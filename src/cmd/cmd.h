/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_CMD_H
#define SHMTOOL_CMD_H

#include "args.h"
#include "options.h"

/* A subcommand: each cmd-*.c exports one of these, shmtool.c tables them. */
struct shm_cmd {
	const char *name;
	const char *alias; /* or NULL */
	int (*run)(int argc, char **argv);
	const char *help;  /* one line for `shmtool --help` */
	const struct cmd_options *options; /* its option table, for -N (nsarg.h) */
};

extern const struct shm_cmd cmd_list;
extern const struct shm_cmd cmd_info;
extern const struct shm_cmd cmd_create;
extern const struct shm_cmd cmd_dump;
extern const struct shm_cmd cmd_write;
extern const struct shm_cmd cmd_rm;
extern const struct shm_cmd cmd_show;

#endif
