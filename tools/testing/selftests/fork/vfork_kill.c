/*
 * A vfork() parent waits for its child to exec or exit, but SIGKILL must
 * still end it (Linux's wait is killable): here the vfork child stops
 * itself, and the parent is killed while it waits.  Then the stopped
 * child, continued, must exit normally: its parent is gone, and it must
 * not touch it.
 */
#include "../kselftest.h"
#include <signal.h>
#include <time.h>

/* waitpid(@pid) for up to @ms milliseconds; the pid, 0, or -1. */
static pid_t wait_for(pid_t pid, int *st, int ms)
{
	for (int i = 0; i < ms / 10; i++) {
		pid_t r = waitpid(pid, st, WNOHANG);
		struct timespec t = { 0, 10 * 1000 * 1000 };

		if (r)
			return r;
		nanosleep(&t, NULL);
	}
	return 0;
}

int main(void)
{
	int fds[2], st = 0;
	pid_t mid, grandchild = 0;

	ksft_plan(3);
	if (pipe(fds))
		return 1;
	mid = fork();
	if (mid == 0) {
		pid_t c;

		close(fds[0]);
		c = vfork();
		if (c == 0) {
			pid_t me = getpid();

			if (write(fds[1], &me, sizeof(me)) != sizeof(me))
				_exit(3);
			raise(SIGSTOP);
			_exit(0);
		}
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &grandchild, sizeof(grandchild)) != sizeof(grandchild))
		grandchild = 0;
	ksft_ok(grandchild > 0, "the vfork child is running (pid %d)", grandchild);
	{
		struct timespec t = { 0, 200 * 1000 * 1000 };

		nanosleep(&t, NULL);	/* let it stop */
	}
	kill(mid, SIGKILL);
	ksft_ok(wait_for(mid, &st, 3000) == mid && KSFT_SIGNALLED(st, SIGKILL),
		"SIGKILL ends a vfork parent waiting for its stopped child");
	if (grandchild > 0) {
		int alive;

		kill(grandchild, SIGCONT);
		/* Reparented to init: poll until it is gone. */
		for (int i = 0; i < 300 && (alive = kill(grandchild, 0) == 0); i++) {
			struct timespec t = { 0, 10 * 1000 * 1000 };

			nanosleep(&t, NULL);
		}
		ksft_ok(!alive, "the orphaned vfork child, continued, exits");
	} else {
		ksft_ok(0, "the orphaned vfork child, continued, exits");
	}
	if (kill(mid, 0) == 0)
		kill(mid, SIGKILL);
	ksft_exit();
}
