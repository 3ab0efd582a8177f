/*
 * Page-fault entry.  Decodes CR2 and the error code, finds the VMA and
 * checks the access against it, then lets mm/memory.c resolve the fault.
 *
 *   user access outside every VMA, or against its permissions
 *       -> SIGSEGV with si_addr (fatal and reported "segfault at ADDR ip
 *          IP" unless the program handles it)
 *   kernel access to a user address from uaccess code that cannot be
 *   resolved -> the exception table's fixup (the syscall gets -EFAULT)
 *   any other kernel fault -> oops
 *   no memory for the fault -> the process is killed (OOM message)
 *
 * The stack VMA grows down to meet an access below it (expand_stack).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/writeback.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <asm/extable.h>
#include <asm/irqflags.h>
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

/* A kernel-mode fault nobody can resolve: a fixup, or an oops. */
static void no_context(struct pt_regs *regs, unsigned long address)
{
	if (fixup_exception(regs))
		return;
	show_fault_oops(address, regs->orig_ax);
	die("Oops", regs, regs->orig_ax);
}

/* The access is not allowed: signal a user process, fix up a kernel access. */
static void bad_area(struct pt_regs *regs, unsigned long address, int sig, int code)
{
	unsigned long err = regs->orig_ax | PF_USER;

	if (!user_mode(regs)) {
		no_context(regs, address);
		return;
	}
	if (address >= TASK_SIZE)
		err |= PF_PROT;		/* as Linux: hide the kernel's page-table layout */
	set_trap_info(X86_TRAP_PF, err);
	current->thread.cr2 = address;
	force_sig_fault(sig, code, address, regs);
}

static bool access_error(unsigned long err, const struct vm_area_struct *vma)
{
	if (err & PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (err & PF_PROT)		/* read of a present page: not readable? */
		return !(vma->vm_flags & VM_ACCESS_FLAGS);
	return !(vma->vm_flags & VM_ACCESS_FLAGS);
}

/* Finds the VMA for @address, growing the stack if that is what it takes. */
static struct vm_area_struct *fault_vma(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma = find_vma(mm, address);

	if (!vma)
		return NULL;
	if (vma->vm_start <= address)
		return vma;
	if (expand_stack(vma, address))
		return NULL;
	return vma;
}

/*
 * A fault that had to wait for a page is retried (VM_FAULT_RETRY: it
 * waited without mmap_lock) up to this many times; the next try waits
 * under the lock, holding the page, so it cannot be starved by reclaim
 * taking the page again each time (Linux waits under the lock from the
 * second try on).
 */
#define FAULT_RETRY_MAX	8

/*
 * One try at the fault; 0 after a bad access (signalled here).
 * VM_FAULT_RETRY: handle_mm_fault dropped mmap_lock to wait for a page
 * (@flags allowed it); the caller runs the fault again (fault_retry).
 * PF_IN_FAULT: an allocation short of memory defers its OOM decision
 * (PF_NOMEM_DEFERRED) to fault_nomem_retry, mm/vmscan.c.
 */
static __always_inline vm_fault_t fault_once(struct pt_regs *regs, struct task_struct *tsk,
					     unsigned long address, unsigned long err,
					     unsigned int flags)
{
	struct mm_struct *mm = tsk->mm;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	mutex_lock(&mm->mmap_lock);
	vma = fault_vma(mm, address);
	if (!vma || access_error(err, vma)) {
		mutex_unlock(&mm->mmap_lock);
		bad_area(regs, address, SIGSEGV, vma ? SEGV_ACCERR : SEGV_MAPERR);
		return 0;
	}
	if (err & PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & PF_USER)
		flags |= FAULT_FLAG_USER;
	tsk->flags |= PF_IN_FAULT;
	fault = handle_mm_fault(vma, address, flags);
	tsk->flags &= ~PF_IN_FAULT;
	if (unlikely(fault & VM_FAULT_RETRY)) {
		__release(&mm->mmap_lock);	/* handle_mm_fault dropped it */
		return fault;
	}
	mutex_unlock(&mm->mmap_lock);
	if (unlikely(tsk->fault_dirty_file))	/* a shared write fault's throttling */
		balance_dirty_pages_after_fault();
	return fault;
}

/*
 * The tries after a VM_FAULT_RETRY (FAULT_FLAG_TRIED, Linux's), until
 * one completes.  Returns its result, or VM_FAULT_RETRY if a fatal
 * signal came while it waited (mmap_lock not held).
 */
static noinline vm_fault_t fault_retry(struct pt_regs *regs, unsigned long address,
				       unsigned long err, vm_fault_t fault)
{
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_TRIED;

	for (int tries = 1; fault & VM_FAULT_RETRY; tries++) {
		if (fatal_signal_pending(current))
			break;		/* dying: not run again */
		if (tries == FAULT_RETRY_MAX)
			flags &= ~FAULT_FLAG_ALLOW_RETRY;	/* now it waits, and gets there */
		fault = fault_once(regs, current, address, err, flags);
	}
	return fault;
}

/*
 * The fault failed or must be run again: retried after a wait for a
 * page, retried after reclaim if an allocation deferred, else as before.
 */
static noinline void fault_error(struct pt_regs *regs, unsigned long address,
				 unsigned long err, vm_fault_t fault)
{
	unsigned int retries = 0;

	fault = fault_retry(regs, address, err, fault);
	if (!(fault & (VM_FAULT_ERROR | VM_FAULT_RETRY)))
		return;
	while (!(fault & VM_FAULT_RETRY) && fault_nomem_deferred() &&
	       fault_nomem_retry(&retries)) {
		fault = fault_once(regs, current, address, err, FAULT_FLAG_ALLOW_RETRY);
		fault = fault_retry(regs, address, err, fault);
		if (!(fault & (VM_FAULT_ERROR | VM_FAULT_RETRY)))
			return;
	}
	if (fault & VM_FAULT_RETRY) {
		/* a fatal signal while it waited for a page */
		if (!user_mode(regs))
			no_context(regs, address);	/* uaccess: -EFAULT (Linux) */
		return;		/* the signal is delivered on the way out */
	}
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	if (fault & VM_FAULT_OOM) {
		pagefault_out_of_memory(address);
		return;		/* init: the fault is retried */
	}
	if (fault & VM_FAULT_SIGBUS)
		bad_area(regs, address, SIGBUS, BUS_ADRERR);
	else
		bad_area(regs, address, SIGSEGV, SEGV_MAPERR);
}

static void do_user_addr_fault(struct pt_regs *regs, unsigned long address,
			       unsigned long err)
{
	struct task_struct *tsk = current;
	vm_fault_t fault;

	if (!tsk->mm) {
		no_context(regs, address);
		return;
	}
	local_irq_enable();
	fault = fault_once(regs, tsk, address, err, FAULT_FLAG_ALLOW_RETRY);
	if (unlikely(fault & (VM_FAULT_ERROR | VM_FAULT_RETRY)))
		fault_error(regs, address, err, fault);
}

void do_page_fault(struct pt_regs *regs)
{
	unsigned long address = read_cr2();
	unsigned long err = regs->orig_ax;

	if (address >= TASK_SIZE) {
		bad_area(regs, address, SIGSEGV, SEGV_MAPERR);	/* kernel memory */
		return;
	}
	do_user_addr_fault(regs, address, err);
}
