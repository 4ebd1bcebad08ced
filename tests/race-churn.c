/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The other side of tests/races.bats: creates and removes segments without
 * pause, keeping WINDOW of them alive, and every HOLD_EVERY-th one gets a
 * child process attached that is killed a few segments later, so readers
 * see segments appear, vanish, gain and lose attachments and turn "dest".
 *
 *   race-churn N WINDOW HOLD_EVERY
 *
 * Runs until it has made N segments and SIGUSR1 asked it to stop (so it
 * overlaps the readers however fast either side is), then removes what it
 * made, kills its children and prints how many segments it made. SIGALRM
 * after 60 seconds bounds it if the test dies first. */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WINDOW 1024
#define HOLD_FOR 8 /* segments made before a holder is killed */

static volatile sig_atomic_t stop;

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

struct holder {
	pid_t pid;
	long born;
};

static pid_t spawn_holder(int id)
{
	pid_t pid = fork();

	if (pid < 0)
		err(1, "fork");
	if (pid > 0)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* the segment may be gone already: that is part of the race */
	if (shmat(id, NULL, SHM_RDONLY) == (void *)-1)
		_exit(0);
	for (;;)
		pause();
}

static void reap(struct holder *h)
{
	kill(h->pid, SIGKILL);
	while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
		;
	h->pid = 0;
}

static long num(const char *s, long min, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < min || v > max)
		errx(2, "bad number: %s", s);
	return v;
}

int main(int argc, char **argv)
{
	static int live[MAX_WINDOW];
	static struct holder holders[MAX_WINDOW];
	struct sigaction sa = { .sa_handler = on_usr1 };
	const struct timespec breath = { 0, 200000 };
	long n, window, every, made = 0, head = 0, nlive = 0;

	if (argc != 4)
		errx(2, "usage: race-churn N WINDOW HOLD_EVERY");
	n = num(argv[1], 1, 10000000);
	window = num(argv[2], 1, MAX_WINDOW);
	every = num(argv[3], 1, 1000000);
	sigaction(SIGUSR1, &sa, NULL);
	alarm(60);

	while (made < n || !stop) {
		int id = shmget(IPC_PRIVATE, (size_t)(made % 7 + 1) * 4096,
				IPC_CREAT | (made % 2 ? 0644 : 0600));

		if (id < 0)
			err(1, "shmget after %ld segments", made);
		if (nlive == window) {
			/* another racer (rm --all) may have removed it first */
			if (shmctl(live[head], IPC_RMID, NULL) < 0 && errno != EINVAL && errno != EIDRM)
				err(1, "IPC_RMID %d", live[head]);
			head = (head + 1) % window;
			nlive--;
		}
		live[(head + nlive++) % window] = id;
		if (made % every == 0) {
			struct holder *h = &holders[(made / every) % MAX_WINDOW];
			if (h->pid)
				reap(h);
			h->pid = spawn_holder(id);
			h->born = made;
		}
		for (long i = 0; i < MAX_WINDOW; i++)
			if (holders[i].pid && made - holders[i].born >= HOLD_FOR)
				reap(&holders[i]);
		made++;
		/* once the count is reached, keep the world moving at a gentler pace */
		if (made >= n)
			nanosleep(&breath, NULL);
	}
	for (long i = 0; i < MAX_WINDOW; i++)
		if (holders[i].pid)
			reap(&holders[i]);
	for (; nlive > 0; nlive--, head = (head + 1) % window)
		shmctl(live[head], IPC_RMID, NULL);
	printf("%ld\n", made);
	return 0;
}
