/*
 * The CMOS RTC's periodic interrupt: status register A's rate field
 * divides the 32,768 Hz time base (rate r gives 65,536 >> r Hz, r in
 * 3..15, so 8,192 Hz down to 2 Hz), status register B's PIE bit turns
 * the interrupt on, and reading status register C acknowledges it (the
 * RTC raises no further interrupt until C is read).  QEMU's RTC runs on
 * the virtual clock with "-rtc clock=vm", so under -icount the
 * interrupts fall at the same instructions in every run.
 *
 * The registers are reached through rtc.c's mc146818 helpers (rtc_lock).
 * While the profiler holds the interrupt, the /dev/rtc0 driver does not
 * start (drivers/rtc/dev.c): one owner for IRQ 8 and register B.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <asm/irqflags.h>
#include <asm/mc146818rtc.h>
#include <asm/rtc.h>

static irq_handler_t rtc_periodic_fn;

static void rtc_periodic_irq(unsigned int irq, struct pt_regs *regs)
{
	mc146818_ack_irq();		/* the next one may come */
	rtc_periodic_fn(irq, regs);
}

static bool rate_ok(unsigned int hz)
{
	return hz >= RTC_PERIODIC_MIN_HZ && hz <= RTC_PERIODIC_MAX_HZ && !(hz & (hz - 1));
}

bool rtc_periodic_active(void)
{
	return rtc_periodic_fn != NULL;
}

int rtc_periodic_start(unsigned int hz, irq_handler_t fn)
{
	int err;

	if (!rate_ok(hz) || !fn)
		return -EINVAL;
	mc146818_set_rate(hz);
	mc146818_irq_enable(RTC_PIE, RTC_PIE);	/* drops a request from before */
	rtc_periodic_fn = fn;
	err = request_irq(RTC_IRQ, rtc_periodic_irq, "rtc");
	if (err) {
		rtc_periodic_fn = NULL;
		mc146818_irq_enable(RTC_PIE, 0);
	}
	return err;
}
