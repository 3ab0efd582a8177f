/*
 * Exceptions: do_trap() is the C entry for every vector (entry.S).  It
 * sends IRQs to do_IRQ(), page faults to do_page_fault(), and treats any
 * other exception as fatal: a kernel-mode fault is a kernel bug (die()),
 * and user mode does not exist yet.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/string.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/extable.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/ptrace.h>
#include <asm/debugreg.h>

static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD floating-point exception",
};

/* The frame layout entry.S builds must match struct pt_regs. */
BUILD_BUG_ON(offsetof(struct pt_regs, trapnr) != 11 * 4);
BUILD_BUG_ON(offsetof(struct pt_regs, ip) != 13 * 4);
BUILD_BUG_ON(offsetof(struct pt_regs, ds) != PT_DS);
BUILD_BUG_ON(offsetof(struct pt_regs, es) != PT_ES);
BUILD_BUG_ON(offsetof(struct pt_regs, fs) != PT_FS);
BUILD_BUG_ON(offsetof(struct pt_regs, gs) != PT_GS);
BUILD_BUG_ON(offsetof(struct pt_regs, cs) != PT_CS);
BUILD_BUG_ON(offsetof(struct pt_regs, sp) != PT_SP);
BUILD_BUG_ON(offsetof(struct pt_regs, ss) != PT_SS);

static unsigned long regs_sp(const struct pt_regs *regs)
{
	/* A same-privilege trap pushes no sp/ss: the old stack starts there. */
	return user_mode(regs) ? regs->sp : (unsigned long)&regs->sp;
}

void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "EIP: %04lx:[<%08lx>] EFLAGS: %08lx  %pS\n",
	       regs->cs & 0xffff, regs->ip, regs->flags, (void *)regs->ip);
	printk(KERN_EMERG "EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n",
	       regs->ax, regs->bx, regs->cx, regs->dx);
	printk(KERN_EMERG "ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n",
	       regs->si, regs->di, regs->bp, regs_sp(regs));
	printk(KERN_EMERG "DS: %04lx ES: %04lx FS: %04lx GS: %04lx SS: %04lx\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff,
	       regs->gs & 0xffff, user_mode(regs) ? regs->ss & 0xffff : __KERNEL_DS);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	if (!user_mode(regs))
		show_trace(regs->ip, regs->bp);
}

static int die_counter;

void die(const char *str, struct pt_regs *regs, long err)
{
	local_irq_disable();
	printk(KERN_EMERG "%s: %04lx [#%d]\n", str, err & 0xffff, ++die_counter);
	show_regs(regs);
	panic("Fatal exception");
}

/* What the signal frame of the signal a trap raises reports (trapno, err). */
void set_trap_info(unsigned long trap_nr, unsigned long error_code)
{
	current->thread.trap_nr = trap_nr;
	current->thread.error_code = error_code;
}

/* The signal a user-mode exception turns into. */
static int exception_signal(unsigned long nr)
{
	switch (nr) {
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		return SIGFPE;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_NP:	/* as Linux: a not-present segment is a bus error */
	case X86_TRAP_SS:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

static void do_exception(struct pt_regs *regs)
{
	unsigned long nr = regs->trapnr;
	const char *name = exception_names[nr];

	if (user_mode(regs)) {
		int sig = exception_signal(nr);
		/* Linux's force_sig(): SI_KERNEL, no address (int3's SIGTRAP too). */
		bool kernel_code = sig == SIGSEGV || sig == SIGBUS || nr == X86_TRAP_BP;

		set_trap_info(nr, regs->orig_ax);
		if (sig == SIGTRAP)
			force_sigtrap(SI_KERNEL, 0);	/* int3: no console line, as Linux */
		else
			force_sig_fault(sig, kernel_code ? SI_KERNEL : 1, kernel_code ? 0 : regs->ip, regs);
		return;
	}
	if (fixup_exception(regs))
		return;		/* a stale user segment on the way out (#GP, #NP, #SS) */
	die(name ? name : "reserved exception", regs, regs->orig_ax);
}

/*
 * The iret back to user mode refused the frame (a bad or not-present CS
 * or SS): entry.S refiled the user's registers as a trap from user mode.
 * As Linux i386: SIGILL, ILL_BADSTK, trapno X86_TRAP_IRET, err 0.  The
 * handler runs on flat CS/SS again (signal.c), or the task dies.
 */
static void do_iret_error(struct pt_regs *regs)
{
	set_trap_info(X86_TRAP_IRET, 0);
	force_sig_fault(SIGILL, ILL_BADSTK, 0, regs);
}

/*
 * ptrace_work is set: a tracer's INTERRUPT, a #DB the kernel took.  A
 * byte left from a tracer gone (and no #DB) is cleared, under
 * tasklist_lock, which link_tracee() sets it under.  IRQs on.
 */
static void exit_to_user_mode_ptrace(struct pt_regs *regs)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	if (tsk->ptrace || tsk->thread.pending_dr6) {
		ptrace_exit_to_user(regs);
		return;
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	if (!tsk->ptrace && !tsk->thread.pending_dr6)
		tsk->ptrace_work = false;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * An exit_work byte is set: the ptrace part first, then give up the CPU
 * if the time slice ran out, bring a registered rseq area up to date
 * after a switch (kernel/rseq.c), deliver pending signals, until none
 * is left.  Entered and left with IRQs off, so nothing can set a byte
 * between the last check and the iret.
 */
noinline void exit_to_user_mode_loop(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	if (tsk->ptrace_work) {
		local_irq_enable();
		exit_to_user_mode_ptrace(regs);
	}
	for (;;) {
		local_irq_disable();
		if (tsk->need_resched) {
			local_irq_enable();
			schedule();
			continue;
		}
		if (unlikely(tsk->notify_resume)) {
			local_irq_enable();
			rseq_handle_notify_resume(regs);
			continue;
		}
		if (!signal_work_pending(tsk))
			break;
		tsk->sigpending = false;	/* IRQs off: a new signal sets it again */
		local_irq_enable();
		do_signal(regs);
	}
}

/*
 * Work before returning to user mode, one test of exit_work on the
 * common path (linux-ish/sched.h says who sets each byte).  Called with
 * IRQs on or off; returns with them off.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	local_irq_disable();
	if (unlikely(current->exit_work))
		exit_to_user_mode_loop(regs);
}

void do_trap(struct pt_regs *regs)
{
	unsigned long nr = regs->trapnr;

	if (nr == X86_TRAP_PF)		/* the commonest (system calls: entry_INT80) */
		do_page_fault(regs);
	else if (nr == IRET_ERROR_VECTOR)
		do_iret_error(regs);
	else if (nr >= FIRST_EXTERNAL_VECTOR)
		do_IRQ(regs);
	else if (nr == X86_TRAP_DB)
		do_debug(regs);
	else
		do_exception(regs);
	if (user_mode(regs))
		exit_to_user_mode(regs);
}

void trap_init(void)
{
	gdt_init();
	idt_init();
}
