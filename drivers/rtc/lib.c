/* struct rtc_time to and from seconds since 1970, and its checks. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/rtc.h>

static const unsigned char month_days[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static bool is_leap_year(unsigned int year)
{
	return (!(year % 4) && (year % 100)) || !(year % 400);
}

int rtc_month_days(unsigned int month, unsigned int year)
{
	return month_days[month] + (month == 1 && is_leap_year(year));
}

int rtc_valid_tm(const struct rtc_time *tm)
{
	if (tm->tm_year < 70 || tm->tm_year > INT_MAX - 1900 ||
	    (unsigned int)tm->tm_mon >= 12 || tm->tm_mday < 1 ||
	    tm->tm_mday > rtc_month_days(tm->tm_mon, (unsigned int)tm->tm_year + 1900) ||
	    (unsigned int)tm->tm_hour >= 24 || (unsigned int)tm->tm_min >= 60 ||
	    (unsigned int)tm->tm_sec >= 60)
		return -EINVAL;
	return 0;
}

/* Days from 1970-01-01 to @y-@m-@d (@m 1-12), with 400-year eras from March. */
static s64 days_from_civil(s64 y, unsigned int m, unsigned int d)
{
	s64 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	s64 days = days_from_civil((s64)tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday);

	return days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

void rtc_time64_to_tm(s64 t, struct rtc_time *tm)
{
	u64 days = (u64)t / 86400;
	unsigned int secs = (u64)t % 86400;
	unsigned int year = 1970, mon = 0, ylen;

	tm->tm_wday = (days + 4) % 7;		/* 1970-01-01 was a Thursday */
	while (days >= (ylen = 365 + is_leap_year(year))) {
		days -= ylen;
		year++;
	}
	tm->tm_yday = days + 1;		/* sic: Linux 6.1 counts from 1 here */
	while (days >= (u64)rtc_month_days(mon, year))
		days -= rtc_month_days(mon++, year);
	tm->tm_year = year - 1900;
	tm->tm_mon = mon;
	tm->tm_mday = days + 1;
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
	tm->tm_isdst = 0;
}
