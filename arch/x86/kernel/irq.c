/*
 * IRQ dispatch on the legacy PIC lines.  A line has one exclusive
 * handler (request_irq) or up to IRQ_MAX_SHARED shared ones
 * (request_irq_shared: PCI lines, level-triggered, where several devices
 * may be wired to one input); every shared handler runs on each
 * interrupt and checks its own device.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

#define IRQ_MAX_SHARED	4

struct irq_action {
	irq_handler_t handler[IRQ_MAX_SHARED];
	const char *name[IRQ_MAX_SHARED];
	unsigned int nr;
	bool shared;
};

static struct irq_action irq_actions[NR_IRQS];
unsigned long irq_count[NR_IRQS];
unsigned int hardirq_depth;

static int __request_irq(unsigned int irq, irq_handler_t handler, const char *name, bool shared)
{
	struct irq_action *a;
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	a = &irq_actions[irq];
	local_irq_save(flags);
	if (a->nr && (!shared || !a->shared || a->nr == IRQ_MAX_SHARED)) {
		local_irq_restore(flags);
		return -EBUSY;
	}
	a->handler[a->nr] = handler;
	a->name[a->nr] = name;
	a->shared = shared;
	a->nr++;
	i8259_unmask(irq);
	local_irq_restore(flags);
	return 0;
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	return __request_irq(irq, handler, name, false);
}

int request_irq_shared(unsigned int irq, irq_handler_t handler, const char *name)
{
	return __request_irq(irq, handler, name, true);
}

/* Runs with interrupts off (interrupt gate); sends EOI after the handlers. */
void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->trapnr - FIRST_EXTERNAL_VECTOR;
	struct irq_action *a = &irq_actions[irq];

	if (i8259_irq_is_spurious(irq))
		return;
	irq_count[irq]++;
	hardirq_depth++;
	for (unsigned int i = 0; i < a->nr; i++)
		a->handler[i](irq, regs);
	if (!a->nr)
		printk(KERN_WARNING "irq %u: no handler\n", irq);
	hardirq_depth--;
	i8259_eoi(irq);
}

void init_IRQ(void)
{
	i8259_init();
}
