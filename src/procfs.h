/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_PROCFS_H
#define SHMTOOL_PROCFS_H

/* The small reads of /proc and /sys every module shares: the /proc of
 * shmtool's own PID namespace, a process's comm, a file that holds one
 * number, and the one walk over every process (procscan reads their maps
 * through it, nsscan their namespaces). */

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The /proc of shmtool's own PID namespace, opened on first use. -N opens
 * it before entering another mount namespace, whose /proc may count PIDs
 * in another PID namespace than the CPID and LPID the kernel reports:
 * every PID shmtool shows comes through this one. -1 with errno. */
int proc_dir(void);

/* Up to size bytes of the file name under the directory dfd (AT_FDCWD for
 * a path), read to its end or size; the count, or -1 with errno. */
ssize_t read_file_at(int dfd, const char *name, char *buf, size_t size);

/* The comm of process pid (in proc_dir's numbering), without its newline;
 * "" when the process is gone or hidden. comm holds 16 bytes. */
void proc_comm(int32_t pid, char comm[16]);

/* The file "cmdline" under dfd (a process's directory of /proc), its
 * arguments joined by spaces; any other byte stays for the renderers to
 * escape (lib/escape.h). Malloc'd; NULL when it cannot be read or is
 * empty (a kernel thread, a zombie). */
char *read_cmdline_at(int dfd);

/* The same for process pid, in proc_dir's numbering. */
char *proc_cmdline(int32_t pid);

/* Calls fn for each process of proc_dir, in the order of the directory,
 * until fn returns non-zero. 0 (or fn's result), or -1 with errno when
 * /proc cannot be read. */
int proc_each_pid(int (*fn)(int32_t pid, void *data), void *data);

/* The number a file such as /proc/sys/kernel/shmmax holds. 0, or -1 (errno
 * EINVAL when the file holds no such number). */
int read_u64_file(const char *path, uint64_t *out);

#endif
