/* Segment and gate descriptors, the GDT/IDT/TSS and their loaders. */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <asm/segment.h>
#include <linux-ish/types.h>

struct desc_struct {
	u16 limit0;
	u16 base0;
	u8 base1;
	u8 type_flags;		/* type, S, DPL, P */
	u8 limit1_flags;	/* limit 19:16, AVL, L, D/B, G */
	u8 base2;
} __packed;

struct gate_struct {
	u16 offset_low;
	u16 segment;
	u8 reserved;
	u8 type_flags;		/* type, DPL, P */
	u16 offset_high;
} __packed;

struct desc_ptr {
	u16 size;
	unsigned long address;
} __packed;

/* The 32-bit TSS: the CPU reads ss0:esp0 on every ring 3 -> ring 0 entry. */
struct x86_hw_tss {
	u16 back_link, __blh;
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh;
	u16 fs, __fsh, gs, __gsh, ldt, __ldth;
	u16 trace, io_bitmap_base;
} __packed;

extern struct desc_struct gdt_table[GDT_ENTRIES];
extern struct x86_hw_tss cpu_tss;

/* A flat segment descriptor: base 0, limit 4 GiB, @type_flags access byte. */
#define GDT_ENTRY_FLAT(type_flags)					\
	{ 0xffff, 0, 0, (type_flags), 0xcf, 0 }

void set_desc_base_limit(struct desc_struct *d, unsigned long base,
			 unsigned long limit, u8 type_flags, u8 flags);

static inline void load_gdt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lgdt %0" : : "m"(*p));
}

static inline void load_idt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lidt %0" : : "m"(*p));
}

static inline void loadsegment_gs(u16 sel)
{
	__asm__ __volatile__("movw %0, %%gs" : : "rm"(sel) : "memory");
}

/* LDTR := @sel (a GDT LDT descriptor), or no LDT for 0. */
static inline void lldt(u16 sel)
{
	__asm__ __volatile__("lldt %0" : : "rm"(sel) : "memory");
}

static inline void load_tr(u16 sel)
{
	__asm__ __volatile__("ltr %0" : : "r"(sel));
}

void gdt_init(void);
void idt_init(void);
/* Point the IDT entry @vec at @handler; @dpl 3 lets user space `int` it. */
void set_intr_gate(unsigned int vec, void (*handler)(void), int dpl);

#endif
