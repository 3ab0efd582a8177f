/*
 * 16550 UART on COM1 (0x3F8), 115200 8N1, polled transmit, interrupt-driven
 * receive (IRQ 4) into the TTY.  The primary console: this is what
 * `make qemu` shows under -nographic.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/printk.h>
#include <linux-ish/serial.h>
#include <linux-ish/tty.h>
#include <asm/io.h>
#include <asm/irq.h>

#define COM1		0x3F8
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_LSR_THRE	0x20
#define UART_LSR_DR	0x01
#define UART_IER_RDI	0x01
#define UART_RX		0
#define COM1_IRQ	4
#define UART_FCR_ENABLE	0xC7	/* enable + clear FIFOs, 14-byte threshold */
#define UART_MCR_DTR_RTS_OUT2 0x0B

static bool serial_present;

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(c, COM1 + UART_TX);
}

static void serial_console_write(struct console *con, const char *s, size_t len)
{
	if (!serial_present)
		return;
	while (len--) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

static void serial_interrupt(unsigned int irq, struct pt_regs *regs)
{
	int budget = 256;

	while ((inb(COM1 + UART_LSR) & UART_LSR_DR) && budget--)
		tty_receive_char((char)inb(COM1 + UART_RX));
}

/* After IRQs exist: typed characters reach the TTY. */
void serial_enable_input(void)
{
	if (!serial_present || request_irq(COM1_IRQ, serial_interrupt, "serial"))
		return;
	outb(UART_IER_RDI, COM1 + UART_IER);
}

/* Programs the UART and registers it as a console. */
void serial_init(void)
{
	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB, COM1 + UART_LCR);
	outb(1, COM1 + UART_DLL);		/* 115200 / 1 */
	outb(0, COM1 + UART_DLM);
	outb(UART_LCR_8N1, COM1 + UART_LCR);
	outb(UART_FCR_ENABLE, COM1 + UART_FCR);
	outb(UART_MCR_DTR_RTS_OUT2, COM1 + UART_MCR);
	/* No UART answers 0xFF on the line-status register. */
	serial_present = inb(COM1 + UART_LSR) != 0xFF;
	serial_console_write(NULL, "\n", 1);	/* end the firmware's last line */
	register_console(&serial_console);
}
