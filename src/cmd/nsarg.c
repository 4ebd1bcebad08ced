/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "args.h"
#include "nsarg.h"
#include "util.h"

/* Whether the long option typed as "--NAME" takes its value from the next
 * word. getopt_long accepts an abbreviation, so any option NAME starts
 * counts: "--str -N" gives -N to --string, as getopt will. */
static bool long_takes_next(const struct cmd_options *s, const char *name)
{
	size_t n = strlen(name);

	if (strchr(name, '='))
		return false;
	for (size_t i = 0; i < s->nopts; i++)
		if (s->opts[i].arg == OPT_ARG && s->opts[i].long_name &&
		    strncmp(s->opts[i].long_name, name, n) == 0)
			return true;
	return false;
}

static const struct opt_desc *short_option(const struct cmd_options *s, char c)
{
	for (size_t i = 0; i < s->nopts; i++)
		if (s->opts[i].short_name == c)
			return &s->opts[i];
	return NULL;
}

/* Whether the short bundle "-abc" takes the next word as a value: its
 * first letter with a required value ends it, the value being what follows
 * it or else the next word. */
static bool short_takes_next(const struct cmd_options *s, const char *bundle)
{
	for (const char *p = bundle + 1; *p; p++) {
		const struct opt_desc *d = short_option(s, *p);

		if (d && d->arg == OPT_ARG)
			return p[1] == '\0';
	}
	return false;
}

/* In a bundle of flags such as "-nN" or "-nNPID", the N, or NULL. */
static char *bundled_n(const struct cmd_options *s, char *bundle)
{
	for (char *p = bundle + 1; *p; p++) {
		const struct opt_desc *d;

		if (*p == 'N')
			return p;
		d = short_option(s, *p);
		if (!d || d->arg != OPT_NOARG)
			return NULL;
	}
	return NULL;
}

static const char *next_word(const struct cmd_options *s, int argc, char **argv, int i,
			     const char *opt)
{
	if (i + 1 >= argc)
		usage_error(s->cmd, "option '%s' requires an argument; try '%s %s --help'", opt,
			    program_invocation_short_name, s->cmd);
	return argv[i + 1];
}

/* How many words of argv[i..] the -N at argv[i] takes away (0 to 2),
 * its value in *value; -1 when argv[i] has no -N. A bundle "-nN" loses
 * its N and keeps the rest: 0 when the value was in it, -2 when the
 * value was the next word (which goes). */
static int namespace_at(const struct cmd_options *s, int argc, char **argv, int i,
			const char **value)
{
	char *a = argv[i], *n;
	bool joined;

	if (strncmp(a, "--namespace=", 12) == 0) {
		*value = a + 12;
		return 1;
	}
	if (strcmp(a, "--namespace") == 0) {
		*value = next_word(s, argc, argv, i, a);
		return 2;
	}
	n = bundled_n(s, a);
	if (!n)
		return -1;
	joined = n[1] != '\0';
	*value = joined ? n + 1 : next_word(s, argc, argv, i, "-N");
	if (n == a + 1)
		return joined ? 1 : 2;
	*n = '\0';
	return joined ? 0 : -2;
}

const char *take_namespace(const struct cmd_options *s, int *argc, char **argv)
{
	const char *ns = NULL;
	int i = 1;

	/* a command with no table given (.options) or with -N of its own
	 * keeps its arguments as they are */
	if (!s || short_option(s, 'N'))
		return NULL;
	while (i < *argc) {
		const char *a = argv[i];
		int n;

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0') {
			if (strcmp(a, "--") == 0 || s->in_order)
				break;
			i++;
			continue;
		}
		n = namespace_at(s, *argc, argv, i, &ns);
		if (n != -1) {
			/* -2: the bundle stays, its N's value (the next word) goes */
			int at = n == -2 ? i + 1 : i, drop = n == -2 ? 1 : n;

			memmove(&argv[at], &argv[at + drop],
				(size_t)(*argc - at - drop + 1) * sizeof(*argv));
			*argc -= drop;
			i += n <= 0;
			continue;
		}
		if (a[1] == '-' ? long_takes_next(s, a + 2) : short_takes_next(s, a))
			i++;
		i++;
	}
	return ns;
}
