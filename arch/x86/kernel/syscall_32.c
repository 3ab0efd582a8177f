/*
 * System-call dispatch for int $0x80.  Interrupts are enabled while a
 * syscall runs.  An unknown number returns -ENOSYS and is logged once.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/seccomp.h>
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

static inline void invoke_syscall(struct pt_regs *regs, unsigned long nr)
{
	if (nr < NR_SYSCALLS && sys_call_table[nr])
		regs->ax = sys_call_table[nr](regs);
	else
		regs->ax = sys_ni_syscall(nr);
	page_accounting_after_syscall(nr, regs->ax);
}

/*
 * A traced or seccomp-filtered task's call: the entry stop may skip it
 * (ax is then what the tracer left) or change its number and arguments;
 * then seccomp sees it as the tracer left it, and may skip it too; then
 * the exit stop.
 */
static noinline void traced_syscall(struct pt_regs *regs)
{
	if (!ptrace_syscall_entry(regs) &&
	    !(current->seccomp.mode && secure_computing(regs)))
		invoke_syscall(regs, regs->orig_ax);
	ptrace_syscall_exit(regs);
}

/*
 * A call with a syscall_work byte set.  Syscall user dispatch comes
 * first, then ptrace's stops, then seccomp, as Linux; each tests its
 * real condition.  A trace byte left from a tracer gone is cleared here,
 * under tasklist_lock (link_tracee sets it under that lock).
 */
static noinline void syscall_with_work(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	if (tsk->syscall_trace && !READ_ONCE(tsk->ptrace)) {
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		if (!tsk->ptrace)
			tsk->syscall_trace = false;
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	if (tsk->syscall_dispatch_on && syscall_user_dispatch(regs))
		return;			/* not run: a SIGSYS instead */
	if (tsk->ptrace || tsk->seccomp.mode)
		traced_syscall(regs);
	else
		invoke_syscall(regs, regs->orig_ax);
}

/* The call in @regs (from user mode), with IRQs on: one test for every hook. */
static inline void do_syscall(struct pt_regs *regs)
{
	local_irq_enable();
	if (unlikely(current->syscall_work))
		syscall_with_work(regs);
	else
		invoke_syscall(regs, regs->orig_ax);
}

/*
 * int $0x80 (entry.S's entry_INT80): the call, then the way back.  Only
 * user mode can get here (the gate's DPL is 3, the kernel makes no
 * system calls), so no do_trap() and no user_mode() test.
 */
void do_int80_syscall(struct pt_regs *regs)
{
	do_syscall(regs);
	local_irq_disable();		/* exit_to_user_mode(), inline */
	if (unlikely(current->exit_work))
		exit_to_user_mode_loop(regs);
}
