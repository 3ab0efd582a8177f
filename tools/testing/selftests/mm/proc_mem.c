/*
 * proc_mem: /proc/<pid>/mem reads and writes a process's memory through
 * its page tables.  A parent writing into its forked child's copy of a
 * COW-shared page changes the child's copy only; an unmapped address
 * gives EIO.  As ptrace's, writes go into read-only private mappings
 * (the process's own copy, still not writable by it: a store faults),
 * including the program's text, never into the file; a read-only shared
 * mapping refuses them (EIO).  Offsets are 64-bit: an address above
 * 2 GiB is a negative 32-bit off_t.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile int value = 1234;
static sigjmp_buf jb;

static void on_segv(int sig __attribute__((unused)))
{
	siglongjmp(jb, 1);
}

/* Does a store to @p fault? */
static int store_faults(volatile char *p)
{
	struct sigaction sa = { .sa_handler = on_segv }, old;
	int faulted = 0;

	sigaction(SIGSEGV, &sa, &old);
	if (!sigsetjmp(jb, 1))
		*p = 1;
	else
		faulted = 1;
	sigaction(SIGSEGV, &old, NULL);
	return faulted;
}

/* Forced writes into read-only mappings: anonymous, a file, our own text. */
static void forced_writes(int fd)
{
	char tmpl[] = "/tmp/proc_mem.XXXXXX", byte = 0;
	int file = mkstemp(tmpl);
	char *ro = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *fro, *sro;

	ksft_ok(pwrite64(fd, "A", 1, (off64_t)(uintptr_t)ro) == 1 && ro[0] == 'A' && store_faults(ro),
		"a forced write into a read-only private mapping; the process still cannot store");
	if (file < 0 || write(file, "f", 1) != 1)
		return;
	unlink(tmpl);
	fro = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_PRIVATE, file, 0);
	sro = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_SHARED, file, 0);
	ksft_ok(pwrite64(fd, "B", 1, (off64_t)(uintptr_t)fro) == 1 && fro[0] == 'B' && sro[0] == 'f' &&
		pread(file, &byte, 1, 0) == 1 && byte == 'f',
		"into a private file mapping: the copy changes, the file does not");
	ksft_ok(pwrite64(fd, "C", 1, (off64_t)(uintptr_t)sro) == -1 && errno == EIO,
		"into a read-only shared mapping: EIO");
	byte = *(volatile char *)store_faults;
	ksft_ok(pwrite64(fd, &byte, 1, (off64_t)(uintptr_t)store_faults) == 1, "into our own text");
	close(file);
}

int main(void)
{
	int fd = open("/proc/self/mem", O_RDWR), got = 0, put = 99, status, p[2];
	char path[64], *hole;
	pid_t pid;

	ksft_plan(8);
	ksft_ok(fd >= 0 && pread64(fd, &got, sizeof(got), (off64_t)(uintptr_t)&value) == sizeof(got) &&
		got == 1234, "reading our own memory");
	ksft_ok(pwrite64(fd, &put, sizeof(put), (off64_t)(uintptr_t)&value) == sizeof(put) && value == 99,
		"writing our own memory");
	hole = mmap(NULL, KSFT_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, KSFT_PAGE);
	ksft_ok(pread64(fd, &got, sizeof(got), (off64_t)(uintptr_t)hole) == -1 && errno == EIO,
		"an unmapped address gives EIO");
	forced_writes(fd);
	close(fd);
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		char c;

		(void)!read(p[0], &c, 1);
		_exit(value == 7 ? 0 : 1);
	}
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	put = 7;
	got = fd >= 0 && pwrite64(fd, &put, sizeof(put), (off64_t)(uintptr_t)&value) == sizeof(put);
	(void)!write(p[1], "x", 1);
	waitpid(pid, &status, 0);
	ksft_ok(got && KSFT_EXITED(status, 0) && value == 99,
		"writing a child's COW page changes the child's copy only");
	ksft_exit();
}
