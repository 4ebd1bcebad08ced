/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark floor: the bare SHM_STAT_ANY loop that `shmtool list` runs when
 * no column needs /proc/sysvipc/shm. It reads every segment's shmid_ds and
 * keeps nothing, so no list can cost less than it.
 *
 *   statloop             IPC_INFO for the highest index, as shmtool asks
 *   statloop --shm-info  SHM_INFO, which sums every segment's resident
 *                        and swapped pages first (the loop)
 *
 * Prints the number of segments seen.
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

int main(int argc, char **argv)
{
	struct shm_info info = { 0 };
	struct shminfo lim;
	struct shmid_ds ds;
	int shm_info = argc > 1 && strcmp(argv[1], "--shm-info") == 0;
	int maxidx = shm_info ? shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info)
			      : shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&lim);
	unsigned long seen = 0;

	if (maxidx < 0) {
		fprintf(stderr, "statloop: %s: %s\n", shm_info ? "SHM_INFO" : "IPC_INFO",
			strerror(errno));
		return 1;
	}
	for (int i = 0; i <= maxidx; i++)
		if (shmctl(i, SHM_STAT_ANY, &ds) >= 0)
			seen++;
	if (seen == 0 && maxidx > 0) {
		fprintf(stderr, "statloop: SHM_STAT_ANY: %s\n", strerror(errno));
		return 1;
	}
	printf("%lu\n", seen);
	return 0;
}
