/*
 * close_range(2), raw: a range of descriptors closed, or marked
 * close-on-exec with CLOSE_RANGE_CLOEXEC; holes are skipped; ~0U as the
 * end; EINVAL for a reversed range or unknown flags.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include "../kselftest.h"

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define CLOSE_RANGE_UNSHARE_ (1U << 1)
#define CLOSE_RANGE_CLOEXEC_ (1U << 2)

static long close_range_(unsigned int first, unsigned int last, unsigned int flags)
{
	return syscall(SYS_close_range, first, last, flags);
}

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

/* Descriptors 20..29 open (dups of 0), or -1. */
static int open_ten(void)
{
	for (int fd = 20; fd < 30; fd++)
		if (dup2(0, fd) != fd)
			return -1;
	return 0;
}

int main(void)
{
	int ok;

	ksft_plan(7);
	ok = open_ten() == 0;
	close(25);			/* a hole */
	ok = ok && close_range_(22, 27, 0) == 0;
	ok = ok && is_open(20) && is_open(21) && is_open(28) && is_open(29);
	for (int fd = 22; fd <= 27; fd++)
		ok = ok && !is_open(fd);
	ksft_ok(ok, "[22, 27] closed (25 was already), 20, 21, 28, 29 stay");

	ok = open_ten() == 0 && close_range_(20, 24, CLOSE_RANGE_CLOEXEC_) == 0;
	for (int fd = 20; fd < 30; fd++)
		ok = ok && is_open(fd) && (fcntl(fd, F_GETFD) == (fd <= 24 ? FD_CLOEXEC : 0));
	ksft_ok(ok, "CLOSE_RANGE_CLOEXEC marks [20, 24] close-on-exec and closes nothing");

	ksft_ok(close_range_(20, ~0U, CLOSE_RANGE_UNSHARE_) == 0 && !is_open(20) && !is_open(29) &&
		is_open(0) && is_open(1), "[20, ~0U] closes all from 20 on (UNSHARE accepted)");

	errno = 0;
	ksft_ok(close_range_(5, 4, 0) == -1 && errno == EINVAL, "a reversed range is EINVAL");
	errno = 0;
	ksft_ok(close_range_(20, 30, 1) == -1 && errno == EINVAL, "an unknown flag is EINVAL");
	ksft_ok(close_range_(1000, 2000, 0) == 0, "a range with nothing open is 0");
	ksft_ok(close_range_(20, 20, 0) == 0, "one closed descriptor: 0 too");
	ksft_exit();
}
