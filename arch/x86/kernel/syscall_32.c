/*
 * System-call dispatch for int $0x80.  Interrupts are enabled while a
 * syscall runs.  An unknown number returns -ENOSYS and is logged once.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

#define NR_SYSCALLS	451

typedef long (*syscall_fn_t)(const struct pt_regs *regs);

static const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
#define SYSCALL(nr, name) [nr] = sys_##name,
#include <asm/syscall_table.h>
#undef SYSCALL
};

static unsigned long enosys_logged[(NR_SYSCALLS + 31) / 32];

static long sys_ni_syscall(unsigned long nr)
{
	if (nr < NR_SYSCALLS && !(enosys_logged[nr / 32] & (1UL << (nr % 32)))) {
		enosys_logged[nr / 32] |= 1UL << (nr % 32);
		printk(KERN_INFO "%s[%d]: syscall %lu not implemented (-ENOSYS)\n",
		       current->comm, current->pid, nr);
	}
	return -ENOSYS;
}

void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;

	local_irq_enable();
	if (unlikely(current->ptrace) && ptrace_syscall_entry(regs))
		goto out;		/* skipped: ax is what the tracer left */
	nr = regs->orig_ax;		/* the tracer may have changed it */
	if (nr < NR_SYSCALLS && sys_call_table[nr])
		regs->ax = sys_call_table[nr](regs);
	else
		regs->ax = sys_ni_syscall(nr);
	page_accounting_after_syscall(nr, regs->ax);
out:
	if (unlikely(current->ptrace))
		ptrace_syscall_exit(regs);
}
