/*
 * The ioctl requests every descriptor answers before its driver, as
 * Linux's do_vfs_ioctl: FIOCLEX/FIONCLEX (close-on-exec), FIONBIO
 * (O_NONBLOCK as F_SETFL: CPython's os.set_blocking), FIOASYNC (off:
 * 0, on: ENOTTY for a regular file),
 * FIOQSIZE (st_blocks * 512 of a file or directory, ENOTTY for a pipe),
 * FIONREAD of a regular file (bytes from the offset to the end); EFAULT
 * for bad pointers, EBADF for a closed descriptor or an O_PATH one,
 * ENOTTY for a terminal request on a pipe.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "../kselftest.h"

#define BAD_PTR ((void *)8)

int main(void)
{
	int p[2], fd, on, n, fl;
	long long q = -1;
	struct stat st;
	char buf[3000];

	ksft_plan(16);
	if (pipe(p) || (fd = open("/tmp/ioctl_generic", O_RDWR | O_CREAT | O_TRUNC, 0600)) < 0)
		ksft_exit();
	memset(buf, 'x', sizeof(buf));

	ksft_ok(ioctl(p[0], FIOCLEX) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC,
		"FIOCLEX sets close-on-exec on a pipe");
	ksft_ok(ioctl(p[0], FIONCLEX) == 0 && fcntl(p[0], F_GETFD) == 0,
		"FIONCLEX clears it");
	on = 1;
	ksft_ok(ioctl(p[0], FIONBIO, &on) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
		read(p[0], buf, 1) == -1 && errno == EAGAIN,
		"FIONBIO 1: the pipe's read end is non-blocking (EAGAIN)");
	on = 0;
	fl = ioctl(p[0], FIONBIO, &on);
	ksft_ok(fl == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK), "FIONBIO 0 clears O_NONBLOCK");
	on = 7;
	ksft_ok(ioctl(fd, FIONBIO, &on) == 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) &&
		(fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR,
		"FIONBIO on a regular file: any non-zero sets O_NONBLOCK, the access mode stays");
	ksft_ok(ioctl(p[0], FIONBIO, BAD_PTR) == -1 && errno == EFAULT, "FIONBIO: EFAULT");
	on = 0;
	ksft_ok(ioctl(fd, FIOASYNC, &on) == 0 && !(fcntl(fd, F_GETFL) & O_ASYNC),
		"FIOASYNC 0 on a regular file: 0");
	on = 1;
	ksft_ok(ioctl(fd, FIOASYNC, &on) == -1 && errno == ENOTTY,
		"FIOASYNC 1 on a regular file (no SIGIO for it): ENOTTY");
	if (write(fd, buf, sizeof(buf)) != sizeof(buf) || lseek(fd, 1000, SEEK_SET) != 1000)
		ksft_exit();
	fl = ioctl(fd, FIONREAD, &n);
	ksft_ok(fl == 0 && n == 2000,
		"FIONREAD of a regular file: 2000 bytes from offset 1000 to the end (got %d)", n);
	lseek(fd, 5000, SEEK_SET);
	n = 1;
	fl = ioctl(fd, FIONREAD, &n);
	ksft_ok(fl == 0 && n == -2000,
		"FIONREAD past the end: negative, as Linux (got %d)", n);
	ksft_ok(ioctl(fd, FIONREAD, BAD_PTR) == -1 && errno == EFAULT, "FIONREAD: EFAULT");
	fstat(fd, &st);
	fl = ioctl(fd, FIOQSIZE, &q);
	ksft_ok(fl == 0 && q == (long long)st.st_blocks * 512,
		"FIOQSIZE of a regular file is st_blocks * 512 (%lld, %lld)", q,
		(long long)st.st_blocks * 512);
	int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	q = -1;
	ksft_ok(dir >= 0 && ioctl(dir, FIOQSIZE, &q) == 0 && q >= 0, "FIOQSIZE of a directory");
	ksft_ok(ioctl(p[1], FIOQSIZE, &q) == -1 && errno == ENOTTY, "FIOQSIZE of a pipe: ENOTTY");
	ksft_ok(ioctl(p[0], TCGETS, buf) == -1 && errno == ENOTTY,
		"a terminal request (TCGETS) on a pipe: ENOTTY");
	int path = open("/tmp/ioctl_generic", O_PATH);
	close(p[1]);
	ksft_ok(ioctl(p[1], FIOCLEX) == -1 && errno == EBADF && path >= 0 &&
		ioctl(path, FIOCLEX) == -1 && errno == EBADF,
		"EBADF: a closed descriptor, an O_PATH one");
	unlink("/tmp/ioctl_generic");
	ksft_exit();
}
