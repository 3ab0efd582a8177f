/*
 * dev_zero: mmap of /dev/zero as Linux does it.  MAP_PRIVATE gives
 * private anonymous memory (zeros, writable, copied on write after fork,
 * never shared); MAP_SHARED gives shared anonymous memory (a parent and
 * its child see each other's stores).  Both work at a fixed address at
 * or above vm.mmap_min_addr, and reading /dev/zero still gives zeros.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define LEN	(4 * KSFT_PAGE)

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* A child stores 'c' into @p; what the parent then sees. */
static char child_store(volatile char *p)
{
	pid_t pid = fork();

	if (pid == 0) {
		p[0] = 'c';
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return p[0];
}

int main(void)
{
	int fd = open("/dev/zero", O_RDWR);
	char *priv, *shared, *fixed, buf[16];

	ksft_plan(7);
	if (fd < 0)
		return 1;
	priv = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ksft_ok(priv != MAP_FAILED && all_zero(priv, LEN), "MAP_PRIVATE of /dev/zero reads zeros");
	if (priv != MAP_FAILED) {
		priv[LEN - 1] = 'p';
		ksft_ok(priv[LEN - 1] == 'p' && child_store(priv) == 0,
			"it is private: writable, and a child's store stays the child's");
	} else {
		ksft_ok(0, "it is private");
	}
	shared = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ksft_ok(shared != MAP_FAILED && all_zero(shared, LEN), "MAP_SHARED of /dev/zero reads zeros");
	ksft_ok(shared != MAP_FAILED && child_store(shared) == 'c',
		"it is shared: the parent sees its child's store");
	fixed = mmap((void *)0x20000000, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
		     fd, 0);
	ksft_ok(fixed == (void *)0x20000000 && fixed[0] == 0, "MAP_FIXED at 512 MiB works");
	ksft_ok(read(fd, buf, sizeof(buf)) == sizeof(buf) && all_zero(buf, sizeof(buf)),
		"read() of /dev/zero still gives zeros");
	ksft_ok(mmap(NULL, LEN, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE, fd, 0) != MAP_FAILED,
		"PROT_EXEC too (a private anonymous mapping)");
	ksft_exit();
}
