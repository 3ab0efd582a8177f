/*
 * posix_spawn: glibc starts the child with clone(CLONE_VM | CLONE_VFORK)
 * on a stack of its own, and the child reports a failed exec by storing
 * errno in the parent's memory.  So the child's exit status comes back
 * through waitpid, and a program that cannot be run is reported by
 * posix_spawn itself (ENOENT), not by a child exiting 127.
 */
#include "../kselftest.h"
#include <spawn.h>

#define CHILD_ARG	"--posix-spawn-child"

extern char **environ;

/* Spawns "@self CHILD_ARG @code [@msg]"; its wait status, or -1. */
static int spawn_and_wait(const char *self, const char *code, const char *msg,
			  const posix_spawn_file_actions_t *fa)
{
	char *argv[] = { (char *)self, CHILD_ARG, (char *)code, (char *)msg, NULL };
	int st, err;
	pid_t pid;

	err = posix_spawn(&pid, self, fa, NULL, argv, environ);
	if (err) {
		ksft_diag("posix_spawn: %s", strerror(err));
		return -1;
	}
	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static int status_comes_back(const char *self)
{
	int st = spawn_and_wait(self, "3", NULL, NULL);

	return st != -1 && KSFT_EXITED(st, 3);
}

static int missing_program_is_enoent(void)
{
	char *argv[] = { "no-such-program", NULL };
	pid_t pid = -1;
	int err = posix_spawn(&pid, "/no/such/program", NULL, NULL, argv, environ);

	if (!err) {
		int st;

		waitpid(pid, &st, 0);
		ksft_diag("posix_spawn returned 0, the child's status is %#x", st);
	}
	return err == ENOENT;
}

/* File actions run in the child: its stdout goes to our pipe. */
static int file_actions_run_in_child(const char *self)
{
	posix_spawn_file_actions_t fa;
	char buf[32] = "";
	int fds[2], st = -1, ok;
	ssize_t n;

	if (pipe(fds) || posix_spawn_file_actions_init(&fa))
		return 0;
	ok = !posix_spawn_file_actions_adddup2(&fa, fds[1], 1) &&
	     !posix_spawn_file_actions_addclose(&fa, fds[0]);
	if (ok)
		st = spawn_and_wait(self, "0", "spawned", &fa);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	posix_spawn_file_actions_destroy(&fa);
	return ok && st != -1 && KSFT_EXITED(st, 0) && n == 7 && !memcmp(buf, "spawned", 7);
}

static int many_spawns(const char *self, int n)
{
	for (int i = 0; i < n; i++) {
		int st = spawn_and_wait(self, "0", NULL, NULL);

		if (st == -1 || !KSFT_EXITED(st, 0)) {
			ksft_diag("spawn %d: status %#x", i, st);
			return 0;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], CHILD_ARG)) {
		if (argc > 3 && write(1, argv[3], strlen(argv[3])) < 0)
			return 100;
		return atoi(argv[2]);
	}
	ksft_plan(4);
	ksft_ok(status_comes_back(argv[0]), "posix_spawn: waitpid returns the child's exit status");
	ksft_ok(missing_program_is_enoent(), "posix_spawn of a missing program fails with ENOENT");
	ksft_ok(file_actions_run_in_child(argv[0]), "file actions (dup2, close) apply to the child");
	ksft_ok(many_spawns(argv[0], 50), "50 posix_spawn/waitpid rounds");
	ksft_exit();
}
