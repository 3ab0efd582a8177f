/*
 * preadv, pwritev, preadv2, pwritev2 (raw i386 calls: the offset as low
 * and high words): at an offset without moving the file position, offset
 * -1 of the *2 forms as readv/writev at the position, RWF_* flags
 * (EOPNOTSUPP for unknown ones, RWF_APPEND, RWF_NOWAIT only where 6.1
 * takes it: /dev/null yes, RAM files and pipes no), and
 * the iovec and offset errors.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include "../kselftest.h"

#define NR_preadv	333
#define NR_pwritev	334
#define NR_preadv2	378
#define NR_pwritev2	379
#define RWF_HIPRI_	0x01
#define RWF_DSYNC_	0x02
#define RWF_SYNC_	0x04
#define RWF_NOWAIT_	0x08
#define RWF_APPEND_	0x10

static long rw(int nr, int fd, const struct iovec *iov, int cnt, int64_t pos, int flags)
{
	long r = syscall(nr, fd, iov, cnt, (unsigned long)pos,
			 (unsigned long)((uint64_t)pos >> 32), flags);

	return r < 0 ? -errno : r;
}

static int at(int fd)
{
	return (int)lseek(fd, 0, SEEK_CUR);
}

int main(void)
{
	char path[64], a[4] = "", b[8] = "", big[16] = "";
	struct iovec two[2] = { { a, 3 }, { b, 5 } };
	struct iovec w[2] = { { "abc", 3 }, { "defgh", 5 } };
	int fd, ro, p[2];

	ksft_plan(17);
	snprintf(path, sizeof(path), "/tmp/preadv2.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ro = open(path, O_RDONLY);
	unlink(path);

	ksft_ok(rw(NR_pwritev, fd, w, 2, 4, 0) == 8 && at(fd) == 0 &&
		pread(fd, big, 12, 0) == 12 && !memcmp(big, "\0\0\0\0abcdefgh", 12),
		"pwritev writes both buffers at offset 4, the position stays 0");
	ksft_ok(rw(NR_preadv, fd, two, 2, 5, 0) == 7 && at(fd) == 0 &&
		!memcmp(a, "bcd", 3) && !memcmp(b, "efgh", 4),
		"preadv fills the buffers from offset 5 (short at the end: 7)");
	ksft_ok(rw(NR_preadv2, fd, two, 2, -1, 0) == 8 && at(fd) == 8 &&
		rw(NR_preadv2, fd, two, 2, -1, 0) == 4 && at(fd) == 12,
		"preadv2 at offset -1 reads at the position and moves it");
	ksft_ok(rw(NR_pwritev2, fd, w, 1, -1, 0) == 3 && at(fd) == 15,
		"pwritev2 at offset -1 writes at the position and moves it");
	ksft_ok(rw(NR_pwritev2, fd, w, 1, 0, RWF_APPEND_) == 3 && at(fd) == 15 &&
		lseek(fd, 0, SEEK_END) == 18 && pread(fd, big, 3, 15) == 3 && !memcmp(big, "abc", 3),
		"RWF_APPEND writes at the end, whatever the offset");
	ksft_ok(rw(NR_pwritev2, fd, w, 2, 0, RWF_DSYNC_ | RWF_SYNC_ | RWF_HIPRI_) == 8 &&
		rw(NR_preadv2, fd, two, 2, 0, RWF_HIPRI_) == 8,
		"RWF_DSYNC, RWF_SYNC, RWF_HIPRI accepted");
	ksft_ok(rw(NR_preadv2, fd, two, 2, 0, 0x20) == -EOPNOTSUPP &&
		rw(NR_pwritev2, fd, w, 2, 0, 0x80000000) == -EOPNOTSUPP,
		"unknown RWF flags EOPNOTSUPP");
	ksft_ok(rw(NR_preadv, fd, two, 2, -1, 0) == -EINVAL &&
		rw(NR_preadv2, fd, two, 2, -2, 0) == -EINVAL &&
		rw(NR_pwritev, fd, w, 2, INT64_MIN, 0) == -EINVAL,
		"a negative offset EINVAL (-1 too for preadv)");
	ksft_ok(rw(NR_preadv, 999, two, 2, 0, 0) == -EBADF &&
		rw(NR_preadv, fd, two, 1025, 0, 0) == -EINVAL &&
		rw(NR_preadv, fd, NULL, 2, 0, 0) == -EFAULT,
		"EBADF, more than 1024 buffers EINVAL, a bad vector EFAULT");
	{
		struct iovec neg[2] = { { a, 3 }, { b, (size_t)-1 } };
		struct iovec bad[2] = { { a, 3 }, { (void *)0xc0000000, 4 } };

		ksft_ok(rw(NR_preadv, fd, neg, 2, 0, 0) == -EINVAL &&
			rw(NR_preadv, fd, bad, 2, 0, 0) == -EFAULT,
			"a negative length EINVAL, a kernel buffer EFAULT (before any transfer)");
	}
	ksft_ok(rw(NR_preadv, fd, two, 0, 0, 0) == 0 && rw(NR_preadv2, fd, two, 0, 0, 0x20) == 0,
		"no buffers: 0, flags not looked at");
	ksft_ok(rw(NR_pwritev, ro, w, 2, 0, 0) == -EBADF, "pwritev on a read-only file EBADF");
	close(ro);
	ksft_ok(rw(NR_preadv2, fd, two, 2, 0, RWF_NOWAIT_) == -EOPNOTSUPP,
		"RWF_NOWAIT on a RAM file EOPNOTSUPP (no FMODE_NOWAIT in 6.1)");
	{
		int null = open("/dev/null", O_RDONLY), d = open("/tmp", O_RDONLY | O_DIRECTORY);

		ksft_ok(rw(NR_preadv2, null, two, 2, -1, RWF_NOWAIT_) == 0 &&
			rw(NR_preadv, d, two, 2, 0, 0) == -EISDIR,
			"RWF_NOWAIT on /dev/null reads 0; preadv of a directory EISDIR");
		close(null);
		close(d);
	}
	if (pipe(p))
		return 1;
	ksft_ok(rw(NR_preadv, p[0], two, 2, 0, 0) == -ESPIPE &&
		rw(NR_pwritev2, p[1], w, 2, 0, 0) == -ESPIPE,
		"a pipe with an offset ESPIPE");
	ksft_ok(rw(NR_pwritev2, p[1], w, 2, -1, 0) == 8 && rw(NR_preadv2, p[0], two, 2, -1, 0) == 8 &&
		!memcmp(a, "abc", 3) && !memcmp(b, "defgh", 5),
		"a pipe at offset -1: writev and readv");
	ksft_ok(rw(NR_preadv2, p[0], two, 2, -1, RWF_NOWAIT_) == -EOPNOTSUPP,
		"RWF_NOWAIT on a pipe EOPNOTSUPP (6.1), not a wait");
	close(p[0]);
	close(p[1]);
	close(fd);
	ksft_exit();
}
