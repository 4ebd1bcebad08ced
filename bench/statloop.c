/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark floor: the bare SHM_INFO + SHM_STAT_ANY loop that `shmtool
 * list` runs when no column needs /proc/sysvipc/shm. It reads every
 * segment's shmid_ds and keeps nothing, so no list can cost less than it.
 *
 *   statloop        prints the number of segments seen
 *
 * Linux 4.17 or later (SHM_STAT_ANY); exit 1 when the kernel refuses it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif

int main(void)
{
	struct shm_info info;
	struct shmid_ds ds;
	int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	unsigned long seen = 0;

	if (maxidx < 0) {
		fprintf(stderr, "statloop: SHM_INFO: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i <= maxidx; i++)
		if (shmctl(i, SHM_STAT_ANY, &ds) >= 0)
			seen++;
	if (seen == 0 && info.used_ids > 0) {
		fprintf(stderr, "statloop: SHM_STAT_ANY: %s\n", strerror(errno));
		return 1;
	}
	printf("%lu\n", seen);
	return 0;
}
