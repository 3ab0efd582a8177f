/*
 * Setting the wall clock: clock_settime (264, 404), settimeofday (79)
 * and stime (25).  CAP_SYS_TIME, which clocks may be set, invalid
 * times; the new time seen by the system calls and by the vDSO
 * (glibc's clock_gettime, gettimeofday, time), settimeofday's time
 * zone in gettimeofday, and timerfds: a REALTIME one follows the clock,
 * a TFD_TIMER_CANCEL_ON_SET one is cancelled (ECANCELED).  The clock
 * is put back at the end.
 */
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include "../kselftest.h"

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };
struct tz { int minuteswest, dsttime; };

static int64_t mono_start_ns, real_start_ns;

static int64_t clock_ns(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static long settime64(clockid_t c, int64_t sec, int64_t nsec)
{
	struct ts64 t = { sec, nsec };

	return syscall(404, c, &t);
}

static long settime32(clockid_t c, int32_t sec, int32_t nsec)
{
	struct ts32 t = { sec, nsec };

	return syscall(264, c, &t);
}

static int near(int64_t a, int64_t b, int64_t slack_s)
{
	return a - b <= slack_s * 1000000000LL && b - a <= slack_s * 1000000000LL;
}

static void restore_clock(void)
{
	int64_t real = real_start_ns + (clock_ns(CLOCK_MONOTONIC) - mono_start_ns);

	settime64(CLOCK_REALTIME, real / 1000000000, real % 1000000000);
}

static void test_permission(void)
{
	int status = -1;
	pid_t c = fork();

	if (c == 0) {
		struct tv32 tv = { 1700000000, 0 };
		int32_t t = 1700000000;
		int ok;

		if (setuid(65534))
			_exit(2);
		errno = 0;
		ok = settime64(CLOCK_REALTIME, 1700000000, 0) == -1 && errno == EPERM &&
		     syscall(SYS_settimeofday, &tv, NULL) == -1 && errno == EPERM &&
		     syscall(SYS_stime, &t) == -1 && errno == EPERM;
		_exit(ok ? 0 : 1);
	}
	waitpid(c, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"without CAP_SYS_TIME: EPERM from clock_settime, settimeofday, stime");
}

static void test_errors(void)
{
	struct tv32 bad_tv = { 1700000000, 1000001 };
	struct tz far = { 16 * 60, 0 };

	errno = 0;
	ksft_ok(settime64(CLOCK_MONOTONIC, 1000, 0) == -1 && errno == EINVAL &&
		settime64(CLOCK_BOOTTIME, 1000, 0) == -1 && errno == EINVAL &&
		settime64(CLOCK_TAI, 1700000000, 0) == -1 && errno == EINVAL,
		"MONOTONIC, BOOTTIME, TAI cannot be set: EINVAL");
	errno = 0;
	ksft_ok(settime64(CLOCK_PROCESS_CPUTIME_ID, 1, 0) == -1 && errno == EINVAL &&
		settime64(-6, 1, 0) == -1 && errno == EPERM &&
		syscall(404, CLOCK_MONOTONIC, (void *)1) == -1 && errno == EINVAL,
		"CPU-time clocks: EINVAL by number, EPERM encoded; EINVAL comes before EFAULT");
	errno = 0;
	ksft_ok(settime64(CLOCK_REALTIME, 1700000000, 1000000000) == -1 && errno == EINVAL &&
		settime64(CLOCK_REALTIME, -1, 0) == -1 && errno == EINVAL &&
		settime32(CLOCK_REALTIME, 1700000000, -1) == -1 && errno == EINVAL,
		"a bad timespec: EINVAL");
	errno = 0;
	ksft_ok(settime64(CLOCK_REALTIME, 0, 0) == -1 && errno == EINVAL,
		"a time before boot: EINVAL");
	errno = 0;
	ksft_ok(syscall(404, CLOCK_REALTIME, (void *)1) == -1 && errno == EFAULT &&
		syscall(SYS_settimeofday, (void *)1, NULL) == -1 && errno == EFAULT &&
		syscall(SYS_stime, (void *)1) == -1 && errno == EFAULT,
		"bad pointers: EFAULT");
	errno = 0;
	ksft_ok(syscall(SYS_settimeofday, &bad_tv, NULL) == -1 && errno == EINVAL &&
		syscall(SYS_settimeofday, NULL, &far) == -1 && errno == EINVAL,
		"tv_usec past a second or a zone past 15 hours: EINVAL");
}

static void test_set(void)
{
	int64_t target = real_start_ns + 1000 * 1000000000LL;
	struct tz tz = { 60, 0 }, got = { -1, -1 }, utc = { 0, 0 };
	struct timeval tv;
	struct ts64 raw;
	int32_t t;

	ksft_ok(settime64(CLOCK_REALTIME, target / 1000000000, target % 1000000000) == 0 &&
		near(clock_ns(CLOCK_REALTIME), target, 2),
		"clock_settime64 moves CLOCK_REALTIME (the vDSO sees it)");
	syscall(403, CLOCK_REALTIME, &raw);
	gettimeofday(&tv, NULL);
	ksft_ok(near(raw.sec * 1000000000LL + raw.nsec, target, 2) &&
		near(tv.tv_sec * 1000000000LL, target, 2) && near(time(NULL) * 1000000000LL, target, 2),
		"the system call, gettimeofday and time agree");
	ksft_ok(near(clock_ns(CLOCK_MONOTONIC) - mono_start_ns, 0, 2), "CLOCK_MONOTONIC did not move");
	t = (int32_t)(target / 1000000000) + 500;
	ksft_ok(syscall(SYS_stime, &t) == 0 && near(clock_ns(CLOCK_REALTIME), t * 1000000000LL, 2),
		"stime sets whole seconds");
	ksft_ok(settime32(CLOCK_REALTIME, (int32_t)(target / 1000000000), 250000000) == 0 &&
		near(clock_ns(CLOCK_REALTIME), target, 2), "the 32-bit clock_settime");
	ksft_ok(syscall(SYS_settimeofday, NULL, &tz) == 0 && syscall(SYS_gettimeofday, &raw, &got) == 0 &&
		got.minuteswest == 60 && syscall(SYS_settimeofday, NULL, &utc) == 0,
		"settimeofday's zone shows in gettimeofday");
}

static void test_timerfd(void)
{
	struct itimerspec far = { { 0, 0 }, { 0, 0 } }, soon = far;
	struct pollfd p[2];
	uint64_t ticks;
	int64_t now = clock_ns(CLOCK_REALTIME);
	int cancel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int follow = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);

	far.it_value.tv_sec = now / 1000000000 + 3600;
	soon.it_value.tv_sec = now / 1000000000 + 100;
	timerfd_settime(cancel, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, NULL);
	timerfd_settime(follow, TFD_TIMER_ABSTIME, &soon, NULL);
	errno = 0;
	ksft_ok(read(cancel, &ticks, 8) == -1 && errno == EAGAIN, "armed an hour ahead: nothing yet");
	now += 200 * 1000000000LL;
	settime64(CLOCK_REALTIME, now / 1000000000, now % 1000000000);
	p[0] = (struct pollfd){ .fd = cancel, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = follow, .events = POLLIN };
	poll(&p[0], 1, 1000);
	poll(&p[1], 1, 1000);
	errno = 0;
	ksft_ok((p[0].revents & POLLIN) && read(cancel, &ticks, 8) == -1 && errno == ECANCELED,
		"clock set: the CANCEL_ON_SET timer is readable and read says ECANCELED");
	errno = 0;
	ksft_ok(read(cancel, &ticks, 8) == -1 && errno == EAGAIN, "once");
	ksft_ok((p[1].revents & POLLIN) && read(follow, &ticks, 8) == 8 && ticks == 1,
		"an absolute REALTIME timer jumped over expires at once");
	close(cancel);
	close(follow);
}

int main(void)
{
	ksft_plan(18);
	mono_start_ns = clock_ns(CLOCK_MONOTONIC);
	real_start_ns = clock_ns(CLOCK_REALTIME);
	test_permission();
	test_errors();
	test_set();
	test_timerfd();
	restore_clock();
	ksft_ok(near(clock_ns(CLOCK_REALTIME), real_start_ns + clock_ns(CLOCK_MONOTONIC) - mono_start_ns, 2),
		"the clock is back");
	ksft_exit();
}
