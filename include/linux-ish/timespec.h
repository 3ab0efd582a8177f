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

#endif
