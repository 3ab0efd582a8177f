/* exec_leak (Linnet only): 500 fork/exec/exit rounds leak < 16 KiB. */
#include "../kselftest.h"
#include <sys/sysinfo.h>

#define ROUNDS 500
#define WARMUP 10	/* let caches reach their steady size first */
#define SLACK (16 * 1024)
#define CHILD_ARGV0 "exec_leak-child"

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.freeram * (si.mem_unit ? si.mem_unit : 1);
}

static int rounds(char *self, int n)
{
	char *argv[] = { CHILD_ARGV0, NULL }, *envp[] = { NULL };

	for (int i = 0; i < n; i++) {
		int st;
		pid_t pid = fork();

		if (pid < 0)
			return 0;
		if (pid == 0) {
			execve(self, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !KSFT_EXITED(st, 0)) {
			ksft_diag("round %d: status %#x", i, st);
			return 0;
		}
	}
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long long before, after;
	int ok;

	(void)argc;
	if (!strcmp(argv[0], CHILD_ARGV0))
		return 0;
	ksft_plan(2);
	ok = rounds(argv[0], WARMUP);
	before = free_bytes();
	ok = ok && rounds(argv[0], ROUNDS);
	after = free_bytes();
	ksft_ok(ok, "%d rounds of fork/execve/exit/wait", ROUNDS);
	ksft_diag("free before %llu, after %llu", before, after);
	ksft_ok(before && after + SLACK >= before,
		"free memory back to within 16 KiB (lost %lld bytes)",
		(long long)(before - after));
	ksft_exit();
}
