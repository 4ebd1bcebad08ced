/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "optable.h"

static bool is_option(const struct opt_desc *d)
{
	return d->short_name || d->long_name;
}

/* A short letter or long name given twice, or one the table reserves. */
static bool clashes(const struct opt_desc *opts, size_t i)
{
	const struct opt_desc *d = &opts[i];

	/* the letters getopt gives a meaning of its own: ':', '?', '+', '-' */
	if (d->short_name == 'h' || (d->short_name && strchr(":?+-", d->short_name)) ||
	    (d->long_name && (strcmp(d->long_name, "help") == 0 ||
			      strcmp(d->long_name, "list-options") == 0)))
		return true;
	for (size_t j = 0; j < i; j++) {
		if (d->short_name && opts[j].short_name == d->short_name)
			return true;
		if (d->long_name && opts[j].long_name && strcmp(opts[j].long_name, d->long_name) == 0)
			return true;
	}
	return false;
}

static void add_long(struct optable *t, size_t *n, const char *name, int has_arg, int val)
{
	t->longopts[*n] = (struct option){ name, has_arg, NULL, val };
	(*n)++;
}

int optable_build(struct optable *t, const struct opt_desc *opts, size_t nopts, bool in_order)
{
	static const int has_arg[] = { no_argument, required_argument, optional_argument };
	char *s = t->optstring;
	size_t nlong = 0;

	if (nopts > OPTABLE_MAX - 2)
		return -1;
	t->opts = opts;
	t->nopts = nopts;
	if (in_order)
		*s++ = '+';
	*s++ = ':'; /* a missing argument is ':', told apart from an unknown '?' */
	for (size_t i = 0; i < nopts; i++) {
		const struct opt_desc *d = &opts[i];

		if (!is_option(d))
			continue;
		if (d->id < 1 || clashes(opts, i) || (d->short_name && d->arg == OPT_OPTARG))
			return -1;
		if (d->short_name) {
			*s++ = d->short_name;
			if (d->arg == OPT_ARG)
				*s++ = ':';
		}
		if (d->long_name)
			add_long(t, &nlong, d->long_name, has_arg[d->arg],
				 d->short_name ? d->short_name : OPTABLE_LONG_VAL + (int)i);
	}
	*s++ = 'h';
	*s = '\0';
	add_long(t, &nlong, "help", no_argument, 'h');
	add_long(t, &nlong, "list-options", no_argument, OPTABLE_LONG_VAL + (int)nopts);
	t->longopts[nlong] = (struct option){ NULL, 0, NULL, 0 };
	return 0;
}

int optable_index(const struct optable *t, int c)
{
	if (c == 'h')
		return OPTABLE_HELP;
	if (c == OPTABLE_LONG_VAL + (int)t->nopts)
		return OPTABLE_LIST;
	if (c >= OPTABLE_LONG_VAL && c < OPTABLE_LONG_VAL + (int)t->nopts)
		return c - OPTABLE_LONG_VAL;
	for (size_t i = 0; c > 0 && c < OPTABLE_LONG_VAL && i < t->nopts; i++)
		if (t->opts[i].short_name == c)
			return (int)i;
	return -1;
}

bool optable_long_exact(const char *typed, const char *name)
{
	size_t n;

	if (strncmp(typed, "--", 2) != 0)
		return false;
	typed += 2;
	n = strcspn(typed, "=");
	return n == strlen(name) && strncmp(typed, name, n) == 0;
}

int optable_choice(const struct opt_desc *d, const char *arg)
{
	for (int i = 0; d->choices[i]; i++)
		if (strcmp(d->choices[i], arg) == 0)
			return i;
	return -1;
}

void optable_choices_text(const struct opt_desc *d, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; d->choices[i] && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i == 0 ? "" :
				      d->choices[i + 1] ? ", " : " or ", d->choices[i]);
}

int optable_find(const struct opt_desc *opts, size_t nopts, int id)
{
	for (size_t i = 0; i < nopts; i++)
		if (opts[i].id == id && is_option(&opts[i]))
			return (int)i;
	return -1;
}

int optable_exclusive(const struct opt_desc *opts, size_t nopts, const struct opt_excl *excl,
		      size_t nexcl, const bool *seen, size_t *a, size_t *b)
{
	for (size_t g = 0; g < nexcl; g++) {
		int first = -1;

		for (size_t k = 0; k < OPT_EXCL_MAX && excl[g].ids[k]; k++) {
			int i = optable_find(opts, nopts, excl[g].ids[k]);

			if (i < 0 || !seen[i])
				continue;
			if (first < 0) {
				first = i;
				continue;
			}
			*a = (size_t)first;
			*b = (size_t)i;
			return 1;
		}
	}
	return 0;
}
