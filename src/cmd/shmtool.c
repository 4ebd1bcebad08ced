/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "options.h"
#include "nsarg.h"
#include "nsenter.h"
#include "state.h"
#include "util.h"

/* At exit: a failed write on stdout (full disk, closed descriptor) is an
 * error, exit 1. */
static void close_stdout(void)
{
	int prev_errors = ferror(stdout);
	bool pending = __fpending(stdout) != 0;

	/* fclose flushes; either a pending error or a failing flush means
	 * the user did not get the whole output. A stdout that was closed
	 * before we started fails the close with EBADF: no error when there
	 * was nothing to write to it (as gnulib's close_stdout). */
	errno = 0;
	if ((fclose(stdout) != 0 && (pending || errno != EBADF)) || prev_errors) {
		if (!errno)
			errno = out_write_errno();
		if (errno)
			warn("write error");
		else
			warnx("write error");
		_exit(EXIT_FAIL);
	}
	/* stderr stays open: what runs after us at exit (a sanitizer's
	 * report) must still be able to say something */
	if (fflush(stderr) != 0)
		_exit(EXIT_FAIL);
}

/* A subcommand: its names, what runs it, its option table and its line in
 * `shmtool --help`. */
struct shm_cmd {
	const char *name;
	const char *alias; /* or NULL */
	int (*run)(int argc, char **argv);
	const struct cmd_options *options;
	const char *help;
};

#define COMMAND(name, alias, fn, help) { name, alias, cmd_##fn, &cmd_##fn##_options, help }

/* list first: the default command */
static const struct shm_cmd commands[] = {
	COMMAND("list", "ls", list, "list segments (the default command)"),
	COMMAND("info", NULL, info, "show limits and usage"),
	COMMAND("create", NULL, create, "create a segment and print its shmid"),
	COMMAND("attach-dump", "dump", dump,
		"print the bytes of a segment (hex as hexdump -C, raw, string)"),
	COMMAND("write", NULL, write,
		"write a string, a file, standard input or a fill byte into a segment"),
	COMMAND("rm", NULL, rm, "remove segments"),
	COMMAND("show", NULL, show, "show one segment or object as a record, with what rm would do"),
};

static const struct shm_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0 ||
		    (commands[i].alias && strcmp(commands[i].alias, name) == 0))
			return &commands[i];
	return NULL;
}

static void list_commands(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		const struct shm_cmd *c = &commands[i];
		int w = printf("  %s%s%s", c->name, c->alias ? ", " : "", c->alias ? c->alias : "");
		printf("%*s%s\n", w < 21 ? 21 - w : 1, "", c->help);
	}
}

enum { OPT_VERSION = 1, OPT_NAMESPACE, OPT_LIST_COMMANDS };

/* What the global options say: the namespace of -N before the command. */
struct global_args {
	const char *ns;
};

/* --version and --list-commands answer, and that is all. */
static int __attribute__((noreturn)) global_option(void *args, int id, const char *arg,
						   const char *cmd)
{
	(void)args;
	(void)arg;
	(void)cmd;
	if (id == OPT_VERSION)
		printf("%s %s\n", program_invocation_short_name, PACKAGE_VERSION);
	for (size_t i = 0; id == OPT_LIST_COMMANDS && i < ARRAY_SIZE(commands); i++)
		printf("%s\n", commands[i].name);
	exit(EXIT_OK);
}

static const struct opt_desc global_opts[] = {
	{ OPT_VERSION, 'V', "version", OPT_NOARG, NULL, "display version", "Options:",
	  OPT_CALL(global_option) },
	{ OPT_NAMESPACE, 'N', "namespace", OPT_ARG, "<pid|container|file>",
	  "work in the IPC namespace of a process, of a\n"
	  "container as CONTAINER shows it, or of an\n"
	  "nsfs file such as /proc/PID/ns/ipc", NULL, OPT_STR(struct global_args, ns) },
	{ OPT_LIST_COMMANDS, 0, "list-commands", OPT_NOARG, NULL,
	  "list the command names, one per line", NULL, OPT_CALL(global_option) },
};

static const struct cmd_options global_spec = {
	.cmd = NULL,
	.usage = " %1$s [options] <command> [<args>]\n"
		 " %1$s                      same as '%1$s list'\n\n"
		 "Inspect and manage System V and POSIX shared memory.\n\n"
		 "Commands:\n",
	.usage_more = list_commands,
	.footer = "Run '%1$s help <command>', '%1$s --help <command>' or\n"
		  "'%1$s <command> --help' for a command's options.\n",
	.opts = OPTS(global_opts),
	.in_order = true,
	.indent = 2,
	.column = 24,
};

static int run_command(const struct shm_cmd *cmd, int argc, char **argv)
{
	int rc;

	/* each command parses its own options from argv[0] = its name */
	optind = 0;
	rc = cmd->run(argc, argv);
	/* what the modules kept for the command (caches, pools, /proc) */
	state_release();
	return rc;
}

/* help [CMD] and --help [CMD]: argv[0] is "help" or "--help". */
static int help_command(int argc, char **argv)
{
	const struct shm_cmd *cmd;
	char *help_argv[] = { argv[1], (char *)"--help", NULL };

	if (argc < 2) {
		opts_usage(&global_spec);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		usage_error(NULL, "unknown command '%s'; try '%s --help'", argv[1],
			    program_invocation_short_name);
	if (argc > 2)
		usage_error(NULL, "help: unexpected argument '%s'; try '%s --help'", argv[2],
			    program_invocation_short_name);
	return run_command(cmd, 2, help_argv);
}

/* Before anything reads the segments, so every command sees that namespace. */
static void enter_namespace(const char *ns)
{
	char msg[512];
	enum ns_status st;

	if (!ns)
		return;
	st = ns_enter(ns, msg, sizeof(msg));
	if (st == NS_BAD_ARG)
		usage_error("-N", "%s", msg);
	if (st != NS_OK)
		errx(EXIT_FAIL, "%s", msg);
}

/* The parts of the locale shmtool uses: the character set (what a cell
 * may show as itself, and its width), month and day names in times, and
 * the language of the system's error messages. Each category is a file to
 * load where there is no locale archive; the other nine would be read for
 * nothing on every run. Numbers are always printed in the C way. */
static void use_locale(void)
{
	setlocale(LC_CTYPE, "");
	setlocale(LC_TIME, "");
	setlocale(LC_MESSAGES, "");
}

int main(int argc, char **argv)
{
	const struct shm_cmd *cmd;
	struct global_args g = { NULL };
	struct opt_parser p;

	use_locale();
	atexit(close_stdout);
	/* --help CMD is help CMD */
	if (argc > 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return help_command(argc - 1, argv + 1);
	opts_parse(&p, &global_spec, &g, argc, argv);
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		char *list_argv[] = { (char *)"list", NULL };

		enter_namespace(g.ns);
		return run_command(&commands[0], 1, list_argv); /* list */
	}
	if (strcmp(argv[0], "help") == 0)
		return help_command(argc, argv);
	cmd = find_command(argv[0]);
	if (!cmd)
		usage_error(NULL, "unknown command '%s'; try '%s --help'", argv[0],
			    program_invocation_short_name);
	/* -N after the command, as `shmtool list -N PID`; the later one wins */
	const char *after = take_namespace(cmd->options, &argc, argv);
	enter_namespace(after ? after : g.ns);
	return run_command(cmd, argc, argv);
}
