/*
 * The CMOS RTC's periodic interrupt: status register A's rate field
 * divides the 32,768 Hz time base (rate r gives 65,536 >> r Hz, r in
 * 3..15, so 8,192 Hz down to 2 Hz), status register B's PIE bit turns
 * the interrupt on, and reading status register C acknowledges it (the
 * RTC raises no further interrupt until C is read).  QEMU's RTC runs on
 * the virtual clock with "-rtc clock=vm", so under -icount the
 * interrupts fall at the same instructions in every run.
 *
 * Locking: the CMOS index port is shared with rtc.c's boot-time reads;
 * the register writes here run with interrupts off.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/rtc.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_REG_A	0x0a
#define RTC_REG_B	0x0b
#define RTC_REG_C	0x0c
#define RTC_RATE_MASK	0x0f
#define RTC_PIE		0x40	/* register B: periodic interrupt enable */

static irq_handler_t rtc_periodic_fn;

static u8 cmos_get(u8 reg)
{
	outb(reg, CMOS_INDEX);
	return inb(CMOS_DATA);
}

static void cmos_set(u8 reg, u8 val)
{
	outb(reg, CMOS_INDEX);
	outb(val, CMOS_DATA);
}

static void rtc_periodic_irq(unsigned int irq, struct pt_regs *regs)
{
	cmos_get(RTC_REG_C);		/* acknowledge: the next one may come */
	rtc_periodic_fn(irq, regs);
}

/* The rate field for @hz, or 0 if @hz is not a power of two in range. */
static unsigned int rtc_rate_of(unsigned int hz)
{
	if (hz < RTC_PERIODIC_MIN_HZ || hz > RTC_PERIODIC_MAX_HZ || (hz & (hz - 1)))
		return 0;
	return 16 - __builtin_ctz(hz);		/* hz == 65536 >> rate */
}

int rtc_periodic_start(unsigned int hz, irq_handler_t fn)
{
	unsigned int rate = rtc_rate_of(hz);
	unsigned long flags;
	int err;

	if (!rate || !fn)
		return -EINVAL;
	local_irq_save(flags);
	rtc_periodic_fn = fn;
	cmos_set(RTC_REG_A, (cmos_get(RTC_REG_A) & ~RTC_RATE_MASK) | rate);
	cmos_set(RTC_REG_B, cmos_get(RTC_REG_B) | RTC_PIE);
	cmos_get(RTC_REG_C);		/* drop a request from before */
	err = request_irq(RTC_IRQ, rtc_periodic_irq, "rtc");
	if (err)
		cmos_set(RTC_REG_B, cmos_get(RTC_REG_B) & ~RTC_PIE);
	local_irq_restore(flags);
	return err;
}
