/*
 * The CMOS real-time clock's registers (asm/mc146818rtc.h): the time,
 * read once at boot for the wall clock and by /dev/rtc0 (drivers/rtc/),
 * the alarm, the interrupt enables and the periodic rate.  Values are
 * BCD or binary as register B says; hours 24-hour unless it says 12.
 * Years are two digits, 70-99 the 1900s and 00-69 the 2000s, as Linux
 * reads and writes them when ACPI names no century register (QEMU's
 * FADT does not): the clock holds 1970-2069.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/rtc.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <asm/io.h>
#include <asm/mc146818rtc.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define UIP_SPINS	1000000

DEFINE_SPINLOCK(rtc_lock);

u8 cmos_read(u8 reg)
{
	outb(reg, CMOS_INDEX);
	return inb(CMOS_DATA);
}

void cmos_write(u8 val, u8 reg)
{
	outb(reg, CMOS_INDEX);
	outb(val, CMOS_DATA);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

static unsigned int bin2bcd(unsigned int v)
{
	return ((v / 10) << 4) | (v % 10);
}

/* A register's value as a number, and a number as the register wants it. */
static unsigned int from_cmos(unsigned int v, u8 b)
{
	return (b & RTC_DM_BINARY) ? v : bcd2bin(v);
}

static u8 to_cmos(unsigned int v, u8 b)
{
	return (b & RTC_DM_BINARY) ? v : bin2bcd(v);
}

static unsigned int hours_from_cmos(unsigned int h, u8 b)
{
	unsigned int pm = h & 0x80;

	h = from_cmos(h & 0x7f, b);
	if (!(b & RTC_24H))
		h = (h % 12) + (pm ? 12 : 0);
	return h;
}

static u8 hours_to_cmos(unsigned int h, u8 b)
{
	if (b & RTC_24H)
		return to_cmos(h, b);
	return to_cmos(h % 12 ? h % 12 : 12, b) | (h >= 12 ? 0x80 : 0);
}

/* Reads the time once no update is in progress.  rtc_lock held. */
static void read_regs(struct rtc_time *tm)
{
	u8 b;

	for (int i = 0; i < UIP_SPINS && (cmos_read(RTC_REG_A) & RTC_UIP); i++)
		;
	b = cmos_read(RTC_REG_B);
	tm->tm_sec = from_cmos(cmos_read(RTC_SECONDS), b);
	tm->tm_min = from_cmos(cmos_read(RTC_MINUTES), b);
	tm->tm_hour = hours_from_cmos(cmos_read(RTC_HOURS), b);
	tm->tm_mday = from_cmos(cmos_read(RTC_DAY_OF_MONTH), b);
	tm->tm_mon = from_cmos(cmos_read(RTC_MONTH), b) - 1;
	tm->tm_year = from_cmos(cmos_read(RTC_YEAR), b);
	if (tm->tm_year < 70)
		tm->tm_year += 100;
}

void mc146818_get_time(struct rtc_time *tm)
{
	unsigned long flags;
	int sec;

	memset(tm, 0, sizeof(*tm));
	spin_lock_irqsave(&rtc_lock, flags);
	/* An update between two reads would tear the value: read until stable. */
	do {
		read_regs(tm);
		sec = from_cmos(cmos_read(RTC_SECONDS), cmos_read(RTC_REG_B));
	} while (sec != tm->tm_sec);
	spin_unlock_irqrestore(&rtc_lock, flags);
}

int mc146818_set_time(const struct rtc_time *tm)
{
	unsigned long flags;
	u8 b;

	if (tm->tm_year < 70 || tm->tm_year >= 170)
		return -EINVAL;
	spin_lock_irqsave(&rtc_lock, flags);
	b = cmos_read(RTC_REG_B);
	cmos_write(b | RTC_SET, RTC_REG_B);
	cmos_write(to_cmos(tm->tm_sec, b), RTC_SECONDS);
	cmos_write(to_cmos(tm->tm_min, b), RTC_MINUTES);
	cmos_write(hours_to_cmos(tm->tm_hour, b), RTC_HOURS);
	cmos_write(to_cmos(tm->tm_mday, b), RTC_DAY_OF_MONTH);
	cmos_write(to_cmos(tm->tm_mon + 1, b), RTC_MONTH);
	cmos_write(to_cmos(tm->tm_year % 100, b), RTC_YEAR);
	cmos_write(b & ~RTC_SET, RTC_REG_B);
	spin_unlock_irqrestore(&rtc_lock, flags);
	return 0;
}

void mc146818_set_alarm(unsigned int hour, unsigned int min, unsigned int sec)
{
	unsigned long flags;
	u8 b;

	spin_lock_irqsave(&rtc_lock, flags);
	b = cmos_read(RTC_REG_B);
	cmos_write(hours_to_cmos(hour, b), RTC_HOURS_ALARM);
	cmos_write(to_cmos(min, b), RTC_MINUTES_ALARM);
	cmos_write(to_cmos(sec, b), RTC_SECONDS_ALARM);
	spin_unlock_irqrestore(&rtc_lock, flags);
}

void mc146818_get_alarm(unsigned int *hour, unsigned int *min, unsigned int *sec)
{
	unsigned long flags;
	u8 b;

	spin_lock_irqsave(&rtc_lock, flags);
	b = cmos_read(RTC_REG_B);
	*hour = hours_from_cmos(cmos_read(RTC_HOURS_ALARM), b);
	*min = from_cmos(cmos_read(RTC_MINUTES_ALARM), b);
	*sec = from_cmos(cmos_read(RTC_SECONDS_ALARM), b);
	spin_unlock_irqrestore(&rtc_lock, flags);
}

void mc146818_irq_enable(u8 mask, u8 bits)
{
	unsigned long flags;
	u8 b;

	spin_lock_irqsave(&rtc_lock, flags);
	b = cmos_read(RTC_REG_B);
	/* Register C keeps flags of disabled kinds: a new enable must not see an old one. */
	if (bits & mask & ~b)
		cmos_read(RTC_REG_C);
	cmos_write((b & ~mask) | (bits & mask), RTC_REG_B);
	spin_unlock_irqrestore(&rtc_lock, flags);
}

void mc146818_set_rate(unsigned int hz)
{
	unsigned int sel = 1;
	unsigned long flags;
	u8 a;

	while ((32768U >> (sel - 1)) > hz && sel < 15)
		sel++;
	spin_lock_irqsave(&rtc_lock, flags);
	a = cmos_read(RTC_REG_A);
	cmos_write((a & ~RTC_RATE_SELECT) | sel, RTC_REG_A);
	spin_unlock_irqrestore(&rtc_lock, flags);
}

u8 mc146818_ack_irq(void)
{
	unsigned long flags;
	u8 c;

	spin_lock_irqsave(&rtc_lock, flags);
	c = cmos_read(RTC_REG_C);
	spin_unlock_irqrestore(&rtc_lock, flags);
	return c & (RTC_PF | RTC_AF | RTC_UF);
}

/* Seconds since the epoch according to the RTC (assumed UTC, as QEMU's is). */
long rtc_read_seconds(void)
{
	struct rtc_time tm;

	mc146818_get_time(&tm);
	return rtc_tm_to_time64(&tm);
}
