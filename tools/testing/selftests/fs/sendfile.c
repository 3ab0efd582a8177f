/*
 * sendfile, sendfile64, copy_file_range, fadvise64/fadvise64_64,
 * readahead and sync_file_range (raw i386 calls: 64-bit arguments in
 * register pairs): data, offset-pointer semantics, and the errors;
 * which devices take sendfile data (/dev/null only).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "../kselftest.h"

#define SIZE 10000

static char src[] = "/tmp/linnet-sendfile-src-XXXXXX";
static char dst[] = "/tmp/linnet-sendfile-dst-XXXXXX";
static char data[SIZE];

static int fails(long r, int err)
{
	return r == -1 && errno == err;
}

static long lo(long long v)
{
	return (long)(unsigned long)v;
}

static long hi(long long v)
{
	return (long)(unsigned long)((unsigned long long)v >> 32);
}

static int same(int fd, off_t at, const char *want, size_t n)
{
	static char got[SIZE];

	return pread(fd, got, n, at) == (ssize_t)n && !memcmp(got, want, n);
}

static void test_sendfile(int in, int out)
{
	int p[2], ro = open(src, O_RDONLY), wo = open(src, O_WRONLY), ap = open(dst, O_WRONLY | O_APPEND);
	char buf[SIZE];
	off_t off = 100;
	long long off64 = 9000;

	if (pipe(p))
		return;
	ksft_ok(lseek(in, 1000, SEEK_SET) == 1000 && sendfile(p[1], in, NULL, 3000) == 3000 &&
		lseek(in, 0, SEEK_CUR) == 4000 && read(p[0], buf, sizeof(buf)) == 3000 &&
		!memcmp(buf, data + 1000, 3000), "sendfile file to pipe, from and moving the file offset");
	ksft_ok(sendfile(p[1], in, &off, 500) == 500 && off == 600 && lseek(in, 0, SEEK_CUR) == 4000 &&
		read(p[0], buf, sizeof(buf)) == 500 && !memcmp(buf, data + 100, 500),
		"with an offset pointer: it moves, the file offset does not");
	ksft_ok(syscall(SYS_sendfile64, p[1], in, &off64, 5000) == 1000 && off64 == SIZE &&
		read(p[0], buf, sizeof(buf)) == 1000 && !memcmp(buf, data + 9000, 1000),
		"sendfile64 stops at the end of file");
	ksft_ok(syscall(SYS_sendfile64, p[1], in, &off64, 5000) == 0 && sendfile(p[1], in, &off, 0) == 0,
		"at the end of file, or for 0 bytes: 0");
	ksft_ok(lseek(out, 50, SEEK_SET) == 50 && sendfile(out, in, NULL, SIZE) == SIZE - 4000 &&
		lseek(out, 0, SEEK_CUR) == 50 + SIZE - 4000 && same(out, 50, data + 4000, SIZE - 4000),
		"sendfile file to file, the output offset advancing");
	ksft_ok(fails(sendfile(p[1], -1, NULL, 1), EBADF) && fails(sendfile(-1, in, NULL, 1), EBADF) &&
		fails(sendfile(p[1], wo, NULL, 1), EBADF) && fails(sendfile(ro, in, NULL, 1), EBADF),
		"bad or wrong-mode descriptors: EBADF");
	off = 0;
	ksft_ok(fails(sendfile(out, p[0], NULL, 1), EINVAL) && fails(sendfile(out, p[0], &off, 1), ESPIPE),
		"a pipe as the source: EINVAL, with an offset ESPIPE");
	off = -1;
	ksft_ok(fails(sendfile(p[1], in, &off, 1), EINVAL) &&
		fails(sendfile(p[1], in, (off_t *)1, 1), EFAULT) && fails(sendfile(ap, in, NULL, 1), EINVAL),
		"negative offset EINVAL, bad pointer EFAULT, O_APPEND output EINVAL");
	close(p[0]);
	close(p[1]);
	close(ro);
	close(wo);
	close(ap);
}

/* /dev/null takes sendfile data (Linux's splice_write_null); /dev/zero and /dev/full do not (6.1). */
static void test_sendfile_devices(int in)
{
	int null = open("/dev/null", O_WRONLY), nullap = open("/dev/null", O_WRONLY | O_APPEND);
	int nullro = open("/dev/null", O_RDONLY), zero = open("/dev/zero", O_WRONLY);
	int full = open("/dev/full", O_WRONLY);
	off_t off = 9500;

	ksft_ok(null >= 0 && lseek(in, 1000, SEEK_SET) == 1000 && sendfile(null, in, NULL, 3000) == 3000 &&
		lseek(in, 0, SEEK_CUR) == 4000 && sendfile(null, in, &off, 0x7ffff000) == 500 && off == SIZE &&
		sendfile(null, in, &off, 10) == 0 && sendfile(null, in, NULL, 0) == 0,
		"sendfile to /dev/null: the bytes up to the end of file, offsets move");
	ksft_ok(fails(sendfile(nullap, in, NULL, 10), EINVAL) && fails(sendfile(nullro, in, NULL, 10), EBADF) &&
		lseek(in, 0, SEEK_CUR) == 4000,
		"/dev/null opened O_APPEND EINVAL, read-only EBADF");
	ksft_ok(zero >= 0 && full >= 0 && fails(sendfile(zero, in, NULL, 10), EINVAL) &&
		fails(sendfile(full, in, NULL, 10), EINVAL) && lseek(in, 0, SEEK_CUR) == 4000,
		"/dev/zero and /dev/full are no sendfile destinations: EINVAL");
	close(null);
	close(nullap);
	close(nullro);
	close(zero);
	close(full);
}

