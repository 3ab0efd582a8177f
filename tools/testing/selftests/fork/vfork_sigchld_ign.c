/* vfork() returns in the parent when the child exits while SIGCHLD is ignored (auto-reaped child). */
#include "../kselftest.h"
#include <signal.h>
#include <time.h>

#define ROUNDS 20

/* The worker: vforks ROUNDS children that exit at once; exits 0 if every
 * vfork returned a pid. */
static void vfork_rounds(void *unused)
{
	(void)unused;
	signal(SIGCHLD, SIG_IGN);
	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = vfork();

		if (pid == 0)
			_exit(0);
		if (pid < 0)
			_exit(2);
	}
	_exit(0);
}

/* Waits up to @ms for @pid; returns its status, or -1 if it is still running. */
static int wait_bounded(pid_t pid, int ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status;

	for (int t = 0; t < ms; t += 10) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	return -1;
}

int main(void)
{
	pid_t pid;
	int status;

	ksft_plan(2);
	pid = fork();
	if (pid == 0)
		vfork_rounds(NULL);
	status = pid > 0 ? wait_bounded(pid, 5000) : -1;
	ksft_ok(status != -1, "%d vforks with SIGCHLD ignored return within 5 s", ROUNDS);
	ksft_ok(KSFT_EXITED(status, 0), "every vfork returned the child's pid");
	if (status == -1 && pid > 0)
		kill(pid, SIGKILL);
	ksft_exit();
}
