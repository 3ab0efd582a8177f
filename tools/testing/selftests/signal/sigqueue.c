/*
 * Queued signals: real-time instances queue each with its own siginfo
 * (sigwaitinfo, a handler, signalfd), standard ones coalesce, the lowest
 * number goes first across real-time numbers, thread and process queues,
 * RLIMIT_SIGPENDING and /proc/self/status SigQ.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include "../kselftest.h"

#define N 10

static volatile int got[N * 2], ngot;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (ngot < N * 2)
		got[ngot++] = si->si_value.sival_int + (sig - SIGRTMIN) * 1000;
}

static void block(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

static void unblock(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static int queue(int sig, int v)
{
	union sigval sv = { .sival_int = v };

	return sigqueue(getpid(), sig, sv);
}

static void test_sigwaitinfo(void)
{
	sigset_t set;
	siginfo_t si;
	int ok = 1, sent = 1;

	block(SIGRTMIN);
	for (int i = 0; i < N; i++)
		sent &= queue(SIGRTMIN, 100 + i) == 0;
	ksft_ok(sent, "ten sigqueue(SIGRTMIN) accepted");
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	for (int i = 0; i < N; i++) {
		int s = sigwaitinfo(&set, &si);

		ok &= s == SIGRTMIN && si.si_code == SI_QUEUE && si.si_value.sival_int == 100 + i &&
		      si.si_pid == getpid() && si.si_uid == getuid();
	}
	ksft_ok(ok, "sigwaitinfo returns the ten in order, each with its value");
	sigpending(&set);
	ksft_ok(!sigismember(&set, SIGRTMIN), "none left pending");
	unblock(SIGRTMIN);
}

static void test_handler_order(void)
{
	struct sigaction sa;
	int ok = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);	/* one handler at a time: order is visible */
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	block(SIGRTMIN);
	block(SIGRTMIN + 1);
	ngot = 0;
	for (int i = 0; i < N; i++) {
		queue(SIGRTMIN + 1, i);
		queue(SIGRTMIN, i);
	}
	sigset_t all;
	sigemptyset(&all);
	sigaddset(&all, SIGRTMIN);
	sigaddset(&all, SIGRTMIN + 1);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	for (int i = 0; i < N; i++) {
		ok &= got[i] == i;		/* SIGRTMIN first, FIFO */
		ok &= got[N + i] == 1000 + i;	/* then SIGRTMIN+1 */
	}
	ksft_ok(ngot == 2 * N && ok,
			 "handlers run for all twenty, lower number first, in order per number");
	signal(SIGRTMIN, SIG_DFL);
	signal(SIGRTMIN + 1, SIG_DFL);
}

