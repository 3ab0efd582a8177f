/*
 * timerfd: timerfd_create (322), timerfd_settime/gettime in both time
 * layouts (325/326, 411/410), one-shot and periodic timers, absolute
 * times, the u64 count read() returns (EAGAIN, EINVAL), poll and epoll,
 * TFD_IOC_SET_TICKS, and the errors: flags, clocks, CAP_WAKE_ALARM,
 * bad itimerspecs, descriptors that are not timerfds.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include "../kselftest.h"

#define MS 1000000L
#ifndef TFD_IOC_SET_TICKS
#define TFD_IOC_SET_TICKS _IOW('T', 0, uint64_t)	/* glibc before 2.38 lacks it */
#endif

struct its32 { int32_t isec, insec, vsec, vnsec; };
struct its64 { int64_t isec, insec, vsec, vnsec; };

static long set32(int fd, int flags, long ims, long vms, struct its32 *old)
{
	struct its32 n = { ims / 1000, ims % 1000 * MS, vms / 1000, vms % 1000 * MS };

	return syscall(325, fd, flags, &n, old);
}

static long get32(int fd, struct its32 *v)
{
	return syscall(326, fd, v);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int ready(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static void test_create(void)
{
	int fd, status = -1;
	pid_t c;

	errno = 0;
	ksft_ok(syscall(322, CLOCK_MONOTONIC, 1) == -1 && errno == EINVAL, "an unknown flag: EINVAL");
	errno = 0;
	ksft_ok(syscall(322, CLOCK_PROCESS_CPUTIME_ID, 0) == -1 && errno == EINVAL &&
		syscall(322, CLOCK_MONOTONIC_RAW, 0) == -1 && errno == EINVAL &&
		syscall(322, 100, 0) == -1 && errno == EINVAL,
		"CPU-time, MONOTONIC_RAW and unknown clocks: EINVAL");
	fd = syscall(322, CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	ksft_ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC) && (fcntl(fd, F_GETFL) & O_NONBLOCK),
		"TFD_CLOEXEC and TFD_NONBLOCK show in F_GETFD / F_GETFL");
	close(fd);
	c = fork();
	if (c == 0) {
		int ok;

		if (setuid(65534))
			_exit(2);
		errno = 0;
		ok = syscall(322, CLOCK_REALTIME_ALARM, 0) == -1 && errno == EPERM &&
		     syscall(322, CLOCK_BOOTTIME_ALARM, 0) == -1 && errno == EPERM &&
		     syscall(322, CLOCK_REALTIME, 0) >= 0;
		_exit(ok ? 0 : 1);
	}
	waitpid(c, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"the _ALARM clocks need CAP_WAKE_ALARM: EPERM for a plain user");
}

static void test_oneshot(void)
{
	struct its32 v;
	uint64_t ticks = 0;
	char small[4];
	double t0;
	int fd = syscall(322, CLOCK_MONOTONIC, TFD_NONBLOCK);

	memset(&v, 0xff, sizeof(v));
	ksft_ok(get32(fd, &v) == 0 && !v.isec && !v.insec && !v.vsec && !v.vnsec,
		"a new timer is disarmed: gettime all zero");
	errno = 0;
	ksft_ok(read(fd, &ticks, 8) == -1 && errno == EAGAIN && !ready(fd, 0),
		"nothing expired: EAGAIN, not readable");
	t0 = now();
	ksft_ok(set32(fd, 0, 0, 80, NULL) == 0 && get32(fd, &v) == 0 && v.vsec == 0 &&
		v.vnsec > 0 && v.vnsec <= 80 * MS && v.isec == 0 && v.insec == 0,
		"armed for 80 ms: gettime counts down");
	errno = 0;
	ksft_ok(read(fd, small, 4) == -1 && errno == EINVAL, "a read under 8 bytes: EINVAL");
	fcntl(fd, F_SETFL, 0);
	ksft_ok(read(fd, &ticks, 8) == 8 && ticks == 1 && now() - t0 >= 0.075,
		"a blocking read returns 1 expiration after the time");
	ksft_ok(get32(fd, &v) == 0 && !v.vsec && !v.vnsec, "expired one-shot: disarmed");

	ksft_ok(set32(fd, 0, 0, 5000, NULL) == 0, "armed for 5 s");
	memset(&v, 0, sizeof(v));
	ksft_ok(set32(fd, 0, 0, 0, &v) == 0 && v.vsec == 4 && v.vnsec > 0 && !ready(fd, 0),
		"settime returns the old setting (4.x s left) and 0 disarms");
	close(fd);
}

static void test_periodic(void)
{
	struct its32 v;
	struct its64 v64, abs64;
	struct timespec t;
	uint64_t ticks = 0;
	int fd = syscall(322, CLOCK_MONOTONIC, 0), got;
	double armed = now(), before, after;

	ksft_ok(set32(fd, 0, 20, 20, NULL) == 0 && get32(fd, &v) == 0 && v.insec == 20 * MS,
		"periodic 20 ms: gettime reports the interval");
	usleep(110000);
	/*
	 * The periods the clock says passed, give or take one: at least 4
	 * after 110 ms, more when a loaded host oversleeps.
	 */
	before = now();
	got = read(fd, &ticks, 8) == 8;
	after = now();
	ksft_ok(got && ticks >= 4 && (long)ticks >= (long)((before - armed) / 0.020) - 1 &&
		(long)ticks <= (long)((after - armed) / 0.020) + 1,
		"after 110 ms one read counts the missed periods (%llu in %.0f ms)",
		(unsigned long long)ticks, (before - armed) * 1000);
	ksft_ok(read(fd, &ticks, 8) == 8 && ticks >= 1 && ticks <= 2, "and it keeps running");

	/* 1 ns after boot: in the past even for a program run at once after boot */
	abs64 = (struct its64){ 0, 0, 0, 1 };
	ksft_ok(syscall(411, fd, TFD_TIMER_ABSTIME, &abs64, NULL) == 0 && ready(fd, 100) &&
		read(fd, &ticks, 8) == 8 && ticks == 1,
		"an absolute time in the past expires at once (time64 settime)");
	clock_gettime(CLOCK_MONOTONIC, &t);
	abs64 = (struct its64){ 0, 500 * MS, t.tv_sec + 3, 0 };
	ksft_ok(syscall(411, fd, TFD_TIMER_ABSTIME, &abs64, NULL) == 0 &&
		syscall(410, fd, &v64) == 0 && v64.insec == 500 * MS && v64.vsec >= 1 && v64.vsec <= 3,
		"an absolute time ahead: gettime64 shows the time left and the interval");
	close(fd);
}

static void test_poll_ioctl(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, out;
	uint64_t ticks = 0, five = 5, zero = 0;
	int fd = syscall(322, CLOCK_REALTIME, TFD_NONBLOCK), ep = epoll_create1(0);

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	set32(fd, 0, 0, 30, NULL);
	ksft_ok(epoll_wait(ep, &out, 1, 0) == 0 && epoll_wait(ep, &out, 1, 1000) == 1 &&
		(out.events & EPOLLIN), "epoll: ready when the timer expires");
	ksft_ok(ioctl(fd, TFD_IOC_SET_TICKS, &five) == 0 && read(fd, &ticks, 8) == 8 && ticks == 5,
		"TFD_IOC_SET_TICKS sets the count read() returns");
	errno = 0;
	ksft_ok(ioctl(fd, TFD_IOC_SET_TICKS, &zero) == -1 && errno == EINVAL &&
		ioctl(fd, TFD_IOC_SET_TICKS, (void *)1) == -1 && errno == EFAULT,
		"TFD_IOC_SET_TICKS: 0 is EINVAL, a bad pointer EFAULT");
	errno = 0;
	ksft_ok(write(fd, &five, 8) == -1 && errno == EINVAL, "write: EINVAL");
	close(ep);
	close(fd);
}

static void test_errors(void)
{
	struct its32 bad = { 0, 0, 0, 1000000000 }, neg = { 0, 0, -1, 0 }, v;
	int fd = syscall(322, CLOCK_MONOTONIC, 0), p[2];

	pipe(p);
	errno = 0;
	ksft_ok(set32(fd, 4, 0, 10, NULL) == -1 && errno == EINVAL, "settime: an unknown flag: EINVAL");
	errno = 0;
	ksft_ok(syscall(325, fd, 0, &bad, NULL) == -1 && errno == EINVAL &&
		syscall(325, fd, 0, &neg, NULL) == -1 && errno == EINVAL,
		"settime: tv_nsec 1e9 or a negative time: EINVAL");
	errno = 0;
	ksft_ok(syscall(325, fd, 0, (void *)1, NULL) == -1 && errno == EFAULT &&
		get32(fd, (void *)1) == -1 && errno == EFAULT &&
		set32(fd, 0, 0, 10, (void *)1) == -1 && errno == EFAULT,
		"bad itimerspec pointers: EFAULT");
	errno = 0;
	ksft_ok(set32(p[0], 0, 0, 10, NULL) == -1 && errno == EINVAL &&
		get32(p[0], &v) == -1 && errno == EINVAL,
		"a pipe is not a timerfd: EINVAL");
	errno = 0;
	ksft_ok(set32(999, 0, 0, 10, NULL) == -1 && errno == EBADF &&
		get32(-1, &v) == -1 && errno == EBADF, "no such descriptor: EBADF");
	close(p[0]);
	close(p[1]);
	close(fd);
}

int main(void)
{
	ksft_plan(26);
	test_create();
	test_oneshot();
	test_periodic();
	test_poll_ioctl();
	test_errors();
	ksft_exit();
}
