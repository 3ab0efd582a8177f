/* The CMOS real-time clock, read once at boot for the wall-clock time. */
#include <linux-ish/kernel.h>
#include <linux-ish/time.h>
#include <asm/io.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_UIP		0x80	/* update in progress */
#define RTC_BINARY	0x04
#define RTC_24H		0x02

static unsigned int cmos_read(u8 reg)
{
	outb(reg, CMOS_INDEX);
	return inb(CMOS_DATA);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, unsigned int m, unsigned int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Seconds since the epoch according to the RTC (assumed UTC, as QEMU's is). */
long rtc_read_seconds(void)
{
	unsigned int sec, min, hour, day, mon, year, b;

	for (int i = 0; i < 1000000 && (cmos_read(RTC_STATUS_A) & RTC_UIP); i++)
		;
	sec = cmos_read(RTC_SECONDS);
	min = cmos_read(RTC_MINUTES);
	hour = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY);
	mon = cmos_read(RTC_MONTH);
	year = cmos_read(RTC_YEAR);
	b = cmos_read(RTC_STATUS_B);
	if (!(b & RTC_BINARY)) {
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour & 0x7f) | (hour & 0x80);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
	}
	if (!(b & RTC_24H) && (hour & 0x80))
		hour = ((hour & 0x7f) % 12) + 12;
	year += year < 70 ? 2000 : 1900;
	return days_from_civil(year, mon, day) * 86400L + hour * 3600 + min * 60 + sec;
}
