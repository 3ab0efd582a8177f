/*
 * What happens to a tracee when its tracer exits.  The tracer is a
 * middle process that attaches to a sibling and exits; the tracee's
 * real parent watches.
 *
 *   PTRACE_ATTACH, tracer waits for the attach stop, exits: the tracee
 *     leaves the stop and runs on; the SIGSTOP it was stopped for is
 *     not delivered again, so its real parent sees no stop (as Linux
 *     6.1: the signal of a signal-delivery stop is the tracer's to
 *     give back, and a tracer that exits gives none).
 *   PTRACE_SEIZE (no stop), tracer exits: the tracee runs on untouched.
 *   PTRACE_ATTACH, then PTRACE_CONT with no signal, tracer exits while
 *     the tracee runs: it runs on.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../kselftest.h"

/* The tracee: sleeps in short naps until killed. */
static void tracee_loop(void)
{
	for (;;)
		usleep(1000);
}

/* /proc/<pid>/stat's state letter, or '?' */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Waits up to a second for @pid's state to be (or, with @not, not be) @want. */
static int state_becomes(pid_t pid, char want, int not)
{
	for (int i = 0; i < 200; i++) {
		char s = proc_state(pid);

		if (not ? s != want : s == want)
			return 1;
		usleep(5000);
	}
	return 0;
}

enum how { ATTACH_STOPPED, SEIZE_RUNNING, ATTACH_CONTINUED };

/* The middle process: traces @tracee as @how says, then exits 0 (or 1..). */
static int tracer(pid_t tracee, enum how how)
{
	int status;

	if (how == SEIZE_RUNNING)
		return ptrace(PTRACE_SEIZE, tracee, 0, 0) ? 1 : 0;
	if (ptrace(PTRACE_ATTACH, tracee, 0, 0))
		return 2;
	if (waitpid(tracee, &status, __WALL) != tracee || !WIFSTOPPED(status) ||
	    WSTOPSIG(status) != SIGSTOP)
		return 3;
	if (how == ATTACH_CONTINUED && ptrace(PTRACE_CONT, tracee, 0, 0))
		return 4;
	return 0;
}

/* Forks a tracee and a tracer of it; the tracer's exit status, the tracee's pid in *@tp. */
static int run_tracer(enum how how, pid_t *tp)
{
	pid_t t = fork(), m;
	int status;

	if (t == 0)
		tracee_loop();
	*tp = t;
	m = fork();
	if (m == 0)
		_exit(tracer(t, how));
	if (t < 0 || m < 0 || waitpid(m, &status, 0) != m)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

static void reap(pid_t t)
{
	kill(t, SIGKILL);
	waitpid(t, NULL, 0);
}

static void test_attach_stopped(void)
{
	pid_t t;
	int r = run_tracer(ATTACH_STOPPED, &t), status;

	ksft_ok(r == 0, "attach: the tracer saw the SIGSTOP attach stop and exited (%d)", r);
	usleep(50000);
	ksft_ok(state_becomes(t, 'T', 1) && proc_state(t) != 't',
		"attach: after the tracer's exit the tracee runs on (state %c)", proc_state(t));
	ksft_ok(waitpid(t, &status, WNOHANG | WUNTRACED) == 0,
		"attach: nothing to report to its real parent");
	reap(t);
}

static void test_seize_running(void)
{
	pid_t t;
	int r = run_tracer(SEIZE_RUNNING, &t), status;

	ksft_ok(r == 0, "seize: the tracer seized and exited (%d)", r);
	usleep(50000);
	ksft_ok(proc_state(t) != 'T' && proc_state(t) != 't',
		"seize: the tracee runs on (state %c)", proc_state(t));
	ksft_ok(waitpid(t, &status, WNOHANG | WUNTRACED) == 0,
		"seize: nothing to report to its real parent");
	reap(t);
}

static void test_attach_continued(void)
{
	pid_t t;
	int r = run_tracer(ATTACH_CONTINUED, &t), status;

	ksft_ok(r == 0, "attach+cont: the tracer continued the tracee and exited (%d)", r);
	usleep(50000);
	ksft_ok(proc_state(t) != 'T' && proc_state(t) != 't',
		"attach+cont: the tracee runs on (state %c)", proc_state(t));
	ksft_ok(waitpid(t, &status, WNOHANG | WUNTRACED) == 0,
		"attach+cont: nothing to report to its real parent");
	reap(t);
}

int main(void)
{
	ksft_plan(9);
	test_attach_stopped();
	test_seize_running();
	test_attach_continued();
	ksft_exit();
}
