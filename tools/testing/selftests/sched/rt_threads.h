/*
 * Helpers shared by the real-time scheduling selftests: set the calling
 * thread's policy, start a thread with an explicit policy and priority,
 * and two spinners that count how often the CPU changed hands.
 */
#ifndef SCHED_RT_THREADS_H
#define SCHED_RT_THREADS_H

#include <pthread.h>
#include <sched.h>
#include <time.h>

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

#endif
