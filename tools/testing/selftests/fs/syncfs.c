/*
 * syncfs(2), raw: 0 for any open descriptor (a file, a directory, a
 * pipe), EBADF for a closed one and for an O_PATH one (fdget refuses it).
 */
#include <sys/syscall.h>
#include "../kselftest.h"

#define NR_syncfs 344

static long syncfs_(int fd)
{
	long r = syscall(NR_syncfs, fd);

	return r < 0 ? -errno : r;
}

int main(void)
{
	int dir = open("/", O_RDONLY | O_DIRECTORY), path = open("/", O_PATH), p[2];

	ksft_plan(3);
	ksft_ok(pipe(p) == 0 && syncfs_(dir) == 0 && syncfs_(p[0]) == 0 && syncfs_(1) == 0,
		"syncfs of a directory, a pipe, stdout: 0");
	ksft_ok(syncfs_(999) == -EBADF && syncfs_(-1) == -EBADF, "a closed descriptor EBADF");
	ksft_ok(syncfs_(path) == -EBADF, "an O_PATH descriptor EBADF");
	ksft_exit();
}
