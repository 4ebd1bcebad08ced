/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_OUTFILE_H
#define SHMTOOL_OUTFILE_H

/* An output file that appears whole or not at all: the bytes go to a new
 * file of mode 0600 in the target's directory, unnamed (O_TMPFILE) where
 * the file system allows it, else a temporary name (O_EXCL), which is
 * renamed over the target once complete. The target's last component is
 * never followed: a symbolic link, a FIFO, a device or a directory there is
 * refused, never written through. */

#include <stdbool.h>

struct outfile {
	int fd;       /* the temporary file, -1 when none */
	int dirfd;    /* the target's directory (O_PATH) */
	const char *path;
	char base[256];  /* the target's name in dirfd */
	char tmp[32];    /* the temporary file's */
	bool replace;    /* --force: an existing regular file may be replaced */
	bool unnamed;    /* fd is an O_TMPFILE file, named only at commit */
};

/* Creates the temporary file for path. 0, or -1: with errno set, or
 * errno 0 and the reason in *why ("file exists (use --force to overwrite
 * it)", "not a regular file (FIFO)"). */
int outfile_open(struct outfile *o, const char *path, bool replace, const char **why);

/* Closes the temporary file and renames it over the target (without
 * replace: only if the target still does not exist). 0, or -1 as
 * outfile_open, the temporary file removed. */
int outfile_commit(struct outfile *o, const char **why);

/* Removes the temporary file; the target stays as it was. Safe to call
 * twice, and from an error path with errno kept. */
void outfile_abort(struct outfile *o);

#endif
