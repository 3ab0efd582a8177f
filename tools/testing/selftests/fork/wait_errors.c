/*
 * wait_errors: waitpid and wait4 say ECHILD for a pid that is not a
 * child (init, ourselves, a child's child, a pid that does not exist, a
 * group with no child of ours), EINVAL for unknown options, EFAULT for a
 * bad status pointer, and leave a real child alone meanwhile.
 */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static int fails_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

int main(void)
{
	int p[2], go[2], st;
	pid_t child, grandchild = 0;

	ksft_plan(8);
	/*
	 * p carries the grandchild's pid up, go the byte that ends them: on
	 * one pipe the grandchild's read could take the pid's first byte.
	 */
	if (pipe(p) || pipe(go))
		return 1;
	child = fork();
	if (child == 0) {
		pid_t g = fork();
		char c;

		if (g == 0) {
			(void)!read(go[0], &c, 1);
			_exit(0);
		}
		(void)!write(p[1], &g, sizeof(g));
		(void)!read(go[0], &c, 1);
		kill(g, SIGKILL);
		waitpid(g, NULL, 0);
		_exit(0);
	}
	(void)!read(p[0], &grandchild, sizeof(grandchild));
	ksft_ok(fails_with(waitpid(1, &st, WNOHANG), ECHILD), "waitpid(1): ECHILD");
	ksft_ok(fails_with(waitpid(getpid(), &st, WNOHANG), ECHILD), "waitpid(self): ECHILD");
	ksft_ok(grandchild > 0 && fails_with(waitpid(grandchild, &st, WNOHANG), ECHILD),
		"waitpid(a child's child): ECHILD");
	ksft_ok(fails_with(waitpid(32767, &st, WNOHANG), ECHILD) ||
		(kill(32767, 0) == 0), "waitpid(a pid nobody has): ECHILD");
	ksft_ok(fails_with(waitpid(-32000, &st, WNOHANG), ECHILD),
		"waitpid(-pgid of a group with no child of ours): ECHILD");
	ksft_ok(fails_with(waitpid(child, &st, 0x40000000 | 0x100), EINVAL),
		"waitpid with unknown options: EINVAL");
	ksft_ok(waitpid(child, &st, WNOHANG) == 0, "the real child is still there, running");
	(void)!write(go[1], "xx", 2);
	ksft_ok(fails_with(wait4(child, (int *)1, 0, NULL), EFAULT) ||
		waitpid(child, &st, 0) == child, "a bad status pointer: EFAULT (or the child is reaped)");
	waitpid(child, NULL, 0);
	ksft_exit();
}
