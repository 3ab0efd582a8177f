/* Legacy PIC interrupts: request_irq() and the PIC/PIT drivers. */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#include <asm/ptrace.h>

typedef void (*irq_handler_t)(unsigned int irq, struct pt_regs *regs);

#define TIMER_IRQ	0

/* Installs @handler for @irq and unmasks it.  Returns 0 or -EBUSY. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
/* A handler on a line others may share too (PCI); each checks its device. */
int request_irq_shared(unsigned int irq, irq_handler_t handler, const char *name);
void init_IRQ(void);

/* i8259.c */
void i8259_init(void);
void i8259_mask(unsigned int irq);
void i8259_unmask(unsigned int irq);
void i8259_eoi(unsigned int irq);
bool i8259_irq_is_spurious(unsigned int irq);

/* i8253.c / tsc.c */
void pit_init(void);
void tsc_calibrate(void);
extern unsigned long tsc_khz;
/* The TSC-to-ns conversion sched_clock() uses; false if there is no TSC clock. */
bool tsc_clock_params(u64 *base, u32 *mult, u32 *shift);

/* Interrupt counts per line, for /proc/interrupts later and for tests. */
extern unsigned long irq_count[16];
extern unsigned int hardirq_depth;	/* > 0 while an IRQ handler runs */

static inline bool in_hardirq(void)
{
	return READ_ONCE(hardirq_depth) != 0;
}

#endif
