/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NSARG_H
#define SHMTOOL_NSARG_H
/* -N/--namespace is a global option, but `shmtool list -N PID` is how a
 * user of lsipc or nsenter types it: the dispatcher takes it out of the
 * command's arguments before the command parses them. */
#include "options.h"

/* Removes every -N VALUE, -NVALUE, --namespace VALUE and --namespace=VALUE
 * from the command's arguments argv[1..*argc-1] (never a value of one of
 * the command's own options, nor anything after "--") and returns the last
 * VALUE, or NULL when there is none (or spec is NULL). A -N without its value is the usage
 * error of a missing argument (exit 2). */
const char *take_namespace(const struct cmd_options *spec, int *argc, char **argv);

#endif
