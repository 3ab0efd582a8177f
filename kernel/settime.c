/*
 * Setting the wall clock: clock_settime (264, 404 with 64-bit time),
 * settimeofday (79) and stime (25), all CLOCK_REALTIME through
 * settime_real() (kernel/time.c), which the vDSO and timerfds follow.
 * Rules as Linux's: CAP_SYS_TIME (EPERM), a time before boot or past
 * Linux's settable range EINVAL, only CLOCK_REALTIME settable (an
 * encoded CPU-time clock EPERM, the others EINVAL).  settimeofday's time zone
 * (+-15 hours) is kept for gettimeofday; nothing else uses it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/time.h>

/* Linux's TIME_SETTOD_SEC_MAX: KTIME_SEC_MAX less 30 years of uptime. */
#define SETTOD_SEC_MAX	(9223372036LL - 30LL * 365 * 24 * 3600)

struct kernel_timezone sys_tz;

/* Linux's timespec64_valid_settod(). */
static bool settod_valid(const struct timespec64 *ts)
{
	return timespec64_valid(ts) && ts->tv_sec < SETTOD_SEC_MAX;
}

/* settimeofday's common part: either may be NULL.  0 or -EINVAL/-EPERM. */
static long do_sys_settimeofday(const struct timespec64 *ts, const struct kernel_timezone *tz)
{
	if (ts && !settod_valid(ts))
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (tz) {
		if (tz->tz_minuteswest > 15 * 60 || tz->tz_minuteswest < -15 * 60)
			return -EINVAL;
		sys_tz = *tz;
		if (!ts)
			settime_real(ktime_get_real_ns());	/* the vDSO shows the zone */
	}
	return ts ? settime_real((u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec) : 0;
}

/*
 * Whether clock @which can be set: 0 for CLOCK_REALTIME; -EPERM for a
 * CPU-time clock in its encoded form (negative: ~pid << 3 | type) of an
 * existing process, which is never set; -EINVAL for the rest (2 and 3
 * included, as Linux).
 */
static int clock_set_check(clockid_t which)
{
	pid_t pid;

	if (which == CLOCK_REALTIME)
		return 0;
	if (which >= 0 || (which & 3) == 3)
		return -EINVAL;
	pid = (~which) >> 3;
	if (pid && pid != current->pid && !find_task_by_pid(pid))
		return -EINVAL;
	return -EPERM;
}

/* Linux's order: EINVAL for the clock, then EFAULT, then EPERM. */
static long do_clock_settime(clockid_t which, const void __user *tp, bool time32)
{
	struct timespec64 ts;
	int check = clock_set_check(which);

	if (check == -EINVAL)
		return check;
	if (get_user_timespec(&ts, tp, time32))
		return -EFAULT;
	return check ? check : do_sys_settimeofday(&ts, NULL);
}

SYSCALL_DEFINE2(clock_settime32, clockid_t, which, const struct old_timespec32 __user *, tp)
{
	return do_clock_settime(which, tp, true);
}

SYSCALL_DEFINE2(clock_settime, clockid_t, which, const struct __kernel_timespec __user *, tp)
{
	return do_clock_settime(which, tp, false);
}

SYSCALL_DEFINE2(settimeofday, const struct old_timeval32 __user *, utv,
		const struct kernel_timezone __user *, utz)
{
	struct old_timeval32 tv;
	struct timespec64 ts;
	struct kernel_timezone tz;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec > (s32)USEC_PER_SEC || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec;
		ts.tv_nsec = tv.tv_usec * NSEC_PER_USEC;
	}
	if (utz && copy_from_user(&tz, utz, sizeof(tz)))
		return -EFAULT;
	return do_sys_settimeofday(utv ? &ts : NULL, utz ? &tz : NULL);
}

/* Number 25: the time in seconds (32-bit). */
SYSCALL_DEFINE1(stime, const s32 __user *, tptr)
{
	struct timespec64 ts = { 0, 0 };
	s32 t;

	if (get_user(t, tptr))
		return -EFAULT;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	ts.tv_sec = t;
	return settod_valid(&ts) ? settime_real((u64)t * NSEC_PER_SEC) : -EINVAL;
}