static long cfr(int in, long long *offin, int out, long long *offout, size_t len, unsigned int fl)
{
	return syscall(SYS_copy_file_range, in, offin, out, offout, len, fl);
}

static void test_copy_file_range(int in, int out)
{
	long long a = 0, b = 0;
	int memfd = syscall(SYS_memfd_create, "cfr", 0), ap = open(dst, O_WRONLY | O_APPEND);
	int dir = open("/tmp", O_RDONLY | O_DIRECTORY), p[2];

	ftruncate(out, 0);
	ksft_ok(lseek(in, 0, SEEK_SET) == 0 && lseek(out, 0, SEEK_SET) == 0 &&
		cfr(in, NULL, out, NULL, 4000, 0) == 4000 && lseek(in, 0, SEEK_CUR) == 4000 &&
		lseek(out, 0, SEEK_CUR) == 4000 && same(out, 0, data, 4000),
		"copy_file_range moves both file offsets");
	a = 8000;
	b = 100;
	ksft_ok(cfr(in, &a, out, &b, 5000, 0) == 2000 && a == SIZE && b == 2100 &&
		lseek(in, 0, SEEK_CUR) == 4000 && same(out, 100, data + 8000, 2000),
		"with offset pointers, cut at the end of the input");
	ksft_ok(cfr(in, &a, out, &b, 5000, 0) == 0 && cfr(in, NULL, out, NULL, 0, 0) == 0,
		"at the end of the input or for 0 bytes: 0");
	a = 0;
	b = 500;
	ksft_ok(fails(cfr(out, &a, out, &b, 1000, 0), EINVAL) && (b = 1000, cfr(out, &a, out, &b, 1000, 0) == 1000),
		"within one file: overlapping ranges EINVAL, disjoint ones copy");
	ksft_ok(fails(cfr(in, NULL, out, NULL, 10, 1), EINVAL) && fails(cfr(-1, NULL, out, NULL, 10, 0), EBADF) &&
		fails(cfr(in, NULL, -1, NULL, 10, 0), EBADF) && fails(cfr(in, NULL, ap, NULL, 10, 0), EBADF),
		"flags EINVAL; bad descriptors and an O_APPEND output EBADF");
	ksft_ok(pipe(p) == 0 && fails(cfr(p[0], NULL, out, NULL, 10, 0), EINVAL) &&
		fails(cfr(dir, NULL, out, NULL, 10, 0), EISDIR) &&
		fails(cfr(in, (long long *)1, out, NULL, 10, 0), EFAULT),
		"a pipe EINVAL, a directory EISDIR, a bad offset pointer EFAULT");
	a = 0;
	ksft_ok(memfd >= 0 && fails(cfr(in, &a, memfd, NULL, 10, 0), EXDEV),
		"between two file system instances: EXDEV (6.1)");
	close(p[0]);
	close(p[1]);
	close(memfd);
	close(ap);
	close(dir);
}

