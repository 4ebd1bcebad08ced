/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_C_H
#define SHMTOOL_C_H

/* Small macros every layer may use. */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
