/* The CMOS RTC's periodic interrupt (IRQ 8), a sampling clock apart from the tick. */
#ifndef _ASM_X86_RTC_H
#define _ASM_X86_RTC_H

#include <asm/irq.h>

#define RTC_IRQ			8
#define RTC_PERIODIC_MIN_HZ	2
#define RTC_PERIODIC_MAX_HZ	8192

/*
 * Calls @fn (in IRQ context, interrupts off) @hz times a second, @hz a
 * power of two in [RTC_PERIODIC_MIN_HZ, RTC_PERIODIC_MAX_HZ].  Returns
 * 0, -EINVAL for another rate, or -EBUSY when IRQ 8 is taken.
 */
int rtc_periodic_start(unsigned int hz, irq_handler_t fn);

#endif
