/* Interrupt flag control.  local_irq_save/restore nest; enable/disable do not. */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <asm/processor.h>

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl; popl %0" : "=rm"(flags) : : "memory");
	return flags;
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return !(arch_local_save_flags() & X86_EFLAGS_IF);
}

#define local_irq_save(flags)						\
	do { (flags) = arch_local_save_flags(); local_irq_disable(); } while (0)

#define local_irq_restore(flags)					\
	do {								\
		if ((flags) & X86_EFLAGS_IF)				\
			local_irq_enable();				\
	} while (0)

/* Wait for the next interrupt with interrupts enabled (the idle loop). */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

#endif
