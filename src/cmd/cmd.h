/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_CMD_H
#define SHMTOOL_CMD_H

#include "args.h"
#include "options.h"

/* The commands: each cmd-NAME.c exports its run function and its option
 * table (for --help and for -N after the command, nsarg.h); shmtool.c's
 * one table of commands names them. */
#define SHM_COMMAND(name) \
	int cmd_##name(int argc, char **argv); \
	extern const struct cmd_options cmd_##name##_options

SHM_COMMAND(list);
SHM_COMMAND(info);
SHM_COMMAND(create);
SHM_COMMAND(dump);
SHM_COMMAND(write);
SHM_COMMAND(rm);
SHM_COMMAND(show);

#endif
