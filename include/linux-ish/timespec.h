/*
 * A struct timespec from or for user space, in either i386 layout:
 * @time32, the old one (struct old_timespec32), else struct
 * __kernel_timespec (the time64 calls).  0 or -EFAULT; the values are
 * neither checked nor clamped: tv_nsec's upper half is dropped on the way
 * in (as Linux i386 does), a 32-bit tv_sec truncated on the way out.
 * Inline, so that each caller's constant @time32 leaves one copy.
 */
#ifndef _LINUX_ISH_TIMESPEC_H
#define _LINUX_ISH_TIMESPEC_H

#include <linux-ish/types.h>
#include <linux-ish/errno.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/time.h>

#define KTIME_MAX	0x7fffffffffffffffULL

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

static inline int get_user_timespec(struct timespec64 *ts, const void __user *p, bool time32)
{
	if (time32) {
		struct old_timespec32 t;

		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		ts->tv_sec = t.tv_sec;
		ts->tv_nsec = t.tv_nsec;
	} else {
		struct __kernel_timespec t;

		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		ts->tv_sec = t.tv_sec;
		ts->tv_nsec = (long)t.tv_nsec;
	}
	return 0;
}

static inline int put_user_timespec(const struct timespec64 *ts, void __user *p, bool time32)
{
	if (time32) {
		struct old_timespec32 t = { .tv_sec = (s32)ts->tv_sec, .tv_nsec = ts->tv_nsec };

		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	} else {
		struct __kernel_timespec t = { .tv_sec = ts->tv_sec, .tv_nsec = ts->tv_nsec };

		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	}
}

/* Linux's timespec64_valid(): tv_sec >= 0, 0 <= tv_nsec < 1e9. */
static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

/* A valid @ts in nanoseconds, saturating at KTIME_MAX. */
static inline u64 timespec64_to_ns_sat(const struct timespec64 *ts)
{
	if ((u64)ts->tv_sec >= KTIME_MAX / 1000000000ULL)
		return KTIME_MAX;
	return (u64)ts->tv_sec * 1000000000ULL + ts->tv_nsec;
}

static inline void ns_to_timespec64(u64 ns, struct timespec64 *ts)
{
	ts->tv_sec = ns / 1000000000ULL;
	ts->tv_nsec = ns % 1000000000ULL;
}

/* struct itimerspec: interval, then value; each a timespec of the layout. 0 or -EFAULT. */
static inline int get_user_itimerspec(struct timespec64 its[2], const void __user *p, bool time32)
{
	size_t one = time32 ? sizeof(struct old_timespec32) : sizeof(struct __kernel_timespec);

	if (get_user_timespec(&its[0], p, time32) ||
	    get_user_timespec(&its[1], (const char __user *)p + one, time32))
		return -EFAULT;
	return 0;
}

static inline int put_user_itimerspec(const struct timespec64 its[2], void __user *p, bool time32)
{
	size_t one = time32 ? sizeof(struct old_timespec32) : sizeof(struct __kernel_timespec);

	if (put_user_timespec(&its[0], p, time32) ||
	    put_user_timespec(&its[1], (char __user *)p + one, time32))
		return -EFAULT;
	return 0;
}

#endif
