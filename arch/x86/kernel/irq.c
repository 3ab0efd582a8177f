/* IRQ dispatch: one handler per legacy PIC line. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

struct irq_action {
	irq_handler_t handler;
	const char *name;
};

static struct irq_action irq_actions[NR_IRQS];
unsigned long irq_count[NR_IRQS];
unsigned int hardirq_depth;

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	unsigned long flags;

	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	local_irq_save(flags);
	if (irq_actions[irq].handler) {
		local_irq_restore(flags);
		return -EBUSY;
	}
	irq_actions[irq].handler = handler;
	irq_actions[irq].name = name;
	i8259_unmask(irq);
	local_irq_restore(flags);
	return 0;
}

/* Runs with interrupts off (interrupt gate); sends EOI after the handler. */
void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->trapnr - FIRST_EXTERNAL_VECTOR;

	if (i8259_irq_is_spurious(irq))
		return;
	irq_count[irq]++;
	hardirq_depth++;
	if (irq_actions[irq].handler)
		irq_actions[irq].handler(irq, regs);
	else
		printk(KERN_WARNING "irq %u: no handler\n", irq);
	hardirq_depth--;
	i8259_eoi(irq);
}

void init_IRQ(void)
{
	i8259_init();
}
