/*
 * /dev/rtc0, the CMOS real-time clock: one opener (EBUSY), RTC_RD_TIME
 * against time(NULL) (the RTC holds UTC under QEMU), the periodic rate's
 * limits (EINVAL, EACCES above 64 Hz without CAP_SYS_RESOURCE), read()'s
 * size and O_NONBLOCK rules, an update interrupt (read blocks until the
 * next second, RTC_UF), 64 Hz periodic interrupts counted by read(),
 * a wake alarm two seconds ahead seen by poll() (RTC_AF, then disabled),
 * bad times (EINVAL), bad pointers (EFAULT), unknown ioctls (ENOTTY),
 * RTC_PARAM_GET's features (alarm, update interrupt) and correction (EINVAL),
 * RTC_SET_TIME without CAP_SYS_TIME (EACCES).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include "../kselftest.h"
#include <uapi/linux-ish/rtc.h>

#define RTC_DEV		"/dev/rtc0"
#define BAD_PTR		((void *)1)

static int fd;
static void *volatile bad_buf = BAD_PTR;

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static time_t rtc_secs(const struct rtc_time *r)
{
	struct tm tm = {
		.tm_sec = r->tm_sec, .tm_min = r->tm_min, .tm_hour = r->tm_hour,
		.tm_mday = r->tm_mday, .tm_mon = r->tm_mon, .tm_year = r->tm_year,
	};

	return timegm(&tm);
}

static void test_open(void)
{
	struct stat st;
	int fd2;

	ksft_ok(!fstat(fd, &st) && S_ISCHR(st.st_mode), "rtc0 is a character device");
	fd2 = open(RTC_DEV, O_RDONLY);
	ksft_ok(fd2 == -1 && errno == EBUSY, "second open: EBUSY");
	if (fd2 >= 0)
		close(fd2);
}

static void test_rd_time(void)
{
	struct rtc_param p;
	struct rtc_time r;
	time_t t = time(NULL), rt;

	memset(&r, 0xff, sizeof(r));
	rt = ioctl(fd, RTC_RD_TIME, &r) ? 0 : rtc_secs(&r);
	ksft_ok(rt && labs((long)(rt - t)) <= 2 && r.tm_isdst == 0,
		"RTC_RD_TIME within 2 s of time() (%ld)", (long)(rt - t));
	ksft_ok(ioctl(fd, RTC_RD_TIME, BAD_PTR) == -1 && errno == EFAULT,
		"RTC_RD_TIME to a bad pointer: EFAULT");
	memset(&p, 0, sizeof(p));
	p.param = RTC_PARAM_FEATURES;
	r.tm_sec = ioctl(fd, RTC_PARAM_GET, &p);
	ksft_ok(r.tm_sec == 0 &&
		p.uvalue == (1 << RTC_FEATURE_ALARM | 1 << RTC_FEATURE_UPDATE_INTERRUPT),
		"RTC_PARAM_GET features: alarm, update interrupt (%#llx)",
		(unsigned long long)p.uvalue);
	p.param = RTC_PARAM_CORRECTION;
	ksft_ok(ioctl(fd, RTC_PARAM_GET, &p) == -1 && errno == EINVAL,
		"RTC_PARAM_GET correction: EINVAL");
	ksft_ok(ioctl(fd, RTC_EPOCH_READ, &t) == -1 && errno == ENOTTY &&
		ioctl(fd, 0x5401 /* TCGETS */, &r) == -1 && errno == ENOTTY,
		"RTC_EPOCH_READ, TCGETS: ENOTTY");
}

static void test_rate_limits(void)
{
	unsigned long rate = 0;

	ksft_ok(ioctl(fd, RTC_IRQP_SET, 0) == -1 && errno == EINVAL &&
		ioctl(fd, RTC_IRQP_SET, RTC_MAX_FREQ + 1) == -1 && errno == EINVAL,
		"RTC_IRQP_SET 0, 8193: EINVAL");
	ksft_ok(!ioctl(fd, RTC_IRQP_SET, 3) && !ioctl(fd, RTC_IRQP_READ, &rate) &&
		rate == 3, "RTC_IRQP_SET 3 Hz (not a power of two) reads back");
	ksft_ok(ioctl(fd, RTC_IRQP_READ, BAD_PTR) == -1 && errno == EFAULT,
		"RTC_IRQP_READ to a bad pointer: EFAULT");
}

