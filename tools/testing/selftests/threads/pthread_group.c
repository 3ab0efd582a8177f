/*
 * Thread groups through glibc's pthreads: create/join many, getpid the
 * same and gettid distinct in every thread, tgkill to one thread, kill
 * to the process reaching the one thread that does not block the signal,
 * exit (one thread) against exit_group (all), a leader that exits
 * first, a fatal signal, stop/continue of the whole group, and waiting
 * for a child forked by another thread (__WNOTHREAD).
 */
#include "../kselftest.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#ifndef __WNOTHREAD
#define __WNOTHREAD	0x20000000
#endif

#define NTHREADS	40

static pid_t gettid_raw(void)
{
	return syscall(SYS_gettid);
}

static pid_t tids[NTHREADS], pids[NTHREADS];

static void *id_thread(void *arg)
{
	long i = (long)arg;

	tids[i] = gettid_raw();
	pids[i] = getpid();
	return (void *)(i * 3);
}

static void test_create_join(void)
{
	pthread_t th[NTHREADS];
	int ok = 1, created = 0;

	for (long i = 0; i < NTHREADS; i++) {
		if (pthread_create(&th[i], NULL, id_thread, (void *)i))
			break;
		created++;
	}
	for (long i = 0; i < created; i++) {
		void *ret;

		ok &= pthread_join(th[i], &ret) == 0 && ret == (void *)(i * 3);
	}
	ksft_ok(created == NTHREADS && ok, "%d threads created and joined", created);
	for (int i = 0; i < created; i++) {
		ok &= pids[i] == getpid() && tids[i] > 0 && tids[i] != getpid();
		for (int j = 0; j < i; j++)
			ok &= tids[i] != tids[j];
	}
	ksft_ok(ok && gettid_raw() == getpid(), "getpid is the process's in every thread, gettid distinct");
}

static volatile pid_t handled_by;
static volatile int stop_spin;

static void on_usr1(int sig)
{
	(void)sig;
	handled_by = gettid_raw();
}

static void *spin_thread(void *arg)
{
	sigset_t set;

	if (arg) {		/* the one thread that takes SIGUSR1 */
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
	if (arg)
		*(pid_t *)arg = gettid_raw();
	while (!stop_spin)
		usleep(1000);
	return NULL;
}

static int wait_for(volatile pid_t *v)
{
	for (int i = 0; i < 2000 && !*v; i++)
		usleep(1000);
	return *v != 0;
}

/* tgkill reaches the thread named; kill reaches the one not blocking the signal. */
static void test_signals(void)
{
	pthread_t a, b;
	static pid_t tid_a, tid_b;
	sigset_t set;
	int ok;

	signal(SIGUSR1, on_usr1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);		/* inherited by a and b */
	stop_spin = 0;
	tid_a = tid_b = 0;
	pthread_create(&a, NULL, spin_thread, (void *)&tid_a);
	pthread_create(&b, NULL, spin_thread, NULL);
	ok = wait_for(&tid_a);
	handled_by = 0;
	ok &= syscall(SYS_tgkill, getpid(), tid_a, SIGUSR1) == 0 && wait_for(&handled_by);
	ksft_ok(ok && handled_by == tid_a, "tgkill: the handler runs in the thread named");

	handled_by = 0;
	ok = kill(getpid(), SIGUSR1) == 0 && wait_for(&handled_by);
	ksft_ok(ok && handled_by == tid_a, "kill: taken by the only thread not blocking it");

	errno = 0;
	ok = syscall(SYS_tgkill, getpid() + 100000, tid_a, 0) == -1 && errno == ESRCH;
	ok &= syscall(SYS_tgkill, 0, tid_a, 0) == -1 && errno == EINVAL;
	ok &= syscall(SYS_tgkill, getpid(), tid_a, 65) == -1 && errno == EINVAL;
	ok &= syscall(SYS_tkill, tid_a, 0) == 0 && kill(tid_a, 0) == 0;
	ksft_ok(ok, "tgkill of a wrong group ESRCH, bad ids/signals EINVAL; kill -0 of a tid works");
	stop_spin = 1;
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	(void)tid_b;
}

static void *exit_group_thread(void *arg)
{
	(void)arg;
	usleep(20000);
	_exit(7);		/* exit_group: the whole process */
}

static void *exit_one_thread(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 3);	/* this thread only */
	return NULL;
}

/* Runs @fn in a forked child; returns its wait status or -1. */
static int in_child(void (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(99);
	}
	return pid > 0 && waitpid(pid, &st, 0) == pid ? st : -1;
}

static void child_exit_group(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exit_group_thread, NULL);
	pause();
}

static void child_exit_one(void)
{
	pthread_t t;

	pthread_create(&t, NULL, exit_one_thread, NULL);
	pthread_join(t, NULL);
	_exit(4);
}

static void *late_exit_thread(void *arg)
{
	(void)arg;
	usleep(100000);
	_exit(5);
}

/* The leader exits first; the process lives on in its other thread. */
static void child_leader_first(void)
{
	pthread_t t;

	pthread_create(&t, NULL, late_exit_thread, NULL);
	syscall(SYS_exit, 0);
}

static void *pause_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The leader exits; the process lives in its other thread and still takes kill(). */
static void test_kill_after_leader(void)
{
	pid_t pid = fork();
	int st, ok;

	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, pause_thread, NULL);
		syscall(SYS_exit, 0);
	}
	usleep(50000);
	ok = waitpid(pid, &st, WNOHANG) == 0;
	ok &= kill(pid, SIGTERM) == 0 && waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGTERM);
	ksft_ok(ok, "leader gone, thread alive: not reapable yet, kill() still kills it");
}

