/*
 * splice, tee and vmsplice, raw: pipe to pipe, a file into a pipe and a
 * pipe into a file (with and without an offset, which moves or stays),
 * tee copying without consuming, vmsplice into a write end and out of a
 * read end, SPLICE_F_NONBLOCK's EAGAIN, end of file 0, and Linux's
 * EINVAL/ESPIPE/EBADF/EFAULT rules.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "../kselftest.h"

#define NR_splice	313
#define NR_tee		315
#define NR_vmsplice	316
#define F_NONBLOCK	0x02
#define F_SETPIPE_SZ_	1031

static long splice_(int in, int64_t *off_in, int out, int64_t *off_out, size_t len, unsigned f)
{
	long r = syscall(NR_splice, in, off_in, out, off_out, len, f);

	return r < 0 ? -errno : r;
}

static long tee_(int in, int out, size_t len, unsigned f)
{
	long r = syscall(NR_tee, in, out, len, f);

	return r < 0 ? -errno : r;
}

static long vmsplice_(int fd, const struct iovec *iov, unsigned long n, unsigned f)
{
	long r = syscall(NR_vmsplice, fd, iov, n, f);

	return r < 0 ? -errno : r;
}

static int got(int fd, const char *want)
{
	char buf[64] = "";
	size_t n = strlen(want);

	return read(fd, buf, sizeof(buf)) == (ssize_t)n && !memcmp(buf, want, n);
}

int main(void)
{
	char path[64];
	int a[2], b[2], fd, other, ap;
	int64_t off;

	ksft_plan(14);
	snprintf(path, sizeof(path), "/tmp/splice.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	other = open(path, O_RDWR);
	ap = open(path, O_WRONLY | O_APPEND);
	unlink(path);
	if (fd < 0 || write(fd, "0123456789", 10) != 10 || pipe(a) || pipe(b))
		return 1;
	lseek(fd, 0, SEEK_SET);

	ksft_ok(write(a[1], "hello", 5) == 5 && splice_(a[0], NULL, b[1], NULL, 100, 0) == 5 &&
		got(b[0], "hello"), "pipe to pipe: what there is (5 of 100)");
	ksft_ok(write(a[1], "abc", 3) == 3 && tee_(a[0], b[1], 100, 0) == 3 && got(b[0], "abc") &&
		got(a[0], "abc"), "tee copies and leaves the input");
	off = 3;
	ksft_ok(splice_(fd, &off, a[1], NULL, 4, 0) == 4 && off == 7 &&
		lseek(fd, 0, SEEK_CUR) == 0 && got(a[0], "3456"),
		"file to pipe at an offset: the offset moves, the position stays");
	lseek(fd, 8, SEEK_SET);
	ksft_ok(splice_(fd, NULL, a[1], NULL, 100, 0) == 2 && lseek(fd, 0, SEEK_CUR) == 10 &&
		got(a[0], "89") && splice_(fd, NULL, a[1], NULL, 100, 0) == 0,
		"file to pipe at the position: it moves; at the end 0");
	off = 1;
	ksft_ok(write(a[1], "XYZ", 3) == 3 && splice_(a[0], NULL, fd, &off, 3, 0) == 3 && off == 4 &&
		pread(fd, path, 6, 0) == 6 && !memcmp(path, "0XYZ45", 6),
		"pipe to file at an offset");
	ksft_ok(splice_(a[0], NULL, b[1], NULL, 0, 0) == 0 &&
		splice_(a[0], NULL, b[1], NULL, 10, 0x10) == -EINVAL &&
		tee_(a[0], b[1], 10, 0x10) == -EINVAL && vmsplice_(a[1], NULL, 0, 0x10) == -EINVAL,
		"len 0 is 0; unknown flags EINVAL");
	off = 0;
	ksft_ok(splice_(fd, NULL, other, NULL, 10, 0) == -EINVAL &&
		splice_(a[0], &off, b[1], NULL, 10, 0) == -ESPIPE &&
		splice_(fd, NULL, a[1], &off, 10, 0) == -ESPIPE &&
		splice_(a[0], NULL, a[1], NULL, 10, 0) == -EINVAL,
		"file to file EINVAL; an offset for a pipe ESPIPE; a pipe into itself EINVAL");
	ksft_ok(splice_(999, NULL, a[1], NULL, 10, 0) == -EBADF &&
		splice_(a[1], NULL, b[1], NULL, 10, 0) == -EBADF &&
		splice_(fd, (int64_t *)0xc0000000, a[1], NULL, 10, 0) == -EFAULT,
		"a bad descriptor or a write end as input EBADF; a bad offset pointer EFAULT");
	off = -1;
	ksft_ok(splice_(fd, &off, a[1], NULL, 10, 0) == -EINVAL, "a negative offset EINVAL");
	ksft_ok(write(a[1], "q", 1) == 1 && splice_(a[0], NULL, ap, NULL, 1, 0) == -EINVAL &&
		got(a[0], "q"), "into an O_APPEND file EINVAL");
	ksft_ok(splice_(a[0], NULL, b[1], NULL, 10, F_NONBLOCK) == -EAGAIN &&
		tee_(a[0], b[1], 10, F_NONBLOCK) == -EAGAIN &&
		splice_(a[0], NULL, fd, NULL, 10, F_NONBLOCK) == -EAGAIN,
		"an empty pipe with SPLICE_F_NONBLOCK EAGAIN");
	{
		struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
		char x[2], y[3];
		struct iovec out[2] = { { x, 2 }, { y, 3 } };

		ksft_ok(vmsplice_(a[1], iov, 2, 0) == 5 && vmsplice_(a[0], out, 2, 0) == 5 &&
			!memcmp(x, "ab", 2) && !memcmp(y, "cde", 3) &&
			vmsplice_(fd, iov, 2, 0) == -EBADF && vmsplice_(999, iov, 2, 0) == -EBADF,
			"vmsplice into a write end and out of a read end; not a pipe EBADF");
	}
	{
		static char fill[4096];

		ksft_ok(fcntl(b[1], F_SETPIPE_SZ_, 4096) == 4096 && write(b[1], fill, 4096) == 4096 &&
			write(a[1], "z", 1) == 1 &&
			splice_(a[0], NULL, b[1], NULL, 1, F_NONBLOCK) == -EAGAIN &&
			vmsplice_(b[1], (struct iovec[]){ { "z", 1 } }, 1, F_NONBLOCK) == -EAGAIN,
			"into a full pipe with SPLICE_F_NONBLOCK EAGAIN");
	}
	close(a[1]);
	for (int i = 0; i < 4096 / 64; i++)	/* room in b again: an ended input waits for room */
		if (read(b[0], path, 64) != 64)
			break;
	ksft_ok(got(a[0], "z") && splice_(a[0], NULL, fd, NULL, 10, 0) == 0 &&
		splice_(a[0], NULL, b[1], NULL, 10, 0) == 0,
		"an empty pipe with no writer: 0");
	ksft_exit();
}