static void test_advice(int in)
{
	int p[2], wo = open(src, O_WRONLY);

	if (pipe(p))
		return;
	ksft_ok(syscall(SYS_fadvise64, in, lo(1LL << 33), hi(1LL << 33), 4096, POSIX_FADV_WILLNEED) == 0 &&
		syscall(SYS_fadvise64_64, in, 0, 0, 0, 0, POSIX_FADV_DONTNEED) == 0 &&
		syscall(SYS_fadvise64_64, in, 0, 0, 100, 0, POSIX_FADV_NOREUSE) == 0 &&
		syscall(SYS_fadvise64_64, wo, 0, 0, 100, 0, POSIX_FADV_SEQUENTIAL) == 0,
		"fadvise64 and fadvise64_64 accept every advice");
	ksft_ok(fails(syscall(SYS_fadvise64_64, in, 0, 0, 100, 0, 6), EINVAL) &&
		fails(syscall(SYS_fadvise64_64, in, 0, 0, lo(-1), hi(-1), POSIX_FADV_NORMAL), EINVAL) &&
		fails(syscall(SYS_fadvise64, p[0], 0, 0, 100, POSIX_FADV_NORMAL), ESPIPE) &&
		fails(syscall(SYS_fadvise64, -1, 0, 0, 100, POSIX_FADV_NORMAL), EBADF),
		"fadvise: bad advice or negative length EINVAL, pipe ESPIPE, bad fd EBADF");
	ksft_ok(syscall(SYS_readahead, in, 0, 0, 8192) == 0 && fails(syscall(SYS_readahead, p[0], 0, 0, 1), EINVAL) &&
		fails(syscall(SYS_readahead, wo, 0, 0, 1), EBADF) && fails(syscall(SYS_readahead, -1, 0, 0, 1), EBADF),
		"readahead: a file 0, a pipe EINVAL, write-only or bad fd EBADF");
	ksft_ok(syscall(SYS_sync_file_range, wo, 0, 0, 0, 0, 7) == 0 &&
		syscall(SYS_sync_file_range, in, lo(1LL << 40), hi(1LL << 40), 4096, 0, 2) == 0,
		"sync_file_range: nothing to write back, 0");
	ksft_ok(fails(syscall(SYS_sync_file_range, in, 0, 0, 0, 0, 8), EINVAL) &&
		fails(syscall(SYS_sync_file_range, in, lo(-4096), hi(-4096), 0, 0, 0), EINVAL) &&
		fails(syscall(SYS_sync_file_range, in, 0, 0x40000000, 0, 0x40000000, 0), EINVAL) &&
		fails(syscall(SYS_sync_file_range, p[1], 0, 0, 0, 0, 0), ESPIPE) &&
		fails(syscall(SYS_sync_file_range, -1, 0, 0, 0, 0, 0), EBADF),
		"sync_file_range: bad flags, negative or wrapping range EINVAL, pipe ESPIPE, bad fd EBADF");
	close(p[0]);
	close(p[1]);
	close(wo);
}

int main(void)
{
	int in, out;

	ksft_plan(23);
	for (int i = 0; i < SIZE; i++)
		data[i] = (char)(i * 13 + i / 256);
	in = mkstemp(src);
	out = mkstemp(dst);
	if (in < 0 || out < 0 || write(in, data, SIZE) != SIZE)
		return 1;
	test_sendfile(in, out);
	test_sendfile_devices(in);
	test_copy_file_range(in, out);
	test_advice(in);
	close(in);
	close(out);
	unlink(src);
	unlink(dst);
	ksft_exit();
}
