/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A program of the kind shmtool's users write: it finds a segment by its
 * key and reads or writes a C string in it.
 *   interop KEY get        prints the string at the start of the segment
 *   interop KEY put TEXT   strcpy's TEXT (and its NUL) to the start */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(int argc, char **argv)
{
	key_t key;
	int id;
	char *p;

	if (argc < 3) {
		fprintf(stderr, "usage: interop KEY get | interop KEY put TEXT\n");
		return 2;
	}
	key = (key_t)strtol(argv[1], NULL, 0);
	id = shmget(key, 0, 0);
	if (id < 0) {
		perror("shmget");
		return 1;
	}
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		perror("shmat");
		return 1;
	}
	if (strcmp(argv[2], "get") == 0)
		printf("%s\n", p);
	else if (strcmp(argv[2], "put") == 0 && argc == 4)
		strcpy(p, argv[3]);
	else
		return 2;
	shmdt(p);
	return 0;
}
