/*
 * Double faults get their own task.  The usual cause is a kernel stack
 * overflow: the CPU cannot push the page-fault frame, and without a
 * separate stack it would triple-fault and reset silently.  A task gate
 * switches to doublefault_tss (fresh stack, same page tables); the CPU
 * saves the broken context in cpu_tss, which we print before panicking.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/vmstack.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

#define ACC_TSS	0x89

static char doublefault_stack[4096] __aligned(16);
static struct x86_hw_tss doublefault_tss __aligned(64);

static __noreturn void doublefault_fn(void)
{
	const struct x86_hw_tss *t = &cpu_tss;

	if (stack_guard_hit(read_cr2()) || stack_guard_hit(t->sp))
		printk(KERN_EMERG "double fault: kernel stack overflow (hit the guard page)\n");
	else
		printk(KERN_EMERG "double fault\n");
	printk(KERN_EMERG "EIP: %04x:[<%08x>] %pS\n", t->cs, t->ip, (void *)t->ip);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
	       t->ax, t->bx, t->cx, t->dx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n",
	       t->si, t->di, t->bp, t->sp);
	printk(KERN_EMERG "CR2: %08lx\n", read_cr2());
	panic("double fault");
}

void doublefault_init(void);
void doublefault_init(void)
{
	struct x86_hw_tss *t = &doublefault_tss;

	t->sp0 = t->sp = (unsigned long)doublefault_stack + sizeof(doublefault_stack);
	t->ss0 = t->ss = t->ds = t->es = __KERNEL_DS;
	t->fs = t->gs = __KERNEL_DS;
	t->cs = __KERNEL_CS;
	t->ip = (unsigned long)doublefault_fn;
	t->flags = 0x2;			/* reserved bit; IF=0 */
	t->cr3 = __pa(swapper_pg_dir);
	t->io_bitmap_base = sizeof(*t);
	set_desc_base_limit(&gdt_table[GDT_ENTRY_DOUBLEFAULT_TSS], (unsigned long)t,
			    sizeof(*t) - 1, ACC_TSS, 0);
}
