/*
 * waits_timers: wait() when children are reaped automatically, very long
 * alarms, kill() of a zombie, and the time left after an interrupted
 * nanosleep().
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* Under @how of SIGCHLD, wait() for an exiting child: ECHILD, not a hang. */
static void wait_autoreaped(void (*how)(int), int flags, const char *what)
{
	pid_t child;
	int r;

	set_handler(SIGCHLD, how, flags);
	child = fork();
	if (child == 0) {
		usleep(100 * 1000);
		_exit(0);
	}
	alarm(5);			/* a hang becomes a SIGALRM kill */
	r = wait(NULL);
	alarm(0);
	ksft_ok(child > 0 && r == -1 && errno == ECHILD, "wait() with %s: ECHILD", what);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void long_timers(void)
{
	struct itimerval v = { { 0, 0 }, { 0x7fffffff, 0 } }, got;
	unsigned int left;

	set_handler(SIGALRM, on_alarm, 0);
	alarm(21474837);		/* 248 days: more than 2^31 jiffies at HZ=100 */
	sleep_ms(200);
	left = alarm(0);
	ksft_ok(alarms == 0 && left > 1000000, "alarm of 248 days does not fire at once (%u s left)",
		left);
	ksft_ok(setitimer(ITIMER_REAL, &v, NULL) == 0, "setitimer for INT_MAX seconds");
	sleep_ms(200);
	ksft_ok(getitimer(ITIMER_REAL, &got) == 0 && alarms == 0 && got.it_value.tv_sec > 1000000,
		"... does not fire at once either");
	memset(&v, 0, sizeof(v));
	setitimer(ITIMER_REAL, &v, NULL);
}

static void kill_zombie(void)
{
	pid_t child = fork();
	int status;

	if (child == 0)
		_exit(3);
	sleep_ms(100);			/* the child is now a zombie */
	ksft_ok(kill(child, 0) == 0, "kill(zombie, 0) succeeds");
	ksft_ok(kill(child, SIGTERM) == 0 && waitpid(child, &status, 0) == child &&
		WIFEXITED(status) && WEXITSTATUS(status) == 3,
		"a signal to a zombie changes nothing");
}

static void nanosleep_rem(void)
{
	struct timespec req = { 2, 0 }, rem = { -1, -1 };
	int r;

	set_handler(SIGALRM, on_alarm, 0);
	alarms = 0;
	alarm(1);
	r = nanosleep(&req, &rem);
	ksft_ok(r == -1 && errno == EINTR && alarms == 1, "nanosleep interrupted by a handler: EINTR");
	ksft_ok(rem.tv_sec >= 0 && rem.tv_sec <= 1 && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000 &&
		(rem.tv_sec > 0 || rem.tv_nsec > 100000000),
		"... and rem holds the time left (%ld.%09ld s)", (long)rem.tv_sec, rem.tv_nsec);
}

int main(void)
{
	ksft_plan(9);
	wait_autoreaped(SIG_IGN, 0, "SIGCHLD ignored");
	wait_autoreaped(SIG_DFL, SA_NOCLDWAIT, "SA_NOCLDWAIT");
	long_timers();
	kill_zombie();
	nanosleep_rem();
	ksft_exit();
}
