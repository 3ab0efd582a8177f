/* The IDT: every exception and PIC vector points at its entry.S stub. */
#include <linux-ish/kernel.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/traps.h>

#define IDT_ENTRIES	256
#define GATE_INTERRUPT	0x8e	/* present, 32-bit interrupt gate (IF cleared) */
#define GATE_TASK	0x85	/* present, task gate */

static struct gate_struct idt_table[IDT_ENTRIES] __aligned(8);

static void set_gate(unsigned int vec, u8 type, u16 seg, unsigned long off)
{
	struct gate_struct *g = &idt_table[vec];

	g->offset_low = off & 0xffff;
	g->offset_high = off >> 16;
	g->segment = seg;
	g->reserved = 0;
	g->type_flags = type;
}

void set_intr_gate(unsigned int vec, void (*handler)(void), int dpl)
{
	set_gate(vec, GATE_INTERRUPT | (dpl << 5), __KERNEL_CS,
		 (unsigned long)handler);
}

void idt_init(void)
{
	struct desc_ptr idtr = { sizeof(idt_table) - 1, (unsigned long)idt_table };
	unsigned int v;

	for (v = 0; v < NR_STUB_VECTORS; v++)
		set_intr_gate(v, trap_stubs[v], 0);
	set_intr_gate(SYSCALL_VECTOR, entry_INT80, 3);
	/* As Linux: user code may raise int3 (SIGTRAP) and into (SIGSEGV). */
	set_intr_gate(X86_TRAP_BP, trap_stubs[X86_TRAP_BP], 3);
	set_intr_gate(X86_TRAP_OF, trap_stubs[X86_TRAP_OF], 3);
	/* Double fault runs on its own stack through a task switch. */
	set_gate(X86_TRAP_DF, GATE_TASK, GDT_ENTRY_DF_TSS_SEL, 0);
	load_idt(&idtr);
}
