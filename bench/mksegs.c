/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark helper: make many System V segments fast, and give them owners.
 *
 *   mksegs N               make sure segments with keys BASE..BASE+N-1 exist
 *   mksegs --owners U M    set the owner of every segment to U + i % M
 *                          (i = the segment's index; M = 1 gives all to U)
 *
 * Meant for a private IPC namespace (bench/list.sh runs it under unshare --ipc):
 * the segments die with the namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#define KEY_BASE 0x5eed0000

static int make(long n)
{
	for (long i = 0; i < n; i++) {
		/* sizes of several widths, still one page each */
		size_t size = 1 + (size_t)(i * 37 % 4096);

		if (shmget((key_t)(KEY_BASE + i), size, IPC_CREAT | 0640) < 0) {
			fprintf(stderr, "mksegs: shmget segment %ld of %ld: %s\n", i, n, strerror(errno));
			return 1;
		}
	}
	return 0;
}

static int owners(unsigned long base, unsigned long mod)
{
	struct shm_info info;
	struct shmid_ds ds;
	int maxidx = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
	long k = 0;

	if (maxidx < 0) {
		perror("mksegs: SHM_INFO");
		return 1;
	}
	for (int idx = 0; idx <= maxidx; idx++) {
		int id = shmctl(idx, SHM_STAT, &ds);

		if (id < 0)
			continue;
		ds.shm_perm.uid = (uid_t)(base + (unsigned long)k % mod);
		ds.shm_perm.gid = ds.shm_perm.uid;
		k++;
		if (shmctl(id, IPC_SET, &ds) < 0) {
			fprintf(stderr, "mksegs: IPC_SET %d: %s\n", id, strerror(errno));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2)
		return make(strtol(argv[1], NULL, 10));
	if (argc == 4 && strcmp(argv[1], "--owners") == 0 && strtoul(argv[3], NULL, 10) > 0)
		return owners(strtoul(argv[2], NULL, 10), strtoul(argv[3], NULL, 10));
	fprintf(stderr, "usage: mksegs N | mksegs --owners UID MOD\n");
	return 2;
}
