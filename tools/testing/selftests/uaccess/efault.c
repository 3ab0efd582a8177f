/* efault: bad user pointers give EFAULT from read/write/open/execve/pipe. */
#include "../kselftest.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

static struct {
	const char *name;
	unsigned long addr;
} bad[] = {
	{ "NULL", 0 },
	{ "0xC0000000", 0xC0000000UL },
	{ "0xFFFFF000", 0xFFFFF000UL },
	{ "unmapped", 0 },	/* filled in by main() */
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

/* argv[0] of every execve here: should one succeed, the new image sees it
 * and exits at once instead of running the tests again. */
#define EXEC_ARGV0 "efault-exec-should-fail"

static char *self;

/* The raw result of a system call: -errno on failure. */
static long raw(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);

	return r == -1 ? -errno : r;
}

static long read_into(unsigned long addr)
{
	int p[2];
	long r;

	if (pipe(p))
		return -9999;
	if (write(p[1], "data", 4) != 4)
		return -9999;
	r = raw(SYS_read, p[0], (long)addr, 4);
	close(p[0]);
	close(p[1]);
	return r;
}

static long write_from(unsigned long addr)
{
	int p[2];
	long r;

	if (pipe(p))
		return -9999;
	r = raw(SYS_write, p[1], (long)addr, 4);
	close(p[0]);
	close(p[1]);
	return r;
}

static long open_path(unsigned long addr)
{
	long r = raw(SYS_open, (long)addr, O_RDONLY, 0);

	if (r >= 0)
		close((int)r);
	return r;
}

/* execve runs in a child, so an unexpected success cannot replace us;
 * the child exits with the errno it got. */
static long exec_in_child(long path, long argv, long envp)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		long r = raw(SYS_execve, path, argv, envp);

		_exit(r < 0 && -r < 255 ? (int)-r : 255);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -9999;
	return -WEXITSTATUS(st);
}

static long exec_path(unsigned long addr)
{
	char *argv[] = { EXEC_ARGV0, NULL }, *envp[] = { NULL };

	return exec_in_child((long)addr, (long)argv, (long)envp);
}

static long exec_argv(unsigned long addr)
{
	char *envp[] = { NULL };

	return exec_in_child((long)self, (long)addr, (long)envp);
}

static long exec_argv_elem(unsigned long addr)
{
	char *argv[] = { EXEC_ARGV0, (char *)addr, NULL }, *envp[] = { NULL };

	return exec_in_child((long)self, (long)argv, (long)envp);
}

static long exec_envp(unsigned long addr)
{
	char *argv[] = { EXEC_ARGV0, NULL };

	return exec_in_child((long)self, (long)argv, (long)addr);
}

static long pipe_fds(unsigned long addr)
{
	return raw(SYS_pipe, (long)addr, 0, 0);
}

static const struct {
	const char *what;
	long (*call)(unsigned long addr);
	int skip_null;	/* NULL is legal here: Linux takes it as empty */
} calls[] = {
	{ "read() into", read_into, 0 },
	{ "write() from", write_from, 0 },
	{ "open() path at", open_path, 0 },
	{ "execve() filename at", exec_path, 0 },
	{ "execve() argv at", exec_argv, 1 },
	{ "execve() argv[1] at", exec_argv_elem, 1 },
	{ "execve() envp at", exec_envp, 1 },
	{ "pipe() fds at", pipe_fds, 0 },
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

int main(int argc, char **argv)
{
	void *page;

	if (argc < 1 || !argv[0][0] || !strcmp(argv[0], EXEC_ARGV0))
		return 100;	/* an execve that should have failed did not */
	self = argv[0];
	ksft_plan((int)(NCALLS * NBAD - 3));
	page = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page, KSFT_PAGE)) {
		ksft_diag("mmap/munmap: %s", strerror(errno));
		return 1;
	}
	bad[NBAD - 1].addr = (unsigned long)page;

	for (size_t c = 0; c < NCALLS; c++)
		for (size_t b = 0; b < NBAD; b++) {
			long r;

			if (calls[c].skip_null && bad[b].addr == 0)
				continue;
			r = calls[c].call(bad[b].addr);
			ksft_ok(r == -EFAULT, "%s %s: EFAULT (got %ld)",
				calls[c].what, bad[b].name, r);
		}
	ksft_exit();
}
