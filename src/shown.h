/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_SHOWN_H
#define SHMTOOL_SHOWN_H

/* Untrusted text (names, process names, command lines) as this process
 * shows it on a terminal, in a pipe or in an error line: lib/escape.h's
 * rule, plus every byte outside ASCII when the locale's character set is
 * not UTF-8 (a terminal there cannot be trusted to show it, and
 * libsmartcols could not measure it). */

/* The escape flags of the locale: ESC_ASCII or 0. */
unsigned shown_flags(void);

/* s escaped with shown_flags() | flags, for one message: valid until the
 * fourth call after this one. errno stays as it was, so it can stand in
 * the arguments of warn() and err(). */
const char *shown_with(const char *s, unsigned flags);

/* An object's name, a process name: the reversible form. */
static inline const char *shown(const char *s)
{
	return shown_with(s, 0);
}

/* A name as the user typed it, echoed in an error line: its backslashes
 * stay as typed. */
const char *shown_typed(const char *s);

#endif
