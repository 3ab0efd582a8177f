/* fork_exit_wait: exit codes and signals reach waitpid/wait4 exactly. */
#include "../kselftest.h"
#include <signal.h>
#include <sys/resource.h>

#define ROUNDS 200
#define BULK 16

static int rounds_waitpid(void)
{
	for (int i = 0; i < ROUNDS; i++) {
		int st;
		pid_t pid = fork();

		if (pid < 0)
			return 0;
		if (pid == 0)
			_exit(i & 0xff);
		if (waitpid(pid, &st, 0) != pid || !KSFT_EXITED(st, i & 0xff)) {
			ksft_diag("round %d: status %#x", i, st);
			return 0;
		}
	}
	return 1;
}

static int wait4_null_rusage(void)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(0x1a5);	/* only the low 8 bits are reported */
	return wait4(pid, &st, 0, NULL) == pid && KSFT_EXITED(st, 0xa5);
}

static void kill_self(void *unused)
{
	(void)unused;
	kill(getpid(), SIGKILL);
}

/* BULK children alive at once, reaped with waitpid(-1) in any order. */
static int bulk(void)
{
	pid_t pids[BULK];
	int seen[BULK] = { 0 };

	for (int i = 0; i < BULK; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return 0;
		if (pids[i] == 0)
			_exit(100 + i);
	}
	for (int n = 0; n < BULK; n++) {
		int st, i;
		pid_t pid = waitpid(-1, &st, 0);

		for (i = 0; i < BULK && pids[i] != pid; i++)
			;
		if (i == BULK || seen[i]++ || !KSFT_EXITED(st, 100 + i))
			return 0;
	}
	return 1;
}

/* WNOHANG: 0 while the child lives, its pid once it has exited. */
static int nohang(void)
{
	int p[2], st;
	char c;
	pid_t pid, r;

	if (pipe(p))
		return 0;
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 7 : 8);
	}
	close(p[0]);
	r = waitpid(pid, &st, WNOHANG);
	if (write(p[1], "x", 1) != 1 || r != 0)
		return 0;
	close(p[1]);
	return waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 7);
}

int main(void)
{
	int st;

	ksft_plan(6);
	ksft_ok(rounds_waitpid(), "%d rounds of fork, _exit(i & 0xff), waitpid: exact status",
		ROUNDS);
	ksft_ok(wait4_null_rusage(),
		"wait4 with a NULL rusage: pid and status, _exit(0x1a5) seen as 0xa5");
	st = ksft_run_child(kill_self, NULL);
	ksft_ok(KSFT_SIGNALLED(st, SIGKILL),
		"a child killed by SIGKILL reports it (status %#x)", st);
	ksft_ok(bulk(), "%d children alive at once, all reaped by waitpid(-1)", BULK);
	ksft_ok(nohang(), "WNOHANG returns 0 for a live child");
	errno = 0;
	ksft_ok(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "no children left: ECHILD");
	ksft_exit();
}
