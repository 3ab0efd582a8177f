/*
 * Inside drivers/rtc/: the device's settings (dev.c, which owns the
 * state and its locks) as the ioctls (ioctl.c) change them.  Every
 * function here but rtc_read_time64 (any context) expects the caller to
 * hold ops_lock (rtc_ioctl is called with it).
 */
#ifndef _DRIVERS_RTC_CORE_H
#define _DRIVERS_RTC_CORE_H

#include <linux-ish/types.h>

/*
 * Linnet's fixed major for /dev/rtc0: the one Debian's Linux 6.1 686
 * kernel gives the RTC from its dynamic range under QEMU
 * (/proc/devices), so one device node serves both kernels.
 */
#define RTC_MAJOR		252
#define RTC_DEFAULT_FREQ	1024	/* Linux's rtc-cmos starts at 1024 Hz */
#define RTC_MAX_USER_FREQ	64	/* above: CAP_SYS_RESOURCE */

/* The chip's time in seconds since 1970. */
s64 rtc_read_time64(void);
void rtc_time_changed(void);
void rtc_uie_enable(bool on);
void rtc_pie_enable(bool on);
void rtc_aie_enable(bool on);
void rtc_set_freq(unsigned int freq);
unsigned int rtc_get_freq(void);
void rtc_set_alarm(s64 when, bool enabled);
void rtc_get_alarm(s64 *when, bool *enabled);

/* ioctl.c: one ioctl on /dev/rtc0.  0 or -errno (-ENOTTY: not an RTC ioctl). */
long rtc_ioctl(unsigned int cmd, unsigned long arg);

#endif