static void test_standard_coalesce(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec zero = { 0, 0 };

	block(SIGUSR1);
	queue(SIGUSR1, 1);
	queue(SIGUSR1, 2);
	kill(getpid(), SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	int s1 = sigtimedwait(&set, &si, &zero);
	int v = si.si_value.sival_int, code = si.si_code;
	errno = 0;
	int s2 = sigtimedwait(&set, &si, &zero);
	ksft_ok(s1 == SIGUSR1 && v == 1 && code == SI_QUEUE && s2 == -1 && errno == EAGAIN,
			 "standard signal: one instance, the first one's siginfo");
	unblock(SIGUSR1);
}

static void test_lowest_first(void)
{
	sigset_t set;
	siginfo_t si;
	int ok = 1;

	sigemptyset(&set);
	for (int d = 0; d < 3; d++)
		sigaddset(&set, SIGRTMIN + d);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	queue(SIGRTMIN + 2, 20);
	queue(SIGRTMIN + 1, 10);
	queue(SIGRTMIN + 2, 21);
	queue(SIGRTMIN, 0);
	queue(SIGUSR2, 7);
	queue(SIGRTMIN + 1, 11);
	static const int want_sig[] = { 0, 0, 1, 1, 2, 2 }, want_v[] = { 0, 0, 10, 11, 20, 21 };
	int s = sigwaitinfo(&set, &si);
	ok &= s == SIGUSR2 && si.si_value.sival_int == 7;
	for (int i = 1; i < 6; i++) {
		s = sigwaitinfo(&set, &si);
		ok &= s == SIGRTMIN + want_sig[i] && si.si_value.sival_int == want_v[i];
	}
	ksft_ok(ok, "lowest number first: SIGUSR2, then SIGRTMIN.. each FIFO");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_signalfd(void)
{
	struct signalfd_siginfo r[N + 2];
	sigset_t set;
	int fd, ok = 1;
	ssize_t n;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 3);
	sigprocmask(SIG_BLOCK, &set, NULL);
	fd = signalfd(-1, &set, SFD_NONBLOCK);
	for (int i = 0; i < N; i++)
		queue(SIGRTMIN + 3, 50 + i);
	n = read(fd, r, sizeof(r));
	for (int i = 0; n == (ssize_t)(N * sizeof(r[0])) && i < N; i++)
		ok &= r[i].ssi_signo == (uint32_t)SIGRTMIN + 3 && r[i].ssi_int == 50 + i &&
		      r[i].ssi_code == SI_QUEUE;
	ksft_ok(n == (ssize_t)(N * sizeof(r[0])) && ok,
			 "signalfd reads each queued instance with its value");
	errno = 0;
	ksft_ok(read(fd, r, sizeof(r)) == -1 && errno == EAGAIN, "then nothing is left");
	close(fd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_thread_and_process(void)
{
	sigset_t set;
	siginfo_t si;
	int ok = 1;

	block(SIGRTMIN + 4);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 4);
	for (int i = 0; i < 3; i++) {
		siginfo_t q;

		memset(&q, 0, sizeof(q));
		q.si_code = SI_QUEUE;
		q.si_pid = getpid();
		q.si_uid = getuid();
		q.si_value.sival_int = i;
		syscall(SYS_rt_tgsigqueueinfo, getpid(), getpid(), SIGRTMIN + 4, &q);
		queue(SIGRTMIN + 4, 10 + i);
	}
	/* the thread's own queue is taken before the process's */
	static const int want[] = { 0, 1, 2, 10, 11, 12 };
	for (int i = 0; i < 6; i++)
		ok &= sigwaitinfo(&set, &si) == SIGRTMIN + 4 && si.si_value.sival_int == want[i];
	ksft_ok(ok, "thread-directed instances first, then the process's, each FIFO");
	unblock(SIGRTMIN + 4);
}

static void test_fork_exit(void)
{
	sigset_t set;
	pid_t pid;
	int st;

	block(SIGRTMIN + 5);
	for (int i = 0; i < 4; i++)
		queue(SIGRTMIN + 5, i);
	pid = fork();
	if (pid == 0) {
		sigpending(&set);
		_exit(sigismember(&set, SIGRTMIN + 5) ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork: the child starts with none pending");
	/* a child that exits with queued signals: the queue is freed (no leak, no crash) */
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 100; i++)
			queue(SIGRTMIN + 5, i);
		_exit(3);
	}
	waitpid(pid, &st, 0);
	ksft_ok(WIFEXITED(st) && WEXITSTATUS(st) == 3, "a child exits with 100 queued");
	/* ignoring drops every queued instance */
	signal(SIGRTMIN + 5, SIG_IGN);
	signal(SIGRTMIN + 5, SIG_DFL);
	sigpending(&set);
	ksft_ok(!sigismember(&set, SIGRTMIN + 5), "SIG_IGN flushes the queue");
	unblock(SIGRTMIN + 5);
}

/* /proc/self/status SigQ: queued for our real uid, and our limit. */
static int sigq(unsigned long *n, unsigned long *lim)
{
	char buf[4096], *p;

	if (ksft_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		return -1;
	p = strstr(buf, "\nSigQ:\t");
	return p && sscanf(p + 7, "%lu/%lu", n, lim) == 2 ? 0 : -1;
}

static void test_rlimit(void)
{
	struct rlimit rl, old;
	unsigned long n0, lim, n, l;
	sigset_t set;
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	int ok = 1, k = 0;

	getrlimit(RLIMIT_SIGPENDING, &old);
	ksft_ok(sigq(&n0, &lim) == 0 && lim == old.rlim_cur && old.rlim_cur > 0 &&
		old.rlim_cur != RLIM_INFINITY, "SigQ: n/limit, the limit is RLIMIT_SIGPENDING's (%lu)",
		(unsigned long)old.rlim_cur);
	rl.rlim_cur = n0 + 5;
	rl.rlim_max = old.rlim_max;
	ksft_ok(setrlimit(RLIMIT_SIGPENDING, &rl) == 0 && getrlimit(RLIMIT_SIGPENDING, &old) == 0 &&
		old.rlim_cur == n0 + 5, "RLIMIT_SIGPENDING can be set");
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 6);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigdelset(&set, SIGUSR2);
	for (int i = 0; i < 5; i++)
		ok &= queue(SIGRTMIN + 6, i) == 0;
	ok &= sigq(&n, &l) == 0;
	ksft_ok(ok && n == n0 + 5 && l == n0 + 5, "five queued: SigQ %lu/%lu", n, l);
	errno = 0;
	ksft_ok(queue(SIGRTMIN + 6, 5) == -1 && errno == EAGAIN, "the sixth sigqueue: EAGAIN");
	ksft_ok(kill(getpid(), SIGRTMIN + 6) == 0, "kill() of it succeeds (the instance is dropped)");
	ksft_ok(kill(getpid(), SIGUSR2) == 0, "kill() of a standard signal still gets through");
	errno = 0;
	ksft_ok(queue(SIGUSR1, 42) == 0, "sigqueue of a standard signal past the limit succeeds");
	sigset_t u2;
	sigemptyset(&u2);
	sigaddset(&u2, SIGUSR2);
	ksft_ok(sigtimedwait(&u2, &si, &zero) == SIGUSR2 && si.si_code == SI_USER &&
		si.si_pid == getpid(), "with its siginfo");
	ok = 1;
	sigset_t rt;
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN + 6);
	while (sigtimedwait(&rt, &si, &zero) == SIGRTMIN + 6) {
		ok &= si.si_code == SI_QUEUE && si.si_value.sival_int == k;
		k++;
	}
	ksft_ok(ok && k == 5, "five delivered with their values (%d)", k);
	sigdelset(&set, SIGRTMIN + 6);
	ksft_ok(sigtimedwait(&set, &si, &zero) == SIGUSR1 && si.si_code == SI_USER && si.si_pid == 0,
		"the standard one comes without its siginfo (SI_USER, si_pid 0)");
	n = ~0UL;
	sigq(&n, &l);
	ksft_ok(n == n0, "SigQ back to %lu (%lu)", n0, n);
	rl.rlim_cur = lim;
	setrlimit(RLIMIT_SIGPENDING, &rl);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 6);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
	
	ksft_plan(23);
	test_sigwaitinfo();
	test_handler_order();
	test_standard_coalesce();
	test_lowest_first();
	test_signalfd();
	test_thread_and_process();
	test_fork_exit();
	test_rlimit();
	ksft_exit();
}
