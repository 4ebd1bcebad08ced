/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SHMTOOL_MISSING_H
#define SHMTOOL_MISSING_H

/* Every constant that older kernel or libc headers may lack, in one place
 * (as kmod's shared/missing.h). Values are the kernel's ABI. */

#include <sys/mman.h>
#include <sys/shm.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  /* Linux 5.14 */
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif
#ifndef SHM_HUGE_SHIFT
#define SHM_HUGE_SHIFT 26
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15        /* Linux 4.17 */
#endif
#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif
/* The inode of the kernel's initial IPC namespace, fixed since Linux 3.8
 * (include/linux/proc_ns.h, not exported to user space) */
#ifndef PROC_IPC_INIT_INO
#define PROC_IPC_INIT_INO 0xEFFFFFFFU
#endif

#endif