static void test_exits(void)
{
	int st = in_child(child_exit_group);

	ksft_ok(st >= 0 && KSFT_EXITED(st, 7), "exit_group from a thread ends the process (%#x)", st);
	st = in_child(child_exit_one);
	ksft_ok(st >= 0 && KSFT_EXITED(st, 4), "exit ends one thread, the process goes on (%#x)", st);
	st = in_child(child_leader_first);
	ksft_ok(st >= 0 && KSFT_EXITED(st, 5),
		"a leader that exits first is reaped with the last thread's exit_group (%#x)", st);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* SIGTERM to a process of three threads kills all; the parent is told once. */
static void test_fatal_signal(void)
{
	pid_t pid = fork();
	int st, ok;

	if (pid == 0) {
		pthread_t t1, t2;

		pthread_create(&t1, NULL, sleeper, NULL);
		pthread_create(&t2, NULL, sleeper, NULL);
		pause();
		_exit(1);
	}
	usleep(50000);
	ok = kill(pid, SIGTERM) == 0 && waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGTERM);
	ok &= waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD;
	ksft_ok(ok, "a fatal signal kills every thread; one wait, then ECHILD");
}

static volatile unsigned long *counters;

static void *count_thread(void *arg)
{
	long i = (long)arg;

	for (;;)
		counters[i]++;
	return NULL;
}

/*
 * How many of the @n counters move: with @stopped, in 200 ms (a stopped
 * thread never moves); else within 2 s, each seen moving once (a loaded
 * host may keep a running thread off the CPU for a while).
 */
static int moving_counters(int n, int stopped)
{
	unsigned long before[2];
	int moved[2] = { 0, 0 }, count = 0;

	for (int i = 0; i < n; i++)
		before[i] = counters[i];
	for (int waited = 0; waited < (stopped ? 200 : 2000) && (stopped || count < n); waited += 20) {
		usleep(20000);
		count = 0;
		for (int i = 0; i < n; i++)
			count += moved[i] |= counters[i] != before[i];
	}
	return count;
}

/* SIGSTOP stops every thread of the process; SIGCONT continues them all. */
static void test_stop_cont(void)
{
	pid_t pid;
	int st, ok, running, stopped, continued;

	counters = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counters == MAP_FAILED) {
		ksft_ok(0, "stop/continue: mmap");
		return;
	}
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, count_thread, (void *)1);
		count_thread((void *)0);
	}
	running = moving_counters(2, 0);
	ok = kill(pid, SIGSTOP) == 0 && waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st);
	stopped = moving_counters(2, 1);
	ok &= kill(pid, SIGCONT) == 0 && waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st);
	continued = moving_counters(2, 0);
	ok &= running == 2 && stopped == 0 && continued == 2;
	kill(pid, SIGKILL);
	ok &= waitpid(pid, &st, 0) == pid && KSFT_SIGNALLED(st, SIGKILL);
	ksft_ok(ok, "SIGSTOP stops both threads, SIGCONT continues both (moving: %d, %d, %d)",
		running, stopped, continued);
	munmap((void *)counters, 4096);
}

static volatile pid_t forked;

static void *fork_thread(void *arg)
{
	(void)arg;
	pid_t pid = fork();

	if (pid == 0)
		_exit(6);
	forked = pid;
	while (!stop_spin)	/* alive while main looks with __WNOTHREAD */
		usleep(1000);
	return NULL;
}

/* A child forked by another thread is waited for by any thread, not with __WNOTHREAD. */
static void test_wait_group(void)
{
	pthread_t t;
	int st, ok;

	forked = 0;
	stop_spin = 0;
	pthread_create(&t, NULL, fork_thread, NULL);
	ok = wait_for(&forked);
	usleep(20000);
	ok &= waitpid(forked, &st, __WNOTHREAD | WNOHANG) == -1 && errno == ECHILD;
	ok &= waitpid(forked, &st, 0) == forked && KSFT_EXITED(st, 6);
	stop_spin = 1;
	pthread_join(t, NULL);
	ksft_ok(ok, "the main thread reaps a child of another thread; __WNOTHREAD does not");
}

static void *status_thread(void *arg)
{
	(void)arg;
	while (!stop_spin)
		usleep(1000);
	return NULL;
}

/* /proc/self/status: Tgid and Threads. */
static void test_proc_status(void)
{
	pthread_t t[3];
	char buf[2048], *p;
	int n = 0, tgid = 0;

	stop_spin = 0;
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, status_thread, NULL);
	/* A joined thread may still count for a moment (it is released after its tid is cleared). */
	for (int i = 0; i < 1000 && n != 4; i++) {
		if (ksft_read_file("/proc/self/status", buf, sizeof(buf)) > 0) {
			p = strstr(buf, "Threads:");
			n = p ? atoi(p + 8) : 0;
			p = strstr(buf, "Tgid:");
			tgid = p ? atoi(p + 5) : 0;
		}
		if (n != 4)
			usleep(1000);
	}
	stop_spin = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	ksft_ok(n == 4 && tgid == getpid(), "/proc/self/status: Threads %d, Tgid %d", n, tgid);
}

int main(void)
{
	ksft_plan(13);
	test_create_join();
	test_signals();
	test_exits();
	test_kill_after_leader();
	test_fatal_signal();
	test_stop_cont();
	test_wait_group();
	test_proc_status();
	ksft_exit();
}
