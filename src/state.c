/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "state.h"

/* A handful of modules keep state: a fixed table is enough, and
 * registering cannot fail. */
static void (*releases[8])(void);
static size_t nreleases;

void state_register(void (*release)(void))
{
	for (size_t i = 0; i < nreleases; i++)
		if (releases[i] == release)
			return;
	if (nreleases == sizeof(releases) / sizeof(releases[0]))
		abort(); /* a new module: make the table larger */
	releases[nreleases++] = release;
}

void state_release(void)
{
	while (nreleases)
		releases[--nreleases]();
}
