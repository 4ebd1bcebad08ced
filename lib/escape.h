/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_ESCAPE_H
#define SHMTOOL_ESCAPE_H

/* The one rule that turns untrusted bytes (POSIX names, process names,
 * command lines, user and group names) into text any output can carry,
 * and back. Pure: bytes in, text out, no I/O, no locale.
 *
 * The text is the bytes, except:
 *   - a backslash is "\\";
 *   - every byte of a control character (C0, DEL, C1 U+0080-U+009F), of a
 *     character that reorders or hides text (U+061C, U+200B-U+200F,
 *     U+2028-U+202E, U+2060-U+2069, U+FEFF), and every byte that is not
 *     part of valid UTF-8 (a stray or truncated sequence, an overlong
 *     form, an encoded surrogate, past U+10FFFF) is "\xHH", lowercase.
 * So the text is valid UTF-8 with no control character, and the bytes
 * come back from it exactly (unescape). The flags escape more, each as
 * "\xHH". */

#include <stdbool.h>
#include <stddef.h>

enum {
	ESC_ASCII = 1 << 0, /* every byte outside printable ASCII (a locale not UTF-8) */
	ESC_BLANK = 1 << 1, /* the space (raw output splits cells at it) */
	ESC_SHELL = 1 << 2, /* " ` $ and the backslash (inside shell double quotes) */
	/* the backslash stays itself: a text the user typed, echoed in an
	 * error line as typed (not reversible) */
	ESC_TYPED = 1 << 3,
};

/* The most bytes escape_text writes for n bytes, with the NUL. */
#define ESCAPE_SIZE(n) (4 * (n) + 1)

/* Whether s[0..n) comes out of escape_text changed. */
bool escape_needed(const char *s, size_t n, unsigned flags);

/* Writes the text of s[0..n) and a NUL to out (ESCAPE_SIZE(n) bytes);
 * returns its length. */
size_t escape_text(const char *s, size_t n, unsigned flags, char *out);

/* A reusable buffer for escape_str. */
struct escbuf {
	char *p;
	size_t cap;
};

/* The text of the string s: s itself when nothing in it needs escaping,
 * else the text in b (valid until the next call with b). */
const char *escape_str(struct escbuf *b, const char *s, unsigned flags);
void escbuf_free(struct escbuf *b);

/* The bytes of a text: "\\" is a backslash, "\xHH" (either case) the byte
 * HH, any other byte itself. Writes them to out (room for strlen(s)
 * bytes; no NUL added) and their count to *n. -1 with the reason in *why
 * for a backslash followed by anything else. */
int unescape_text(const char *s, char *out, size_t *n, const char **why);

#endif
