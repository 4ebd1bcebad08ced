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
	fprintf(stderr, "usage: shm-helper create KEY SIZE MODE | hold SHMID | lock SHMID |\n"
			"                  sum SHMID | fill SHMID BYTE | rmid SHMID | ftok PATH PROJ |\n"
			"                  load SHMID FILE | cat SHMID | many N\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	if (strcmp(argv[1], "create") == 0 && argc == 5) {
		int id = shmget((key_t)num(argv[2]), num(argv[3]),
				IPC_CREAT | IPC_EXCL | (int)num(argv[4]));
		if (id < 0)
			err(1, "shmget");
		printf("%d\n", id);
		return 0;
	}
	if (strcmp(argv[1], "ftok") == 0 && argc == 4) {
		/* the key an application computes, for tests of -k @PATH[:PROJ] */
		key_t key = ftok(argv[2], (int)num(argv[3]));
		if (key == -1)
			err(1, "ftok %s", argv[2]);
		printf("0x%08x\n", (unsigned)key);
		return 0;
	}
	if (strcmp(argv[1], "many") == 0 && argc == 3) {
		/* N private 1-byte segments at once, for outputs longer than a pipe */
		for (long n = num(argv[2]); n > 0; n--)
			if (shmget(IPC_PRIVATE, 1, IPC_CREAT | 0600) < 0)
				err(1, "shmget");
		return 0;
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
	if (strcmp(argv[1], "load") == 0 || strcmp(argv[1], "cat") == 0) {
		/* load: a file's bytes into the segment from offset 0; cat: the
		 * segment's bytes to stdout */
		struct shmid_ds ds;
		unsigned char *p;
		FILE *f;
		size_t n;

		if (shmctl(id, IPC_STAT, &ds) < 0)
			err(1, "IPC_STAT");
		p = shmat(id, NULL, argv[1][0] == 'c' ? SHM_RDONLY : 0);
		if (p == (void *)-1)
			err(1, "shmat");
		if (argv[1][0] == 'c')
			return fwrite(p, 1, ds.shm_segsz, stdout) == ds.shm_segsz ? 0 : 1;
		if (argc != 4 || !(f = fopen(argv[3], "rb")))
			err(1, "%s", argc == 4 ? argv[3] : "load needs a file");
		n = fread(p, 1, ds.shm_segsz, f);
		if (ferror(f) || fgetc(f) != EOF)
			errx(1, "%s: read error, or longer than the segment", argv[3]);
		fclose(f);
		printf("%zu\n", n);
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
