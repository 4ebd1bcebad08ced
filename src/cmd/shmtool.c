/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nsenter.h"
#include "util.h"

static const struct shm_cmd *const commands[] = {
	&cmd_list,
	&cmd_info,
	&cmd_create,
	&cmd_dump,
	&cmd_write,
	&cmd_rm,
};

static const struct shm_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i]->name, name) == 0 ||
		    (commands[i]->alias && strcmp(commands[i]->alias, name) == 0))
			return commands[i];
	return NULL;
}

static void usage(void)
{
	printf("Usage:\n"
	       " %1$s [options] <command> [<args>]\n"
	       " %1$s                      same as '%1$s list'\n\n"
	       "Inspect and manage System V and POSIX shared memory.\n\n"
	       "Commands:\n",
	       program_invocation_short_name);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-12s %s\n", commands[i]->name, commands[i]->help);
	printf("\nOptions:\n"
	       "  -h, --help            display this help\n"
	       "  -V, --version         display version\n"
	       "  -N, --namespace <pid|container|file>\n"
	       "                        work in the IPC namespace of a process, of a\n"
	       "                        container as CONTAINER shows it, or of an\n"
	       "                        nsfs file such as /proc/PID/ns/ipc\n"
	       "      --list-commands   list the command names, one per line\n\n"
	       "Run '%1$s help <command>' or '%1$s <command> --help' for a command's options.\n",
	       program_invocation_short_name);
}

void bad_option(const char *cmd, int c, char **argv)
{
	const char *arg = argv[optind - 1];
	char shortopt[3] = { '-', (char)optopt, '\0' };

	/* a bundle like -nX names the letter, not the bundle */
	if (optopt && arg[0] == '-' && arg[1] != '-')
		arg = shortopt;
	if (c == ':')
		usage_error(cmd, "option '%s' requires an argument; try '%s %s --help'", arg,
			    program_invocation_short_name, cmd);
	/* getopt_long sets optopt for a known long option given a value it
	 * does not take ("--json=yes"), and 0 for an unknown one */
	if (optopt && arg[0] == '-' && arg[1] == '-' && strchr(arg, '='))
		usage_error(cmd, "option '%.*s' doesn't allow an argument; try '%s %s --help'",
			    (int)(strchr(arg, '=') - arg), arg, program_invocation_short_name, cmd);
	usage_error(cmd, "unrecognized option '%s'; try '%s %s --help'", arg,
		    program_invocation_short_name, cmd);
}

const char *negative_operand(int c, int argc, char **argv)
{
	const char *arg;

	if (c != '?' || optopt < '0' || optopt > '9')
		return NULL;
	/* glibc steps past the element only when the bad letter ended it */
	arg = optind < argc && argv[optind][0] == '-' && argv[optind][1] == optopt
		      ? argv[optind] : argv[optind - 1];
	return arg[0] == '-' && arg[1] == optopt ? arg : NULL;
}

void extra_operand(const char *cmd, const char *arg)
{
	usage_error(cmd, "unexpected argument '%s'; try '%s %s --help'", arg,
		    program_invocation_short_name, cmd);
}

static int run_command(const struct shm_cmd *cmd, int argc, char **argv)
{
	/* each command parses its own options from argv[0] = its name */
	optind = 0;
	return cmd->run(argc, argv);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "list-commands", no_argument, NULL, 'C' },
		{ "namespace", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	const struct shm_cmd *cmd;
	const char *ns = NULL;
	int c;

	setlocale(LC_ALL, "");
	close_stdout_at_exit();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hVN:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", program_invocation_short_name, PACKAGE_VERSION);
			return EXIT_OK;
		case 'C':
			for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
				printf("%s\n", commands[i]->name);
			return EXIT_OK;
		case 'N':
			ns = optarg;
			break;
		case ':':
			usage_error(NULL, "option '%s' requires an argument; try '%s --help'",
				    argv[optind - 1], program_invocation_short_name);
		default:
			usage_error(NULL, "unrecognized option '%s'; try '%s --help'",
				    argv[optind - 1], program_invocation_short_name);
		}
	}
	/* before anything reads the segments, so every command sees that namespace */
	if (ns) {
		char msg[512];
		enum ns_status st = ns_enter(ns, msg, sizeof(msg));

		if (st == NS_BAD_ARG)
			usage_error("-N", "%s", msg);
		if (st != NS_OK)
			errx(EXIT_FAIL, "%s", msg);
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		char *list_argv[] = { (char *)"list", NULL };
		return run_command(&cmd_list, 1, list_argv);
	}
	if (strcmp(argv[0], "help") == 0) {
		char *help_argv[] = { argv[1], (char *)"--help", NULL };
		if (argc < 2) {
			usage();
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
	cmd = find_command(argv[0]);
	if (!cmd)
		usage_error(NULL, "unknown command '%s'; try '%s --help'", argv[0],
			    program_invocation_short_name);
	return run_command(cmd, argc, argv);
}
