/*
 * proc_mem: /proc/<pid>/mem reads and writes a process's memory through
 * its page tables.  A parent writing into its forked child's copy of a
 * COW-shared page changes the child's copy only; an unmapped address
 * gives EIO.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static volatile int value = 1234;

int main(void)
{
	int fd = open("/proc/self/mem", O_RDWR), got = 0, put = 99, status, p[2];
	char path[64], *hole;
	pid_t pid;

	ksft_plan(4);
	ksft_ok(fd >= 0 && pread(fd, &got, sizeof(got), (uintptr_t)&value) == sizeof(got) &&
		got == 1234, "reading our own memory");
	ksft_ok(pwrite(fd, &put, sizeof(put), (uintptr_t)&value) == sizeof(put) && value == 99,
		"writing our own memory");
	hole = mmap(NULL, KSFT_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, KSFT_PAGE);
	ksft_ok(pread(fd, &got, sizeof(got), (uintptr_t)hole) == -1 && errno == EIO,
		"an unmapped address gives EIO");
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
	got = fd >= 0 && pwrite(fd, &put, sizeof(put), (uintptr_t)&value) == sizeof(put);
	(void)!write(p[1], "x", 1);
	waitpid(pid, &status, 0);
	ksft_ok(got && KSFT_EXITED(status, 0) && value == 99,
		"writing a child's COW page changes the child's copy only");
	ksft_exit();
}
