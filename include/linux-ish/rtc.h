/*
 * RTC helpers shared by the arch's clock and drivers/rtc/: struct
 * rtc_time (uapi rtc.h, struct tm's fields) to and from seconds since
 * 1970 (UTC, proleptic Gregorian calendar), and its validity check.
 */
#ifndef _LINUX_ISH_RTC_H
#define _LINUX_ISH_RTC_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/rtc.h>

/* Days in month @month (0-11) of @year. */
int rtc_month_days(unsigned int month, unsigned int year);
/* 0 if every field is in range (year from 1970), else -EINVAL: Linux's rtc_valid_tm. */
int rtc_valid_tm(const struct rtc_time *tm);
/* Seconds since 1970 of @tm (tm_wday, tm_yday, tm_isdst ignored). */
s64 rtc_tm_to_time64(const struct rtc_time *tm);
/*
 * @t (>= 0) to *@tm, tm_wday and tm_yday filled in, tm_isdst 0.  As
 * Linux 6.1's rtc_time64_to_tm, tm_yday counts from 1 (January 1st is 1,
 * not struct tm's 0): RTC_ALM_READ and RTC_WKALM_RD show it.
 */
void rtc_time64_to_tm(s64 t, struct rtc_time *tm);

/* drivers/rtc/dev.c: /dev/rtc0 on the CMOS clock, at boot. */
void rtc_dev_init(void);

#endif
