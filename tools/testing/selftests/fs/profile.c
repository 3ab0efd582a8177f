/*
 * profile: /proc/profile in readprofile's format when the kernel was
 * booted with profile=<shift>: a step word (a power of two), then one
 * 32-bit counter per step of kernel text; counts grow while a process
 * makes system calls; a write of one byte resets them, a write of
 * sizeof(int) bytes (a timer multiplier) is EINVAL on x86.  Without
 * profile= there is no /proc/profile and every case skips (make
 * test-host boots Linux without it; make test's ktest-profile boot
 * runs this with profile=2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "../kselftest.h"

#define PATH	"/proc/profile"
#define NCASES	8
#define CHUNK	(64 * 1024)

/* Sums every counter (the words after the step); -1 on a read error. */
static long long counters_sum(int fd, long long *words)
{
	static uint32_t buf[CHUNK / 4];
	long long sum = 0, n = 0;
	off_t pos = 4;
	ssize_t got;

	while ((got = pread(fd, buf, sizeof(buf), pos)) > 0) {
		for (ssize_t i = 0; i < got / 4; i++)
			sum += buf[i];
		n += got / 4;
		pos += got;
	}
	if (got < 0)
		return -1;
	if (words)
		*words = n;
	return sum;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* System calls for @seconds: samples land in the kernel's syscall path. */
static void busy_in_kernel(double seconds)
{
	double end = now() + seconds;

	while (now() < end)
		for (int i = 0; i < 1000; i++)
			syscall(SYS_getppid);
}

int main(void)
{
	uint32_t step = 0, word;
	long long sum0, sum1, sum2, words = 0;
	unsigned char b[4];
	ssize_t r;
	int fd, e;

	ksft_plan(NCASES);
	fd = open(PATH, O_RDWR);
	if (fd < 0) {
		int e = errno;

		for (int i = 0; i < NCASES; i++)
			ksft_skip(e == ENOENT ? "no /proc/profile (boot without profile=)" : strerror(e),
				  "case %d", i + 1);
		ksft_exit();
	}
	r = read(fd, &step, 4);
	ksft_ok(r == 4 && step && !(step & (step - 1)),
		"the first word is the step, a power of two (%u)", step);
	sum0 = counters_sum(fd, &words);
	ksft_ok(sum0 >= 0 && words >= 1, "%lld counters after the step word", words);
	busy_in_kernel(0.5);
	sum1 = counters_sum(fd, NULL);
	ksft_ok(sum1 > sum0, "counts grow while making system calls (%lld -> %lld)", sum0, sum1);
	ksft_ok(pread(fd, b, 4, 2) == 4 && b[0] == ((step >> 16) & 0xff) &&
		b[1] == step >> 24, "a read from inside the step word gets its last bytes");
	ksft_ok(pread(fd, &word, 4, (words + 1) * 4) == 0 &&
		pread(fd, &word, 4, (words + 9) * 4) == 0, "reads at and past the end return 0");
	errno = 0;
	r = syscall(SYS_pread64, fd, (void *)1, 8, 0, 0);
	e = errno;
	ksft_ok(r == -1 && e == EFAULT, "a bad buffer gives EFAULT (%zd, %s)", r, strerror(e));
	errno = 0;
	r = write(fd, &step, sizeof(int));
	e = errno;
	ksft_ok(r == -1 && e == EINVAL,
		"writing sizeof(int) bytes (a multiplier) is EINVAL (%zd, %s)", r, strerror(e));
	sum2 = write(fd, "x", 1) == 1 ? counters_sum(fd, NULL) : -1;
	ksft_ok(sum2 >= 0 && sum2 < sum1 && sum2 < 1000,
		"a one-byte write resets the counters (%lld -> %lld)", sum1, sum2);
	close(fd);
	ksft_exit();
}
