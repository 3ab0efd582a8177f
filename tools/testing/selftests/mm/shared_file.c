/*
 * shared_file: a MAP_SHARED file mapping is the file: writes through it
 * are seen by read(), by the other side of a fork, and after munmap; a
 * shrunk file gives SIGBUS; a read-only descriptor cannot map for writing.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

#define SIZE (2 * KSFT_PAGE)

static char *map;

static void child_writes(void *arg)
{
	(void)arg;
	memcpy(map + 100, "from the child", 15);
}

static void touch_second_page(void *arg)
{
	(void)arg;
	*(volatile char *)(map + KSFT_PAGE + 10) = 1;
}

int main(void)
{
	char path[] = "/tmp/linnet-shared-XXXXXX", buf[32] = { 0 };
	char zeros[SIZE];
	int fd, ro, st;
	void *r;

	ksft_plan(9);
	memset(zeros, 0, sizeof(zeros));
	fd = mkstemp(path);
	if (fd < 0 || write(fd, zeros, SIZE) != SIZE)
		return 1;
	map = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	memcpy(map, "hello", 5);
	ksft_ok(pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5),
		"a write through the mapping is seen by read()");
	ksft_ok(pwrite(fd, "WORLD", 5, 50) == 5 && !memcmp(map + 50, "WORLD", 5),
		"a write() is seen through the mapping");
	st = ksft_run_child(child_writes, NULL);
	ksft_ok(KSFT_EXITED(st, 0) && !memcmp(map + 100, "from the child", 15),
		"the child's write after fork is the parent's too");
	ksft_ok(pread(fd, buf, 15, 100) == 15 && !memcmp(buf, "from the child", 15),
		"and it is in the file");
	ksft_ok(msync(map, SIZE, MS_SYNC) == 0 &&
		msync(map, SIZE, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL,
		"msync: MS_SYNC works, MS_SYNC|MS_ASYNC is EINVAL");
	ksft_ok(ftruncate(fd, KSFT_PAGE) == 0 &&
		KSFT_SIGNALLED(ksft_run_child(touch_second_page, NULL), SIGBUS),
		"after the file shrinks, a page past its end gives SIGBUS");
	ksft_ok(munmap(map, SIZE) == 0 && pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5),
		"the data outlives the mapping");
	ro = open(path, O_RDONLY);
	r = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	ksft_ok(r == MAP_FAILED && errno == EACCES,
		"MAP_SHARED|PROT_WRITE of a read-only descriptor: EACCES");
	r = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_SHARED, ro, 0);
	ksft_ok(r != MAP_FAILED && mprotect(r, KSFT_PAGE, PROT_READ | PROT_WRITE) == -1 &&
		errno == EACCES, "and mprotect cannot add write to it: EACCES");
	close(ro);
	close(fd);
	unlink(path);
	ksft_exit();
}
