/* groups: setsid, setpgid, getpgid, getsid, and kill() of a process group. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

int main(void)
{
	int p[2], st1, st2;
	pid_t a, b;
	char c;

	ksft_plan(5);
	if (pipe(p))
		return 1;
	a = fork();
	if (a == 0) {
		close(p[1]);
		if (setsid() != getpid() || getsid(0) != getpid() || getpgid(0) != getpid())
			_exit(1);
		read(p[0], &c, 1);	/* blocks until killed */
		_exit(2);
	}
	b = fork();
	if (b == 0) {
		close(p[1]);
		setpgid(0, 0);		/* a group of its own, same session as the parent */
		read(p[0], &c, 1);
		_exit(2);
	}
	usleep(100000);
	ksft_ok(getsid(a) == a && getpgid(a) == a, "setsid: a new session and group");
	ksft_ok(getpgid(b) == b && getsid(b) == getsid(0), "setpgid(0, 0): a new group");
	ksft_ok(setpgid(a, getpgrp()) == -1 && (errno == EPERM || errno == ESRCH),
		"a session leader cannot change group");
	ksft_ok(kill(-b, SIGTERM) == 0 && waitpid(b, &st2, 0) == b && WIFSIGNALED(st2) &&
		WTERMSIG(st2) == SIGTERM, "kill(-pgid) reaches the group");
	kill(a, SIGKILL);
	ksft_ok(waitpid(a, &st1, 0) == a && WTERMSIG(st1) == SIGKILL, "SIGKILL ends the other");
	ksft_exit();
}
