/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_NAMES_H
#define SHMTOOL_NAMES_H

#include <stdint.h>

/* User and group names, cached with the misses, since one lookup in a
 * large NSS database costs more than listing a thousand segments.
 * An id without a name comes back as its number. */
const char *user_name(uint32_t uid);
const char *group_name(uint32_t gid);

/* The same, but NULL for an id without a name: JSON's null. */
const char *user_name_or_null(uint32_t uid);
const char *group_name_or_null(uint32_t gid);

/* A user given as a name or a number: 0, or -1 when no such user. */
int user_lookup(const char *s, uint32_t *uid);

#endif
