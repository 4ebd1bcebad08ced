/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "options.h"
#include "util.h"

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

/* The global options have no command to name, and their errors never did. */
static void __attribute__((noreturn)) bad_global_option(int c, char **argv)
{
	if (c == ':')
		usage_error(NULL, "option '%s' requires an argument; try '%s --help'",
			    argv[optind - 1], program_invocation_short_name);
	usage_error(NULL, "unrecognized option '%s'; try '%s --help'", argv[optind - 1],
		    program_invocation_short_name);
}

/* Whether the long option typed is one of the table's by its exact name. */
static bool long_option_exists(const struct opt_parser *p, const char *typed)
{
	for (const struct option *o = p->t.longopts; o->name; o++)
		if (optable_long_exact(typed, o->name))
			return true;
	return false;
}

static void __attribute__((noreturn)) bad(const struct opt_parser *p, int c)
{
	const struct cmd_options *s = p->spec;
	const char *typed = p->argv[optind - 1];
	const char *neg;

	/* a prefix missing its value or given one it does not take is
	 * still no option at all */
	if (typed[0] == '-' && typed[1] == '-' && !long_option_exists(p, typed)) {
		optopt = 0;
		c = '?';
	}
	if (!s->cmd)
		bad_global_option(c, p->argv);
	/* getopt takes "-5" for an option: where a number is expected, a negative one */
	if (s->negative_what && (neg = negative_operand(c, p->argc, p->argv)) != NULL)
		usage_error(s->cmd, "invalid %s '%s': %s", s->negative_what, neg, s->negative_why);
	bad_option(s->cmd, c, p->argv);
}

static void opts_start(struct opt_parser *p, const struct cmd_options *spec, int argc,
		       char **argv)
{
	memset(p, 0, sizeof(*p));
	p->spec = spec;
	p->argc = argc;
	p->argv = argv;
	opterr = 0;
	if (optable_build(&p->t, spec->opts, spec->nopts, spec->in_order) < 0)
		errx(EXIT_FAIL, "%s: internal error: a bad option table",
		     spec->cmd ? spec->cmd : "options");
}

static const char *const arg_kinds[] = { "none", "required", "optional" };

/* One line per option, tab-separated and no field empty ("-" for none):
 * LONG SHORT ARG VALUE HELP, ARG none, required or optional. What the
 * completions read. */
static void list_options(const struct cmd_options *s)
{
	for (size_t i = 0; i < s->nopts; i++) {
		const struct opt_desc *d = &s->opts[i];
		char shortopt[3] = { '-', d->short_name, '\0' };

		if ((!d->short_name && !d->long_name) || !d->help)
			continue;
		printf("%s%s\t%s\t%s\t%s\t", d->long_name ? "--" : "", d->long_name ? d->long_name : "-",
		       d->short_name ? shortopt : "-", arg_kinds[d->arg], d->value ? d->value : "-");
		for (const char *h = d->help; *h; h++)
			putchar(*h == '\n' ? ' ' : *h);
		putchar('\n');
	}
	printf("--help\t-h\tnone\t-\tdisplay this help\n");
}

/* A deprecated spelling (an entry with no help, after the one of the same
 * id that has it): one line on stderr naming the spelling to use, and the
 * index of that entry, so the exclusivity checks see the option. */
static int deprecated(const struct opt_parser *p, int i, bool typed_long)
{
	const struct cmd_options *s = p->spec;
	const struct opt_desc *d = &s->opts[i];
	int j = optable_find(s->opts, s->nopts, d->id);

	if (j < 0 || j == i || !s->opts[j].long_name)
		return i;
	if (typed_long)
		fprintf(stderr, "%s: %s: '--%s' is deprecated; use '--%s'\n",
			program_invocation_short_name, s->cmd, d->long_name, s->opts[j].long_name);
	else
		fprintf(stderr, "%s: %s: '-%c' is deprecated; use '--%s'\n",
			program_invocation_short_name, s->cmd, d->short_name, s->opts[j].long_name);
	return j;
}

/* getopt_long takes any unique prefix of a long option for it: "--time"
 * would become --time-format. Only the exact name is that option; the
 * element as typed, its "=value" included, is named in the error. */
static void exact_long_name(const struct opt_parser *p, int longindex)
{
	const struct option *o = &p->t.longopts[longindex];
	const char *typed = p->argv[optind - 1];

	/* a value given as the next element: the option is the one before */
	if (o->has_arg != no_argument && optarg && optarg == typed && optind >= 2)
		typed = p->argv[optind - 2];
	if (optable_long_exact(typed, o->name))
		return;
	optind = (int)(typed == p->argv[optind - 1] ? optind : optind - 1);
	optopt = 0;
	bad(p, '?');
}

/* The index in the table of the next option (its argument in optarg), or
 * -1 after the last one. */
static int opts_next(struct opt_parser *p)
{
	int longindex = -1;
	int c = getopt_long(p->argc, p->argv, p->t.optstring, p->t.longopts, &longindex);
	int i;

	if (c == -1)
		return -1;
	if (longindex >= 0)
		exact_long_name(p, longindex);
	i = c == ':' || c == '?' ? -1 : optable_index(&p->t, c);
	if (i == OPTABLE_HELP) {
		opts_usage(p->spec);
		exit(EXIT_OK);
	}
	if (i == OPTABLE_LIST) {
		list_options(p->spec);
		exit(EXIT_OK);
	}
	if (i < 0)
		bad(p, c);
	if (!p->spec->opts[i].help)
		i = deprecated(p, i, longindex >= 0);
	p->seen[i] = true;
	return i;
}

