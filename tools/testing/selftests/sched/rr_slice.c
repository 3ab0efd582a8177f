/*
 * SCHED_RR's 100 ms slices: two RR threads of one priority on CPU 0,
 * each spinning for 0.3 s of its own CPU time, take turns (at least
 * three runs between them), where two SCHED_FIFO ones run one after the
 * other.  Linnet only: Linux 6.1 in make test-host's QEMU (TCG, on a
 * busy machine) loses timer ticks while the TSC runs on, so its RR
 * threads are seen rotating after 190 ms or not at all within 300 ms.
 * Run as root.
 */
#include "../kselftest.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int set_self(int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	return sched_setscheduler(0, policy, &sp);
}

static int start(pthread_t *t, void *(*fn)(void *), void *arg, int policy, int prio)
{
	struct sched_param sp = { .sched_priority = prio };
	pthread_attr_t a;
	int err;

	pthread_attr_init(&a);
	pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&a, policy);
	pthread_attr_setschedparam(&a, &sp);
	err = pthread_create(t, &a, fn, arg);
	pthread_attr_destroy(&a);
	return err;
}

static volatile int last_runner, changes;

/* Spins for 0.3 s of its own running time, counting who ran last. */
static void *spinner(void *arg)
{
	int me = *(int *)arg;
	struct timespec a, b;
	double mine = 0;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
	while (mine < 0.3) {
		if (last_runner != me) {
			last_runner = me;
			changes++;
		}
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
		mine = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	}
	return NULL;
}

static int spin_two(int policy)
{
	static int ids[2] = { 1, 2 };
	pthread_t t[2];

	last_runner = 0;
	changes = 0;
	if (start(&t[0], spinner, &ids[0], policy, 10) || start(&t[1], spinner, &ids[1], policy, 10))
		return -1;
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	return changes;
}

int main(void)
{
	cpu_set_t set;
	int n;

	ksft_plan(3);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || set_self(SCHED_FIFO, 50)) {
		ksft_diag("cannot pin to CPU 0 at SCHED_FIFO 50: %s", strerror(errno));
		return 1;
	}
	n = spin_two(SCHED_RR);
	ksft_ok(n >= 3, "SCHED_RR: two spinners of 0.3 s take turns in slices (%d runs)", n);
	sleep(1);		/* a fresh RT throttling period */
	n = spin_two(SCHED_FIFO);
	ksft_ok(n == 2, "SCHED_FIFO: the first spinner runs to the end before the second (%d runs)", n);
	ksft_ok(set_self(SCHED_OTHER, 0) == 0, "back to SCHED_OTHER");
	ksft_exit();
}
