/*
 * Who a filter applies to: a forked child keeps its parent's filters (and
 * no_new_privs), execve keeps them, a child's new filter does not reach
 * its parent; TSYNC puts the caller's filter on every thread (one with a
 * filter of its own that the caller's does not descend from blocks it:
 * its tid is returned, or ESRCH with TSYNC_ESRCH); threads created after
 * a filter inherit it.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include "seccomp_util.h"

static char *self_path;

/* Re-executed by exec_keeps(): getpid must still fail with E2BIG. */
static int exec_child(void)
{
	errno = 0;
	if (syscall(__NR_getpid) != -1 || errno != E2BIG)
		return 3;
	return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 &&
	       prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER ? 0 : 4;
}

static void fork_keeps(void *arg)
{
	pid_t pid;
	int st;

	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, 0))
		_exit(2);
	pid = fork();
	if (pid == 0) {
		errno = 0;
		_exit(syscall(__NR_getpid) == -1 && errno == E2BIG &&
		      prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		_exit(3);
	_exit(0);
}

static void exec_keeps(void *arg)
{
	char *argv[] = { self_path, "--exec-child", NULL };

	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, 0))
		_exit(2);
	execv(self_path, argv);
	_exit(5);
}

static void child_filter_stays(void *arg)
{
	pid_t pid;
	int st;

	(void)arg;
	if (set_nnp())
		_exit(2);
	pid = fork();
	if (pid == 0)
		_exit(filter_one(__NR_getppid, SECCOMP_RET_ERRNO | 1, 0) ? 1 : 0);
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		_exit(3);
	_exit(syscall(__NR_getppid) > 0 && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 ? 0 : 4);
}

static pthread_barrier_t barrier;
static volatile int thread_ok;

/* Waits until the main thread has synced, then checks getpid fails. */
static void *sibling(void *arg)
{
	long want = (long)arg;

	pthread_barrier_wait(&barrier);
	pthread_barrier_wait(&barrier);
	errno = 0;
	thread_ok = want ? syscall(__NR_getpid) == -1 && errno == want : syscall(__NR_getpid) > 0;
	return NULL;
}

static void tsync(void *arg)
{
	pthread_t t;

	(void)arg;
	if (set_nnp() || pthread_barrier_init(&barrier, NULL, 2) ||
	    pthread_create(&t, NULL, sibling, (void *)(long)E2BIG))
		_exit(2);
	pthread_barrier_wait(&barrier);
	if (filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, SECCOMP_FILTER_FLAG_TSYNC))
		_exit(3);
	pthread_barrier_wait(&barrier);
	pthread_join(t, NULL);
	_exit(thread_ok ? 0 : 4);
}

static pid_t divergent_tid;

/* Installs a filter of its own, then waits. */
static void *divergent(void *arg)
{
	(void)arg;
	divergent_tid = (pid_t)syscall(__NR_gettid);
	if (filter_one(__NR_getppid, SECCOMP_RET_ERRNO | 1, 0))
		divergent_tid = -1;
	pthread_barrier_wait(&barrier);
	pthread_barrier_wait(&barrier);
	return NULL;
}

static void tsync_blocked(void *arg)
{
	pthread_t t;
	long r;

	(void)arg;
	if (set_nnp() || pthread_barrier_init(&barrier, NULL, 2) ||
	    pthread_create(&t, NULL, divergent, NULL))
		_exit(2);
	pthread_barrier_wait(&barrier);
	if (divergent_tid <= 0)
		_exit(3);
	r = filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, SECCOMP_FILTER_FLAG_TSYNC);
	if (r != divergent_tid)
		_exit(4);
	errno = 0;
	r = filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG,
		       SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH);
	if (r != -1 || errno != ESRCH)
		_exit(5);
	if (syscall(__NR_getpid) <= 0)
		_exit(6);		/* the failed syncs attached nothing */
	pthread_barrier_wait(&barrier);
	pthread_join(t, NULL);
	_exit(0);
}

static void *late_thread(void *arg)
{
	(void)arg;
	errno = 0;
	thread_ok = syscall(__NR_getpid) == -1 && errno == E2BIG;
	return NULL;
}

static void thread_inherits(void *arg)
{
	pthread_t t;

	(void)arg;
	if (set_nnp() || filter_one(__NR_getpid, SECCOMP_RET_ERRNO | E2BIG, 0) ||
	    pthread_create(&t, NULL, late_thread, NULL))
		_exit(2);
	pthread_join(t, NULL);
	_exit(thread_ok ? 0 : 3);
}

int main(int argc, char **argv)
{
	int st;

	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child();
	self_path = argv[0];
	ksft_plan(6);
	st = ksft_run_child(fork_keeps, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "fork: the child has the filter and no_new_privs (status %#x)", st);
	st = ksft_run_child(exec_keeps, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "execve keeps the filter and no_new_privs (status %#x)", st);
	st = ksft_run_child(child_filter_stays, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a child's filter does not reach its parent (status %#x)", st);
	st = ksft_run_child(tsync, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "TSYNC: a sibling thread gets the filter (status %#x)", st);
	st = ksft_run_child(tsync_blocked, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "TSYNC: a divergent thread's tid, or ESRCH (status %#x)", st);
	st = ksft_run_child(thread_inherits, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a thread created later inherits the filter (status %#x)", st);
	ksft_exit();
}