/* A value not among the choices: "invalid time format 'x': expected
 * short, full, iso or epoch", the option's long name saying what it is. */
static int bad_choice(const struct opt_desc *d, const char *arg, const char *cmd)
{
	char what[64], expected[256];

	snprintf(what, sizeof(what), "%s", d->long_name);
	for (char *p = what; *p; p++)
		if (*p == '-')
			*p = ' ';
	optable_choices_text(d, expected, sizeof(expected));
	return usage_warn(cmd, "invalid %s '%s': expected %s", what, arg, expected);
}

/* What the row of an option given says to do with it. */
static int store(const struct opt_desc *d, void *ctl, const char *arg, const char *cmd)
{
	char *at = (char *)ctl + d->offset;

	switch (d->store) {
	case OPT_STORE_NONE:
		break;
	case OPT_STORE_TRUE:
	case OPT_STORE_FALSE:
		*(bool *)at = d->store == OPT_STORE_TRUE;
		break;
	case OPT_STORE_PATH:
		if (!*arg)
			return usage_warn(cmd, "option '--%s' needs a file name", d->long_name);
		/* fall through */
	case OPT_STORE_STR:
		*(const char **)at = arg;
		break;
	case OPT_STORE_SIZE:
		if (d->given)
			*(bool *)((char *)ctl + d->given - 1) = true;
		return size_arg(cmd, arg, (uint64_t *)at);
	case OPT_STORE_CHOICE:
		if (optable_choice(d, arg) < 0)
			return bad_choice(d, arg, cmd);
		*(int *)at = optable_choice(d, arg);
		break;
	case OPT_STORE_CALL:
		return d->call(at, d->id, arg, cmd);
	}
	return 0;
}

int opts_parse(struct opt_parser *p, const struct cmd_options *spec, void *ctl, int argc,
	       char **argv)
{
	int i, rc;

	opts_start(p, spec, argc, argv);
	while ((i = opts_next(p)) != -1)
		if ((rc = store(&spec->opts[i], ctl, optarg, spec->cmd)) != 0)
			return rc;
	return 0;
}

static const char *opt_name(const struct opt_desc *d, char *buf)
{
	if (d->long_name) {
		snprintf(buf, 64, "--%s", d->long_name);
	} else {
		buf[0] = '-';
		buf[1] = d->short_name;
		buf[2] = '\0';
	}
	return buf;
}

void opts_exclusive(const struct opt_parser *p)
{
	const struct cmd_options *s = p->spec;
	char na[64], nb[64];
	size_t a, b;

	if (optable_exclusive(s->opts, s->nopts, s->excl, s->nexcl, p->seen, &a, &b))
		usage_error(s->cmd, "%s and %s are mutually exclusive", opt_name(&s->opts[a], na),
			    opt_name(&s->opts[b], nb));
}

void opts_end(const struct opt_parser *p)
{
	if (optind < p->argc)
		extra_operand(p->spec->cmd, p->argv[optind]);
	opts_exclusive(p);
}

/* " -k, --key <key>" then the help from the column on, its further lines
 * indented to the column too; a long left side puts the help below. */
static void print_option(const struct cmd_options *s, const struct opt_desc *d)
{
	int indent = s->indent ? s->indent : 1, column = s->column ? s->column : 26;
	int n = printf("%*s", indent, "");

	if (d->short_name || d->long_name)
		n += d->short_name ? printf("-%c%s", d->short_name, d->long_name ? ", " : "")
				   : printf("    ");
	if (d->long_name)
		n += printf("--%s", d->long_name);
	if (d->value)
		n += printf(d->arg == OPT_OPTARG ? "[=%s]" : !d->long_name && !d->short_name
			    ? "%s" : " %s", d->value);
	if (n >= column) {
		putchar('\n');
		n = 0;
	}
	for (const char *h = d->help; *h; h++) {
		if (n >= 0)
			printf("%*s", column - n, "");
		n = -1;
		putchar(*h);
		if (*h == '\n')
			n = 0;
	}
	putchar('\n');
}

void opts_print_options(const struct cmd_options *s)
{
	static const struct opt_desc help = { 'h', 'h', "help", OPT_NOARG, NULL, "display this help", NULL };
	bool help_done = false;

	for (size_t i = 0; i < s->nopts; i++) {
		/* a deprecated spelling: works, but is no longer shown */
		if (!s->opts[i].help)
			continue;
		if (s->opts[i].section) {
			/* --help closes the first section */
			if (i > 0 && !help_done) {
				print_option(s, &help);
				help_done = true;
			}
			printf("\n%s\n", s->opts[i].section);
		}
		print_option(s, &s->opts[i]);
	}
	if (!help_done)
		print_option(s, &help);
}

/* The text with each %1$s the program's name: the usage's only format. */
static void put_text(const char *text)
{
	static const char prog[] = "%1$s";
	const char *p;

	while ((p = strstr(text, prog)) != NULL) {
		fwrite(text, 1, (size_t)(p - text), stdout);
		fputs(program_invocation_short_name, stdout);
		text = p + strlen(prog);
	}
	fputs(text, stdout);
}

void opts_usage(const struct cmd_options *s)
{
	fputs("Usage:\n", stdout);
	put_text(s->usage);
	if (s->usage_more)
		s->usage_more();
	opts_print_options(s);
	if (s->footer) {
		putchar('\n');
		put_text(s->footer);
	}
}
