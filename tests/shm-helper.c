/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the tests need that shmtool must not be trusted to do for them:
 * make segments with exact keys, hold them attached, lock them, and read
 * their bytes independently. */
#include "config.h"

#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end)
		errx(2, "not a number: %s", s);
	return v;
}

static void usage(void)
{
	fprintf(stderr, "usage: shm-helper create KEY SIZE MODE | own KEY SIZE MODE |\n"
			"                  hold SHMID | lock SHMID |\n"
			"                  sum SHMID | fill SHMID BYTE | rmid SHMID\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	/* own: the creator stays alive (not attached) until killed */
	if ((strcmp(argv[1], "create") == 0 || strcmp(argv[1], "own") == 0) && argc == 5) {
		int id = shmget((key_t)num(argv[2]), num(argv[3]),
				IPC_CREAT | IPC_EXCL | (int)num(argv[4]));
		if (id < 0)
			err(1, "shmget");
		printf("%d\n", id);
		if (argv[1][0] == 'c')
			return 0;
		fflush(stdout);
		for (;;)
			pause();
	}
	int id = (int)num(argv[2]);
	if (strcmp(argv[1], "hold") == 0) {
		if (shmat(id, NULL, SHM_RDONLY) == (void *)-1)
			err(1, "shmat");
		/* stays attached until killed */
		for (;;)
			pause();
	}
	if (strcmp(argv[1], "lock") == 0) {
		if (shmctl(id, SHM_LOCK, NULL) < 0)
			err(1, "SHM_LOCK");
		return 0;
	}
	if (strcmp(argv[1], "rmid") == 0) {
		if (shmctl(id, IPC_RMID, NULL) < 0)
			err(1, "IPC_RMID");
		return 0;
	}
	if (strcmp(argv[1], "sum") == 0 || (strcmp(argv[1], "fill") == 0 && argc == 4)) {
		struct shmid_ds ds;
		unsigned char *p;
		unsigned long h = 5381;

		if (shmctl(id, IPC_STAT, &ds) < 0)
			err(1, "IPC_STAT");
		p = shmat(id, NULL, argv[1][0] == 's' ? SHM_RDONLY : 0);
		if (p == (void *)-1)
			err(1, "shmat");
		if (argv[1][0] == 'f') {
			memset(p, (int)num(argv[3]), ds.shm_segsz);
			return 0;
		}
		/* djb2 over the bytes, with the size: enough to see any change */
		for (size_t i = 0; i < ds.shm_segsz; i++)
			h = h * 33 + p[i];
		printf("%zu:%016lx\n", (size_t)ds.shm_segsz, h);
		return 0;
	}
	usage();
}
