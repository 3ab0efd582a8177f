/*
 * The two cascaded 8259A PICs, remapped so that IRQ 0-15 arrive on
 * vectors 0x20-0x2f instead of colliding with CPU exceptions.  All lines
 * start masked; request_irq() unmasks the ones that have a handler.
 */
#include <linux-ish/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define ICW1_INIT_ICW4	0x11
#define ICW4_8086	0x01
#define OCW2_EOI	0x20
#define OCW3_READ_ISR	0x0b
#define CASCADE_IRQ	2

static u16 irq_mask = 0xffff;

static void i8259_write_mask(void)
{
	outb(irq_mask & 0xff, PIC1_DATA);
	outb(irq_mask >> 8, PIC2_DATA);
}

void i8259_init(void)
{
	outb(ICW1_INIT_ICW4, PIC1_CMD);
	io_delay();
	outb(ICW1_INIT_ICW4, PIC2_CMD);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR, PIC1_DATA);		/* ICW2: vector base */
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC2_DATA);
	io_delay();
	outb(1 << CASCADE_IRQ, PIC1_DATA);		/* ICW3: slave on IRQ2 */
	io_delay();
	outb(CASCADE_IRQ, PIC2_DATA);
	io_delay();
	outb(ICW4_8086, PIC1_DATA);
	io_delay();
	outb(ICW4_8086, PIC2_DATA);
	io_delay();
	irq_mask = 0xffff & ~(1 << CASCADE_IRQ);
	i8259_write_mask();
}

void i8259_mask(unsigned int irq)
{
	irq_mask |= 1 << irq;
	i8259_write_mask();
}

void i8259_unmask(unsigned int irq)
{
	irq_mask &= ~(1 << irq);
	i8259_write_mask();
}

void i8259_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(OCW2_EOI, PIC2_CMD);
	outb(OCW2_EOI, PIC1_CMD);
}

/*
 * IRQ 7 and 15 also arrive when a request vanished before the CPU
 * acknowledged it; then the in-service bit is clear.  A spurious IRQ 15
 * still needs an EOI to the master (the cascade line was real).
 */
bool i8259_irq_is_spurious(unsigned int irq)
{
	u16 port = irq < 8 ? PIC1_CMD : PIC2_CMD;

	if ((irq & 7) != 7)
		return false;
	outb(OCW3_READ_ISR, port);
	if (inb(port) & 0x80)
		return false;
	if (irq >= 8)
		outb(OCW2_EOI, PIC1_CMD);
	return true;
}
