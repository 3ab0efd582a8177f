/*
 * Page-fault entry: decodes CR2 and the error code.  There is no user
 * space yet, so every page fault is a kernel bug: report it the way Linux
 * does (what was accessed, how, and why it failed) and die.
 */
#include <linux-ish/kernel.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define PF_PROT		0x01	/* 0: not present, 1: protection violation */
#define PF_WRITE	0x02
#define PF_USER		0x04
#define PF_RSVD		0x08
#define PF_INSTR	0x10

static void show_fault_oops(unsigned long address, unsigned long err)
{
	printk(KERN_EMERG "BUG: unable to handle page fault for address: %08lx\n",
	       address);
	printk(KERN_EMERG "#PF: %s %s access in %s mode\n",
	       (err & PF_USER) ? "user" : "supervisor",
	       (err & PF_INSTR) ? "instruction fetch" :
	       (err & PF_WRITE) ? "write" : "read",
	       (err & PF_USER) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", err,
	       (err & PF_RSVD) ? "reserved bit violation" :
	       (err & PF_PROT) ? "permissions violation" : "not-present page");
	if (address < PAGE_SIZE)
		printk(KERN_EMERG "(a NULL pointer dereference)\n");
}

void do_page_fault(struct pt_regs *regs)
{
	unsigned long address = read_cr2();

	show_fault_oops(address, regs->orig_ax);
	die("Oops", regs, regs->orig_ax);
}
