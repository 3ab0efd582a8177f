/*
 * vfork_leak (Linnet only): a vfork child shares its parent's mm, so it
 * adds no page tables, and its exit or exec only drops a reference.
 * Hundreds of vfork/_exit, vfork/execve and posix_spawn rounds leave free
 * memory within 16 KiB of where it was.
 */
#include "../kselftest.h"
#include <fcntl.h>
#include <spawn.h>
#include <sys/sysinfo.h>

#define ROUNDS 300
#define WARMUP 10	/* let caches reach their steady size first */
#define SLACK (16 * 1024)
#define CHILD_ARG "--vfork-leak-child"

extern char **environ;

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return 0;
	return (unsigned long long)si.freeram * (si.mem_unit ? si.mem_unit : 1);
}

static int wait_ok(pid_t pid)
{
	int st;

	return pid > 0 && waitpid(pid, &st, 0) == pid && KSFT_EXITED(st, 0);
}

/* One vfork whose child _exits (or execs @argv, if given); 1 if it went well. */
static int one_vfork(char *const argv[])
{
	char *envp[] = { NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		if (argv)
			execve(argv[0], argv, envp);
		_exit(argv ? 127 : 0);
	}
	return wait_ok(pid);
}

static int vfork_exit_rounds(const char *self, int n)
{
	(void)self;
	for (int i = 0; i < n; i++)
		if (!one_vfork(NULL))
			return 0;
	return 1;
}

static int vfork_exec_rounds(const char *self, int n)
{
	char *argv[] = { (char *)self, CHILD_ARG, NULL };

	for (int i = 0; i < n; i++)
		if (!one_vfork(argv))
			return 0;
	return 1;
}

static int spawn_rounds(const char *self, int n)
{
	char *argv[] = { (char *)self, CHILD_ARG, NULL };

	for (int i = 0; i < n; i++) {
		pid_t pid;

		if (posix_spawn(&pid, self, NULL, NULL, argv, environ) || !wait_ok(pid))
			return 0;
	}
	return 1;
}

/* Runs @fn for WARMUP, then ROUNDS rounds, and checks free memory. */
static void leak_check(int (*fn)(const char *, int), const char *self, const char *what)
{
	unsigned long long before, after;
	int ok = fn(self, WARMUP);

	before = free_bytes();
	ok = ok && fn(self, ROUNDS);
	after = free_bytes();
	ksft_ok(ok, "%d rounds of %s", ROUNDS, what);
	ksft_ok(before && after + SLACK >= before, "%s: free memory back within 16 KiB "
		"(lost %lld bytes)", what, (long long)(before - after));
}

/* "PageTables:" of /proc/meminfo in kB, or -1. */
static long page_tables_kb(void)
{
	static char buf[4096];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;
	char *p;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "PageTables:");
	return p ? strtol(p + 11, NULL, 10) : -1;
}

/* Seen from inside a vfork child, PageTables has not grown: one mm, counted once. */
static int child_adds_no_page_tables(void)
{
	static volatile long in_child;
	long before = page_tables_kb();
	pid_t pid;

	in_child = -1;
	pid = vfork();
	if (pid == 0) {
		in_child = page_tables_kb();
		_exit(0);
	}
	if (!wait_ok(pid))
		return 0;
	ksft_diag("PageTables: %ld kB before vfork, %ld kB in the child", before, in_child);
	return before > 0 && in_child == before;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], CHILD_ARG))
		return 0;
	ksft_plan(7);
	ksft_ok(child_adds_no_page_tables(), "a vfork child adds no page tables to /proc/meminfo");
	leak_check(vfork_exit_rounds, argv[0], "vfork/_exit/wait");
	leak_check(vfork_exec_rounds, argv[0], "vfork/execve/exit/wait");
	leak_check(spawn_rounds, argv[0], "posix_spawn/exit/wait");
	ksft_exit();
}
