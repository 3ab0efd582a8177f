/*
 * The PC's CMOS real-time clock, a Motorola MC146818 behind I/O ports
 * 0x70 (index) and 0x71 (data), on IRQ 8.  The register numbers and bits
 * here; the accessors in arch/x86/kernel/rtc.c.  drivers/rtc/ builds
 * /dev/rtc0 on them.
 *
 * Locking: rtc_lock (IRQ-safe) covers every index/data pair, since the
 * index written to port 0x70 must still be there when 0x71 is touched;
 * the RTC interrupt handler takes it too.
 */
#ifndef _ASM_X86_MC146818RTC_H
#define _ASM_X86_MC146818RTC_H

#include <linux-ish/types.h>
#include <linux-ish/spinlock.h>
#include <uapi/linux-ish/rtc.h>

#define RTC_IRQ			8

#define RTC_SECONDS		0x00
#define RTC_SECONDS_ALARM	0x01
#define RTC_MINUTES		0x02
#define RTC_MINUTES_ALARM	0x03
#define RTC_HOURS		0x04
#define RTC_HOURS_ALARM		0x05
#define RTC_DAY_OF_MONTH	0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_C		0x0c

/* Register A */
#define RTC_UIP			0x80	/* an update is in progress: don't read */
#define RTC_RATE_SELECT		0x0f	/* periodic rate: 32768 >> (n - 1) Hz, 3..15 */
/* Register B */
#define RTC_SET			0x80	/* updates stopped while the time is written */
#define RTC_PIE			0x40	/* periodic interrupt enable */
#define RTC_AIE			0x20	/* alarm interrupt enable */
#define RTC_UIE			0x10	/* update-ended interrupt enable */
#define RTC_DM_BINARY		0x04	/* binary, not BCD */
#define RTC_24H			0x02
/* Register C (read-only; reading it acknowledges): RTC_IRQF, RTC_PF, RTC_AF, RTC_UF of uapi rtc.h */

extern spinlock_t rtc_lock;

/* One register.  rtc_lock held. */
u8 cmos_read(u8 reg);
void cmos_write(u8 val, u8 reg);

/* The date and time (UTC under QEMU), tm_wday/tm_yday left 0.  Takes rtc_lock. */
void mc146818_get_time(struct rtc_time *tm);
/* Sets it; the caller checked @tm (rtc_valid_tm).  0 or -EINVAL (after 2069, as Linux). */
int mc146818_set_time(const struct rtc_time *tm);
/* The daily alarm registers' time of day. */
void mc146818_get_alarm(unsigned int *hour, unsigned int *min, unsigned int *sec);
/* The daily alarm registers to @hour:@min:@sec.  Takes rtc_lock. */
void mc146818_set_alarm(unsigned int hour, unsigned int min, unsigned int sec);
/*
 * Register B's interrupt enables (RTC_PIE | RTC_AIE | RTC_UIE) in @mask set
 * to @bits; turning one on first clears register C's stale flags.
 */
void mc146818_irq_enable(u8 mask, u8 bits);
/* The periodic rate: @hz a power of two, 2..8192. */
void mc146818_set_rate(unsigned int hz);
/* Reads (acknowledging) register C: the RTC_PF/AF/UF that fired. */
u8 mc146818_ack_irq(void);

#endif
