/* The CMOS RTC's periodic interrupt (IRQ 8), a sampling clock apart from the tick. */
#ifndef _ASM_X86_RTC_H
#define _ASM_X86_RTC_H

#include <linux-ish/types.h>
#include <asm/irq.h>
#include <asm/mc146818rtc.h>	/* RTC_IRQ */

#define RTC_PERIODIC_MIN_HZ	2
#define RTC_PERIODIC_MAX_HZ	8192

/*
 * Calls @fn (in IRQ context, interrupts off) @hz times a second, @hz a
 * power of two in [RTC_PERIODIC_MIN_HZ, RTC_PERIODIC_MAX_HZ].  Returns
 * 0, -EINVAL for another rate, or -EBUSY when IRQ 8 is taken.
 */
int rtc_periodic_start(unsigned int hz, irq_handler_t fn);
/* Whether the profiler took the chip's periodic interrupt: /dev/rtc0 then stays away. */
bool rtc_periodic_active(void);

#endif
