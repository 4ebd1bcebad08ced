/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the tests need that shmtool must not be trusted to do for them:
 * make segments with exact keys, hold them attached, lock them, and read
 * their bytes independently; the same for POSIX objects (posix-*). */
#include "config.h"

#include <err.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
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
			"                  hold SHMID | lock SHMID | chown SHMID UID GID |\n"
			"                  sum SHMID | fill SHMID BYTE | rmid SHMID | ftok PATH PROJ |\n"
			"                  load SHMID FILE | cat SHMID | many N |\n"
			"                  posix-create /NAME SIZE MODE | posix-map /NAME |\n"
			"                  posix-sum /NAME | posix-fill /NAME BYTE\n");
	exit(2);
}

/* The djb2 sum of bytes with their count: enough to see any change. */
static void print_sum(const unsigned char *p, size_t n)
{
	unsigned long h = 5381;

	for (size_t i = 0; i < n; i++)
		h = h * 33 + p[i];
	printf("%zu:%016lx\n", n, h);
}

/* shm_open'd POSIX objects, as an application makes and maps them. */
static int posix(int argc, char **argv)
{
	const char *verb = argv[1] + strlen("posix-"), *name = argv[2];
	struct stat st;
	unsigned char *p = NULL;
	int fd;

	if (strcmp(verb, "create") == 0 && argc == 5) {
		fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0);
		if (fd < 0)
			err(1, "shm_open %s", name);
		if (fchmod(fd, (mode_t)num(argv[4])) < 0 || ftruncate(fd, (off_t)num(argv[3])) < 0)
			err(1, "%s", name);
		return 0;
	}
	if (strcmp(verb, "map") != 0 && strcmp(verb, "sum") != 0 &&
	    !(strcmp(verb, "fill") == 0 && argc == 4))
		usage();
	fd = shm_open(name, verb[0] == 'f' ? O_RDWR : O_RDONLY, 0);
	if (fd < 0 || fstat(fd, &st) < 0)
		err(1, "shm_open %s", name);
	if (st.st_size) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ | (verb[0] == 'f' ? PROT_WRITE : 0),
			 MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			err(1, "mmap %s", name);
	}
	if (verb[0] == 'm') {
		/* stays mapped until killed */
		for (;;)
			pause();
	}
	if (verb[0] == 'f')
		memset(p, (int)num(argv[3]), (size_t)st.st_size);
	else
		print_sum(p, (size_t)st.st_size);
	return 0;
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
	if (strncmp(argv[1], "posix-", 6) == 0)
		return posix(argc, argv);
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
	if (strcmp(argv[1], "chown") == 0 && argc == 5) {
		/* IPC_SET: an owner other than the creator */
		struct shmid_ds ds;
		if (shmctl(id, IPC_STAT, &ds) < 0)
			err(1, "IPC_STAT");
		ds.shm_perm.uid = (uid_t)num(argv[3]);
		ds.shm_perm.gid = (gid_t)num(argv[4]);
		if (shmctl(id, IPC_SET, &ds) < 0)
			err(1, "IPC_SET");
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
