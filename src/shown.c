/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <string.h>

#include "escape.h"
#include "shown.h"
#include "state.h"
#include "util.h"

unsigned shown_flags(void)
{
	static int utf8 = -1;

	/* setlocale runs first thing in main, before any output */
	if (utf8 < 0)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return utf8 ? 0 : ESC_ASCII;
}

/* A few buffers in turn, so one message can show a name and a comm. */
static struct escbuf ring[4];
static unsigned next;

static void shown_free(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(ring); i++)
		escbuf_free(&ring[i]);
}

/* errno is kept: callers show a name in the arguments of warn() and
 * err(), which report errno after the escaping (and its allocation) ran. */
const char *shown_with(const char *s, unsigned flags)
{
	struct escbuf *b = &ring[next++ % ARRAY_SIZE(ring)];
	int e = errno;
	const char *text;

	if (next == 1)
		state_register(shown_free);
	text = escape_str(b, s, shown_flags() | flags);
	errno = e;
	return text;
}

const char *shown_typed(const char *s)
{
	return shown_with(s, ESC_TYPED);
}
