/*
 * The ioctls of /dev/rtc0, with Linux 6.1's rules: RTC_SET_TIME (and
 * RTC_EPOCH_SET, RTC_PARAM_SET) need CAP_SYS_TIME, a periodic rate above
 * 64 Hz CAP_SYS_RESOURCE (EACCES, checked before anything else); times
 * are checked as rtc_valid_tm does (EINVAL); RTC_ALM_SET takes only
 * hh:mm:ss and puts the alarm in the next 24 hours, disabled.  Called
 * with ops_lock held (dev.c).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/rtc.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <asm/mc146818rtc.h>
#include <uapi/linux-ish/capability.h>
#include "rtc-core.h"

/* rtc-cmos's features: RTC_FEATURE_ALARM, RTC_FEATURE_UPDATE_INTERRUPT. */
#define RTC_CMOS_FEATURES	((1ULL << RTC_FEATURE_ALARM) | (1ULL << RTC_FEATURE_UPDATE_INTERRUPT))

BUILD_BUG_ON(sizeof(struct rtc_time) != 36);
BUILD_BUG_ON(sizeof(struct rtc_wkalrm) != 40);
BUILD_BUG_ON(sizeof(struct rtc_param) != 24);

/* EACCES for what the caller may not do, before the request is looked at. */
static int rtc_ioctl_allowed(unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case RTC_EPOCH_SET:
	case RTC_SET_TIME:
	case RTC_PARAM_SET:
		return capable(CAP_SYS_TIME) ? 0 : -EACCES;
	case RTC_IRQP_SET:
		return arg > RTC_MAX_USER_FREQ && !capable(CAP_SYS_RESOURCE) ? -EACCES : 0;
	case RTC_PIE_ON:
		return rtc_get_freq() > RTC_MAX_USER_FREQ && !capable(CAP_SYS_RESOURCE) ? -EACCES : 0;
	}
	return 0;
}

static int rtc_rd_time(struct rtc_time __user *u)
{
	struct rtc_time tm;

	mc146818_get_time(&tm);
	return copy_to_user(u, &tm, sizeof(tm)) ? -EFAULT : 0;
}

static int rtc_set_time(const struct rtc_time __user *u)
{
	struct rtc_time tm;
	int err;

	if (copy_from_user(&tm, u, sizeof(tm)))
		return -EFAULT;
	err = rtc_valid_tm(&tm);
	if (!err)
		err = mc146818_set_time(&tm);
	if (!err)
		rtc_time_changed();
	return err;
}

/* RTC_ALM_SET: today's (or, if past, tomorrow's) @u hh:mm:ss, disabled. */
static int rtc_alm_set(const struct rtc_time __user *u)
{
	struct rtc_time tm, now_tm;
	s64 now, then;
	int err;

	if (copy_from_user(&tm, u, sizeof(tm)))
		return -EFAULT;
	now = rtc_read_time64();
	rtc_time64_to_tm(now, &now_tm);
	tm.tm_mday = now_tm.tm_mday;
	tm.tm_mon = now_tm.tm_mon;
	tm.tm_year = now_tm.tm_year;
	err = rtc_valid_tm(&tm);
	if (err)
		return err;
	then = rtc_tm_to_time64(&tm);
	if (then < now)
		then += 24 * 60 * 60;
	rtc_set_alarm(then, false);
	return 0;
}

static int rtc_wkalm_set(const struct rtc_wkalrm __user *u)
{
	struct rtc_wkalrm alm;
	int err;

	if (copy_from_user(&alm, u, sizeof(alm)))
		return -EFAULT;
	err = rtc_valid_tm(&alm.time);
	if (!err)
		rtc_set_alarm(rtc_tm_to_time64(&alm.time), alm.enabled);
	return err;
}

/* RTC_ALM_READ (@wk false: the time only) and RTC_WKALM_RD. */
static int rtc_alarm_read(void __user *u, bool wk)
{
	struct rtc_wkalrm alm;
	bool enabled;
	s64 when;

	memset(&alm, 0, sizeof(alm));
	rtc_get_alarm(&when, &enabled);
	alm.enabled = enabled;
	rtc_time64_to_tm(when, &alm.time);
	if (wk)
		return copy_to_user(u, &alm, sizeof(alm)) ? -EFAULT : 0;
	return copy_to_user(u, &alm.time, sizeof(alm.time)) ? -EFAULT : 0;
}

static int rtc_irqp_set(unsigned long arg)
{
	if ((int)arg <= 0 || (int)arg > RTC_MAX_FREQ)
		return -EINVAL;
	rtc_set_freq(arg);
	return 0;
}

/* RTC_PARAM_GET/SET: the feature bits; no offset correction (EINVAL), as rtc-cmos. */
static int rtc_param(unsigned int cmd, struct rtc_param __user *u)
{
	struct rtc_param p;

	if (copy_from_user(&p, u, sizeof(p)))
		return -EFAULT;
	if (cmd == RTC_PARAM_SET || p.param != RTC_PARAM_FEATURES || p.index)
		return -EINVAL;
	p.uvalue = RTC_CMOS_FEATURES;
	return copy_to_user(u, &p, sizeof(p)) ? -EFAULT : 0;
}

long rtc_ioctl(unsigned int cmd, unsigned long arg)
{
	void __user *u = (void __user *)arg;
	int err = rtc_ioctl_allowed(cmd, arg);

	if (err)
		return err;
	switch (cmd) {
	case RTC_RD_TIME:
		return rtc_rd_time(u);
	case RTC_SET_TIME:
		return rtc_set_time(u);
	case RTC_ALM_SET:
		return rtc_alm_set(u);
	case RTC_ALM_READ:
		return rtc_alarm_read(u, false);
	case RTC_WKALM_SET:
		return rtc_wkalm_set(u);
	case RTC_WKALM_RD:
		return rtc_alarm_read(u, true);
	case RTC_AIE_ON: case RTC_AIE_OFF:
		rtc_aie_enable(cmd == RTC_AIE_ON);
		return 0;
	case RTC_UIE_ON: case RTC_UIE_OFF:
		rtc_uie_enable(cmd == RTC_UIE_ON);
		return 0;
	case RTC_PIE_ON: case RTC_PIE_OFF:
		rtc_pie_enable(cmd == RTC_PIE_ON);
		return 0;
	case RTC_IRQP_READ:
		return put_user((unsigned long)rtc_get_freq(), (unsigned long __user *)u);
	case RTC_IRQP_SET:
		return rtc_irqp_set(arg);
	case RTC_PARAM_GET: case RTC_PARAM_SET:
		return rtc_param(cmd, u);
	}
	return -ENOTTY;
}
