/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PROCPARSE_H
#define SHMTOOL_PROCPARSE_H

/* The per-process files of /proc that tell who holds a segment, parsed
 * without I/O so unit tests can feed them any text. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One line of /proc/PID/maps. 1 when it maps a System V segment (path
 * exactly "/SYSV%08x (deleted)"; the inode is the shmid, the name keeps the
 * key the segment was created with), 0 when it maps something else, -1
 * when the line is malformed. */
int maps_parse_line(const char *line, size_t len, int32_t *shmid, int32_t *key);

/* One line of /proc/PID/maps. 1 when it maps a file whose path starts with
 * prefix (such as "/dev/shm/", a POSIX object): the device (major:minor,
 * hex in the line) and inode identify the file; 0 when it maps something
 * else, -1 when the line is malformed. */
int maps_parse_file(const char *line, size_t len, const char *prefix, uint32_t *major,
		    uint32_t *minor, uint64_t *ino);

/* The number that starts a file of /proc or /sys such as
 * /proc/sys/kernel/shmmax: decimal digits, then the end, a newline or a
 * blank. 0, or -1 for anything else (a sign, no digits, beyond 64 bits). */
int u64_text_parse(const char *buf, size_t len, uint64_t *out);

/* From /proc/PID/stat: the state letter and the start time (field 22, in
 * clock ticks since boot). comm may hold spaces and parentheses, so the
 * fields are counted from the last ')'. 0 or -1. */
int stat_parse(const char *buf, size_t len, char *state, uint64_t *start_ticks);

/* Whether a process that started start_ticks after boot can have created a
 * segment whose ctime (whole seconds, truncated) is ctime. boot_ns is the
 * wall-clock time of boot in nanoseconds since the epoch.
 *
 * The creation happened somewhere in [ctime, ctime + 1), and the start time
 * is known to the tick (truncated), so a process counts as started before
 * the segment when its start is earlier than ctime + 1: the true creator
 * always passes; a process started less than a second after the creation
 * cannot be told apart from it. IPC_SET moves ctime later, which only
 * widens that window. */
bool started_before(uint64_t start_ticks, long ticks_per_sec, int64_t boot_ns, int64_t ctime);

#endif
