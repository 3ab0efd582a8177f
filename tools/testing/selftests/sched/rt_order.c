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
#include "rt_threads.h"

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
