/*
 * The GDT and the TSS.  The GDT is statically initialised so that head.S
 * can load it before any C runs; gdt_init() adds the TSS descriptors
 * (their base is only known at link time, split over three fields) and
 * loads the task register.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <asm/desc.h>
#include <asm/page.h>

/* Access bytes: present, DPL, code/data, type. */
#define ACC_KERNEL_CODE	0x9a
#define ACC_KERNEL_DATA	0x92
#define ACC_USER_CODE	0xfa
#define ACC_USER_DATA	0xf2
#define ACC_TSS		0x89	/* present, 32-bit available TSS */

struct desc_struct gdt_table[GDT_ENTRIES] __aligned(8) = {
	[GDT_ENTRY_KERNEL_CS]		= GDT_ENTRY_FLAT(ACC_KERNEL_CODE),
	[GDT_ENTRY_KERNEL_DS]		= GDT_ENTRY_FLAT(ACC_KERNEL_DATA),
	[GDT_ENTRY_DEFAULT_USER_CS]	= GDT_ENTRY_FLAT(ACC_USER_CODE),
	[GDT_ENTRY_DEFAULT_USER_DS]	= GDT_ENTRY_FLAT(ACC_USER_DATA),
	/* Base bits 16-31 rewritten by entry.S before each use (espfix). */
	[GDT_ENTRY_ESPFIX_SS]		= GDT_ENTRY_FLAT(ACC_KERNEL_DATA),
};

struct x86_hw_tss cpu_tss __aligned(64);

void set_desc_base_limit(struct desc_struct *d, unsigned long base,
			 unsigned long limit, u8 type_flags, u8 flags)
{
	d->limit0 = limit & 0xffff;
	d->limit1_flags = ((limit >> 16) & 0x0f) | (flags & 0xf0);
	d->base0 = base & 0xffff;
	d->base1 = (base >> 16) & 0xff;
	d->base2 = (base >> 24) & 0xff;
	d->type_flags = type_flags;
}

extern char init_stack[];
void doublefault_init(void);

void gdt_init(void)
{
	struct desc_ptr gdtr = { sizeof(gdt_table) - 1, (unsigned long)gdt_table };

	/* The ring-0 stack the CPU switches to on a user -> kernel entry. */
	cpu_tss.ss0 = __KERNEL_DS;
	cpu_tss.sp0 = (unsigned long)init_stack + THREAD_SIZE;
	cpu_tss.io_bitmap_base = sizeof(cpu_tss);	/* no I/O bitmap */
	set_desc_base_limit(&gdt_table[GDT_ENTRY_TSS], (unsigned long)&cpu_tss,
			    sizeof(cpu_tss) - 1, ACC_TSS, 0);
	doublefault_init();
	load_gdt(&gdtr);
	load_tr(GDT_ENTRY_TSS_SEL);
}
