/*
 * Power off and restart.  Power off tries QEMU's isa-debug-exit port
 * (present under `make qemu`/`make test`: QEMU exits with status 1), then
 * the ACPI PM1a control port QEMU's PIIX4 uses, then halts forever.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/reboot.h>
#include <linux-ish/time.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define DEBUG_EXIT_PORT		0xf4
#define ACPI_PM1A_CNT_QEMU	0x604
#define ACPI_SLP_EN_S5		0x2000
#define KBD_STATUS_PORT		0x64
#define KBD_CMD_PULSE_RESET	0xfe

__noreturn void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		native_halt();
}

__noreturn void machine_power_off(int status)
{
	local_irq_disable();
	outl(status, DEBUG_EXIT_PORT);		/* QEMU exits (2 * status + 1) */
	outw(ACPI_SLP_EN_S5, ACPI_PM1A_CNT_QEMU);
	machine_halt();
}

__noreturn void machine_restart(void)
{
	struct desc_ptr no_idt = { 0, 0 };

	local_irq_disable();
	outb(KBD_CMD_PULSE_RESET, KBD_STATUS_PORT);
	mdelay(50);
	load_idt(&no_idt);			/* any exception now triple-faults */
	__asm__ __volatile__("int3");
	machine_halt();
}
