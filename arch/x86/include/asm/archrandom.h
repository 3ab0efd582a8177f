/* The CPU's own random numbers (RDRAND), for seeding kernel/random.c. */
#ifndef _ASM_X86_ARCHRANDOM_H
#define _ASM_X86_ARCHRANDOM_H

#include <asm/processor.h>

static inline bool arch_has_random(void)
{
	return boot_cpu_data.features_ecx & X86_FEATURE_RDRAND;
}

/* One random word in *@v: true, or false when the CPU has none to give. */
static inline bool arch_get_random_u32(u32 *v)
{
	unsigned char ok;

	if (!arch_has_random())
		return false;
	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

#endif
