/*
 * Who runs when, with every thread on CPU 0: SCHED_FIFO threads run in
 * priority order; at one priority, a thread whose priority was lowered
 * goes to the head of its new list (sched(7)) -- glibc makes each
 * PTHREAD_EXPLICIT_SCHED thread at our FIFO 50 and then lowers it, so
 * the last made runs first; a woken thread of higher priority preempts
 * the waker at once, one of lower priority waits; sched_yield goes to
 * the tail of the priority's list; SCHED_FIFO runs to completion
 * (SCHED_RR's slices: sched/rr_slice, Linnet only).  Run as root.
 */
#include "../kselftest.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char order[64];
static int norder;
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;

static void note(char c)
{
	pthread_mutex_lock(&order_lock);
	if (norder < (int)sizeof(order) - 1)
		order[norder++] = c;
	pthread_mutex_unlock(&order_lock);
}

static void reset_order(void)
{
	memset(order, 0, sizeof(order));
	norder = 0;
}

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

static void *noter(void *arg)
{
	note(*(char *)arg);
	return NULL;
}

/* Three threads created (not yet run: we outrank them), then joined. */
static int run_three(const int prio[3])
{
	static char names[3] = { 'a', 'b', 'c' };
	pthread_t t[3];
	int i;

	reset_order();
	for (i = 0; i < 3; i++)
		if (start(&t[i], noter, &names[i], SCHED_FIFO, prio[i]))
			return -1;
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return 0;
}

static int pipefd[2];

static void *reader(void *arg)
{
	char c;

	(void)arg;
	if (read(pipefd[0], &c, 1) == 1)
		note('R');
	return NULL;
}

/* A reader at @prio blocks on a pipe; we (FIFO 50) write and note 'W'. */
static int wake_order(int prio)
{
	pthread_t t;

	reset_order();
	if (pipe(pipefd) || start(&t, reader, NULL, SCHED_FIFO, prio))
		return -1;
	usleep(20000);		/* it runs and blocks in read */
	if (write(pipefd[1], "x", 1) != 1)
		return -1;
	note('W');
	pthread_join(t, NULL);
	close(pipefd[0]);
	close(pipefd[1]);
	return 0;
}

static void *yielder(void *arg)
{
	for (int i = 0; i < 3; i++) {
		note(*(char *)arg);
		sched_yield();
	}
	return NULL;
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
	static const int same[3] = { 10, 10, 10 }, rising[3] = { 10, 20, 30 };
	static char ya = 'a', yb = 'b';
	pthread_t t[2];
	cpu_set_t set;
	int n;

	ksft_plan(7);
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) || set_self(SCHED_FIFO, 50)) {
		ksft_diag("cannot pin to CPU 0 at SCHED_FIFO 50: %s", strerror(errno));
		return 1;
	}
	ksft_ok(run_three(same) == 0 && !strcmp(order, "cba"),
		"equal priorities: each thread lowered from 50 to 10 goes to the head (%s)", order);
	ksft_ok(run_three(rising) == 0 && !strcmp(order, "cba"),
		"priorities 10, 20, 30 run highest first (%s)", order);
	ksft_ok(wake_order(60) == 0 && !strcmp(order, "RW"),
		"a woken higher-priority reader preempts the writer (%s)", order);
	ksft_ok(wake_order(10) == 0 && !strcmp(order, "WR"),
		"a woken lower-priority reader waits for the writer (%s)", order);
	reset_order();
	ksft_ok(start(&t[0], yielder, &ya, SCHED_FIFO, 10) == 0 &&
		start(&t[1], yielder, &yb, SCHED_FIFO, 10) == 0 &&
		!pthread_join(t[0], NULL) && !pthread_join(t[1], NULL) && !strcmp(order, "bababa"),
		"sched_yield hands the CPU to the next thread of the same priority (%s)", order);
	/* 0.6 s of RT spinning, under RT throttling's 0.95 s per 1 s. */
	sleep(1);
	n = spin_two(SCHED_FIFO);
	ksft_ok(n == 2, "SCHED_FIFO: the first spinner runs to the end before the second (%d runs)", n);
	ksft_ok(set_self(SCHED_OTHER, 0) == 0 && sched_getscheduler(0) == SCHED_OTHER,
		"back to SCHED_OTHER");
	ksft_exit();
}