static void test_read_rules(void)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned long data;
	char small[2];
	int fl = fcntl(fd, F_GETFL);

	ksft_ok(read(fd, small, sizeof(small)) == -1 && errno == EINVAL,
		"read of 2 bytes: EINVAL");
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	ksft_ok(read(fd, &data, sizeof(data)) == -1 && errno == EAGAIN,
		"O_NONBLOCK read, nothing happened: EAGAIN");
	fcntl(fd, F_SETFL, fl);
	ksft_ok(poll(&p, 1, 0) == 0 && p.revents == 0, "poll: not readable");
	ksft_ok(lseek(fd, 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek: ESPIPE");
}

static void test_uie(void)
{
	unsigned long data = 0;
	double t0, dt;
	ssize_t n;

	ksft_ok(!ioctl(fd, RTC_UIE_ON, 0), "RTC_UIE_ON");
	t0 = now_s();
	n = read(fd, &data, sizeof(data));
	dt = now_s() - t0;
	ksft_ok(n == sizeof(data) && (data & 0xff) == (RTC_IRQF | RTC_UF) &&
		data >> 8 == 1 && dt < 1.5,
		"update interrupt: read %zd, data %#lx after %.3f s", n, data, dt);
	ksft_ok(read(fd, bad_buf, sizeof(data)) == -1 && errno == EFAULT,
		"read to a bad pointer: EFAULT");
	ksft_ok(!ioctl(fd, RTC_UIE_OFF, 0), "RTC_UIE_OFF");
}

static void test_pie(void)
{
	unsigned long data, ticks = 0;
	int ok = 1, i;
	double t0, dt;

	ioctl(fd, RTC_IRQP_SET, 64);
	ksft_ok(!ioctl(fd, RTC_PIE_ON, 0), "RTC_PIE_ON at 64 Hz");
	read(fd, &data, sizeof(data));		/* the first tick starts the count */
	t0 = now_s();
	for (i = 0; i < 32; i++) {
		if (read(fd, &data, sizeof(data)) != sizeof(data) ||
		    (data & 0xff) != (RTC_IRQF | RTC_PF))
			ok = 0;
		ticks += data >> 8;
	}
	dt = now_s() - t0;
	/* Each read takes at least one tick; late ones find several. */
	ksft_ok(ok && ticks >= 32 && ticks / dt > 44 && ticks / dt < 84,
		"64 Hz: 32 reads, %lu ticks in %.3f s", ticks, dt);
	ksft_ok(!ioctl(fd, RTC_PIE_OFF, 0), "RTC_PIE_OFF");
}

static void test_alarm(void)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct rtc_wkalrm a;
	unsigned long data = 0;
	time_t when;
	int r;

	memset(&a, 0, sizeof(a));
	ioctl(fd, RTC_RD_TIME, &a.time);
	when = rtc_secs(&a.time) + 2;
	gmtime_r(&when, (struct tm *)&a.time);
	a.enabled = 1;
	ksft_ok(!ioctl(fd, RTC_WKALM_SET, &a), "RTC_WKALM_SET 2 s ahead");
	memset(&a, 0, sizeof(a));
	ksft_ok(!ioctl(fd, RTC_WKALM_RD, &a) && a.enabled == 1 &&
		rtc_secs(&a.time) == when, "RTC_WKALM_RD: enabled, same time");
	r = poll(&p, 1, 4000);
	if (r == 1 && read(fd, &data, sizeof(data)) != sizeof(data))
		data = 0;
	ksft_ok(r == 1 && (p.revents & POLLIN) && (data & (RTC_IRQF | RTC_AF)) == (RTC_IRQF | RTC_AF),
		"alarm: poll readable, data %#lx", data);
	ksft_ok(!ioctl(fd, RTC_WKALM_RD, &a) && a.enabled == 0,
		"a fired alarm is disabled");
	a.time.tm_mon = 12;
	ksft_ok(ioctl(fd, RTC_WKALM_SET, &a) == -1 && errno == EINVAL,
		"RTC_WKALM_SET month 12: EINVAL");
	a.time.tm_mon = 0;
	a.time.tm_hour = 24;
	ksft_ok(ioctl(fd, RTC_ALM_SET, &a.time) == -1 && errno == EINVAL,
		"RTC_ALM_SET hour 24: EINVAL");
	ksft_ok(ioctl(fd, RTC_ALM_SET, BAD_PTR) == -1 && errno == EFAULT,
		"RTC_ALM_SET from a bad pointer: EFAULT");
}

/* In a child without privileges: the time and fast rates are refused. */
static void test_unprivileged(void)
{
	struct rtc_time r;
	int status = -1;
	pid_t pid;

	ioctl(fd, RTC_IRQP_SET, 128);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		if (setuid(65534))
			_exit(2);
		ioctl(fd, RTC_RD_TIME, &r);
		bad |= !(ioctl(fd, RTC_SET_TIME, &r) == -1 && errno == EACCES);
		bad |= !(ioctl(fd, RTC_PIE_ON, 0) == -1 && errno == EACCES);
		bad |= !(ioctl(fd, RTC_IRQP_SET, 256) == -1 && errno == EACCES);
		bad |= ioctl(fd, RTC_IRQP_SET, 64) != 0;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	ksft_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		"without capabilities: RTC_SET_TIME, PIE_ON at 128 Hz, IRQP_SET 256: EACCES");
	ksft_ok(!ioctl(fd, RTC_RD_TIME, &r) && !ioctl(fd, RTC_SET_TIME, &r),
		"root: RTC_SET_TIME of the time it read");
	r.tm_mday = 31;
	r.tm_mon = 1;
	ksft_ok(ioctl(fd, RTC_SET_TIME, &r) == -1 && errno == EINVAL,
		"RTC_SET_TIME February 31st: EINVAL");
}

int main(void)
{
	ksft_plan(32);
	fd = open(RTC_DEV, O_RDONLY);
	if (fd < 0) {
		ksft_diag("cannot open %s: %s", RTC_DEV, strerror(errno));
		ksft_exit();
	}
	test_open();
	test_rd_time();
	test_rate_limits();
	test_read_rules();
	test_uie();
	test_pie();
	test_alarm();
	test_unprivileged();
	close(fd);
	fd = open(RTC_DEV, O_RDONLY);
	ksft_ok(fd >= 0, "open again after close");
	close(fd);
	ksft_exit();
}
