/* The cycle counter (TSC): one tick per guest instruction under -icount. */
#ifndef _ASM_X86_TIMEX_H
#define _ASM_X86_TIMEX_H

#include <asm/processor.h>

typedef u64 cycles_t;

static inline cycles_t get_cycles(void)
{
	return rdtsc();
}

#endif
