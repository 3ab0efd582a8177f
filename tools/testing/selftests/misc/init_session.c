/*
 * pid 1's session and process group are 0, as Linux's init (the kernel
 * threads' group): getsid(1) and getpgid(1) give 0; a child of ours
 * that calls setsid() leads a new session and group; setpgid() and
 * getsid() of a pid that does not exist give ESRCH.
 */
#include "../kselftest.h"

int main(void)
{
	int st = 0;
	pid_t pid;

	ksft_plan(4);
	ksft_ok(getsid(1) == 0, "getsid(1) is 0 (got %d)", (int)getsid(1));
	ksft_ok(getpgid(1) == 0, "getpgid(1) is 0 (got %d)", (int)getpgid(1));
	pid = fork();
	if (pid == 0)
		_exit(setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0 : 1);
	ksft_ok(pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0),
		"a child's setsid(): its own session and group");
	ksft_ok(getsid(0x3ffffff) == -1 && errno == ESRCH && getpgid(0x3ffffff) == -1 &&
		errno == ESRCH, "a pid nobody has: ESRCH");
	ksft_exit();
}
