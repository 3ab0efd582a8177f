/* interrupt: EINTR and SA_RESTART, alarm and pause, sigsuspend, SIGCHLD, altstack. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile sig_atomic_t alarms, chld, on_alt;
static char *alt;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_chld(int sig)
{
	(void)sig;
	chld++;
}

static void on_usr1_alt(int sig)
{
	char here;

	(void)sig;
	on_alt = &here >= alt && &here < alt + 65536;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* A read from an empty pipe, interrupted by an alarm after 50 ms. */
static ssize_t interrupted_read(int restart, int *p)
{
	struct itimerval it = { { 0, 0 }, { 0, 50000 } };
	char c;

	set_handler(SIGALRM, on_alarm, restart ? SA_RESTART : 0);
	setitimer(ITIMER_REAL, &it, NULL);
	return read(p[0], &c, 1);
}

int main(void)
{
	int p[2], st;
	ssize_t n;
	pid_t pid;
	sigset_t mask, old;
	stack_t ss;

	ksft_plan(7);
	if (pipe(p))
		return 1;
	n = interrupted_read(0, p);
	ksft_ok(n == -1 && errno == EINTR && alarms == 1, "without SA_RESTART a blocked read gives EINTR");
	pid = fork();
	if (pid == 0) {			/* writes after the parent's alarm has fired */
		usleep(200000);
		write(p[1], "x", 1);
		_exit(0);
	}
	n = interrupted_read(1, p);
	ksft_ok(n == 1 && alarms == 2, "with SA_RESTART the read goes on and gets the byte");
	waitpid(pid, &st, 0);
	alarm(1);
	ksft_ok(pause() == -1 && errno == EINTR && alarms == 3, "alarm wakes pause with EINTR");
	set_handler(SIGCHLD, on_chld, 0);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	pid = fork();
	if (pid == 0)
		_exit(3);
	sigsuspend(&old);		/* waits for SIGCHLD with it unblocked */
	sigprocmask(SIG_SETMASK, &old, NULL);
	ksft_ok(chld == 1 && waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 3,
		"SIGCHLD arrives when a child exits; sigsuspend waits for it");
	pid = fork();
	if (pid == 0)
		abort();
	ksft_ok(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
		"abort() kills with SIGABRT");
	alt = malloc(65536);
	ss.ss_sp = alt;
	ss.ss_size = 65536;
	ss.ss_flags = 0;
	set_handler(SIGUSR1, on_usr1_alt, SA_ONSTACK);
	ksft_ok(sigaltstack(&ss, NULL) == 0 && raise(SIGUSR1) == 0 && on_alt,
		"SA_ONSTACK runs the handler on the alternate stack");
	ss.ss_size = 1024;
	ksft_ok(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM, "a too small alternate stack: ENOMEM");
	ksft_exit();
}
