/* select: fd_set results, timeouts and the time left, EINTR, pselect masks, old select, errors. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

struct timeval32 {
	int32_t sec, usec;
};

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	(void)sig;
	caught++;
}

static void set_handler(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* _newselect (142) with a 32-bit timeval, whatever glibc's select uses. */
static long newselect(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval32 *tv)
{
	return syscall(142, n, r, w, e, tv);
}

static void results(int *p)
{
	struct timeval zero = { 0, 0 };
	fd_set r, w, e;
	int n;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	n = select(p[1] + 1, &r, &w, NULL, &zero);
	ksft_ok(n == 1 && !FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w),
		"empty pipe: only the write end is ready (%d)", n);
	FD_SET(p[0], &r);
	n = write(p[1], "x", 1);
	n = select(p[1] + 1, &r, &w, NULL, &zero);
	ksft_ok(n == 2 && FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w), "after a write both are (%d)", n);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(p[1], &r);
	FD_ZERO(&w);
	FD_SET(p[0], &w);
	FD_SET(p[0], &e);
	n = select(p[1] + 1, &r, &w, &e, &zero);
	ksft_ok(n == 1 && FD_ISSET(p[0], &r) && !FD_ISSET(p[1], &r) && !FD_ISSET(p[0], &w) &&
		!FD_ISSET(p[0], &e), "each bit is answered for its own set (%d)", n);
	n = read(p[0], &r, 1);		/* empty again for the waits that follow */
}

static void timeouts(int *p)
{
	struct timeval32 tv = { 0, 150000 };
	fd_set r;
	long t0 = now_ms(), n, dt;

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = newselect(p[0] + 1, &r, NULL, NULL, &tv);
	dt = now_ms() - t0;
	ksft_ok(n == 0 && !FD_ISSET(p[0], &r) && dt >= 140 && dt < 5000 && !tv.sec && !tv.usec,
		"a 150 ms timeout expires, clears the set, leaves 0 s (%ld ms)", dt);
	tv = (struct timeval32){ 0, 60000 };
	t0 = now_ms();
	n = newselect(0, NULL, NULL, NULL, &tv);
	dt = now_ms() - t0;
	ksft_ok(n == 0 && dt >= 55, "select with no sets sleeps (%ld ms)", dt);
	tv = (struct timeval32){ 0, 1500000 };
	FD_SET(p[1], &r);
	n = newselect(p[1] + 1, NULL, &r, NULL, &tv);
	ksft_ok(n == 1 && tv.sec == 1 && tv.usec > 400000,
		"tv_usec over a second is carried, and the time left written (%d.%06d)", tv.sec, tv.usec);
}

/* A child writes after 100 ms; select with 2 s wakes and reports the rest. */
static void woken(void)
{
	struct timeval32 tv = { 2, 0 };
	int p[2], st;
	long n, t0;
	fd_set r;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(write(p[1], "w", 1) == 1 ? 0 : 1);
	}
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	t0 = now_ms();
	n = newselect(p[0] + 1, &r, NULL, NULL, &tv);
	ksft_ok(n == 1 && FD_ISSET(p[0], &r) && now_ms() - t0 >= 80 && tv.sec <= 1 &&
		tv.sec * 1000000L + tv.usec > 500000, "a writer wakes select, the time left is written (%d.%06d)",
		tv.sec, tv.usec);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
}

static void interrupted(int *p)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	struct timespec ts = { 2, 0 };
	sigset_t block, empty, now;
	fd_set r;
	int n;

	set_handler(SIGALRM);
	setitimer(ITIMER_REAL, &it, NULL);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	caught = 0;
	n = select(p[0] + 1, &r, NULL, NULL, NULL);
	ksft_ok(n == -1 && errno == EINTR && caught == 1, "SIGALRM interrupts select: EINTR");
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	set_handler(SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	FD_SET(p[0], &r);
	n = pselect(p[0] + 1, &r, NULL, NULL, &ts, &empty);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ksft_ok(n == -1 && errno == EINTR && caught == 2 && sigismember(&now, SIGUSR1),
		"pselect's mask lets a blocked signal in, then the old mask is back");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
}

static void raw_calls(int *p)
{
	struct timeval32 tv = { 0, 0 };
	struct { unsigned long n; fd_set *r, *w, *e; struct timeval32 *tv; } args;
	struct { int32_t sec, nsec; } ts = { 0, 0 };
	struct { const void *ss; uint32_t len; } sig;
	uint64_t mask = 0;
	fd_set w;
	long n;

	FD_ZERO(&w);
	FD_SET(p[1], &w);
	args = (typeof(args)){ p[1] + 1, NULL, &w, NULL, &tv };
	n = syscall(82, &args);
	ksft_ok(n == 1 && FD_ISSET(p[1], &w), "old select (82) takes its arguments in a block");
	sig = (typeof(sig)){ &mask, 4 };
	n = syscall(308, p[1] + 1, NULL, &w, NULL, &ts, &sig);
	ksft_ok(n == -1 && errno == EINVAL, "pselect6 with a 4-byte sigset: EINVAL");
	sig.len = 8;
	n = syscall(308, p[1] + 1, NULL, &w, NULL, &ts, &sig);
	ksft_ok(n == 1, "pselect6 with an 8-byte sigset");
}

static void errors(int *p)
{
	struct timeval32 tv = { 0, 0 };
	fd_set r;
	long n;

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(20, &r);	/* below 32: Linux cuts nfds to its table size */
	n = newselect(21, &r, NULL, NULL, &tv);
	ksft_ok(n == -1 && errno == EBADF, "a closed descriptor in a set: EBADF");
	n = newselect(-1, NULL, NULL, NULL, &tv);
	ksft_ok(n == -1 && errno == EINVAL, "nfds < 0: EINVAL");
	tv.usec = -1;
	n = newselect(0, NULL, NULL, NULL, &tv);
	ksft_ok(n == -1 && errno == EINVAL, "a negative tv_usec: EINVAL");
	tv = (struct timeval32){ -1, 0 };
	n = newselect(0, NULL, NULL, NULL, &tv);
	ksft_ok(n == -1 && errno == EINVAL, "a negative tv_sec: EINVAL");
	tv.sec = 0;
	n = newselect(p[0] + 1, (fd_set *)8, NULL, NULL, &tv);
	ksft_ok(n == -1 && errno == EFAULT, "a bad fd_set pointer: EFAULT");
	n = newselect(0, NULL, NULL, NULL, (struct timeval32 *)8);
	ksft_ok(n == -1 && errno == EFAULT, "a bad timeval pointer: EFAULT");
}

static void hangups(void)
{
	struct timeval zero = { 0, 0 };
	int p[2], q[2], n;
	fd_set r, w;

	if (pipe(p) || pipe(q))
		return;
	close(p[1]);
	close(q[0]);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(q[1], &w);
	n = select(q[1] + 1 > p[0] + 1 ? q[1] + 1 : p[0] + 1, &r, &w, NULL, &zero);
	ksft_ok(n == 2 && FD_ISSET(p[0], &r) && FD_ISSET(q[1], &w),
		"no writer: readable (end of file); no reader: writable (EPIPE)");
	close(p[0]);
	close(q[1]);
}

int main(void)
{
	int p[2];

	ksft_plan(19);
	if (pipe(p))
		return 1;
	results(p);
	timeouts(p);
	woken();
	interrupted(p);
	raw_calls(p);
	errors(p);
	hangups();
	ksft_exit();
}
