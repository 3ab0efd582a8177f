/*
 * User hardware breakpoints and watchpoints: DR0-DR3 and DR7 per task,
 * written by a tracer (PTRACE_POKEUSER of u_debugreg[]), validated as
 * Linux validates them, loaded into the CPU when the task is switched
 * to, and turned into SIGTRAP (TRAP_HWBKPT, DR6 in u_debugreg[6]) when
 * they fire.  The kernel sets no breakpoints of its own.
 *
 * A #DB can arrive in kernel mode for the user: a kernel access to a
 * watched user address (copy_to_user), or the trap a `mov ss` delayed
 * past the next instruction when that was int $0x80 or int3 (the CPU
 * delivers it on the handler's first instruction).  It is recorded and
 * becomes the user's SIGTRAP on the way back to user mode.
 *
 * Only the task itself and its tracer (while it is stopped) touch these
 * fields; no lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/string.h>
#include <asm/debugreg.h>
#include <asm/traps.h>
#include <asm/page.h>

#define RW_EXEC		0
#define RW_WRITE	1
#define RW_IO		2
#define LEN_8		2	/* x86-64 only */

static void set_debugreg(unsigned int n, unsigned long v)
{
	switch (n) {
	case 0: __asm__ __volatile__("mov %0, %%db0" : : "r"(v)); break;
	case 1: __asm__ __volatile__("mov %0, %%db1" : : "r"(v)); break;
	case 2: __asm__ __volatile__("mov %0, %%db2" : : "r"(v)); break;
	case 3: __asm__ __volatile__("mov %0, %%db3" : : "r"(v)); break;
	case 7: __asm__ __volatile__("mov %0, %%db7" : : "r"(v)); break;
	}
}

/* What DR7 holds for @dr7 as written: the enable and control fields only. */
static unsigned long dr7_hw(unsigned long dr7)
{
	return dr7 & (DR7_ENABLE_MASK | 0xffff0000UL);
}

void switch_debugregs(struct task_struct *prev, struct task_struct *next)
{
	const struct thread_struct *t = &next->thread;

	if (!t->ptrace_dr7) {
		if (prev->thread.ptrace_dr7)
			set_debugreg(7, 0);
		return;
	}
	set_debugreg(7, 0);
	for (unsigned int i = 0; i < 4; i++)
		set_debugreg(i, t->debugreg[i]);
	set_debugreg(7, dr7_hw(t->ptrace_dr7));
}

void flush_debugregs(struct task_struct *p)
{
	struct thread_struct *t = &p->thread;

	if (t->ptrace_dr7 && p == current)
		set_debugreg(7, 0);
	memset(t->debugreg, 0, sizeof(t->debugreg));
	t->ptrace_dr7 = 0;
	t->virtual_dr6 = 0;
	t->pending_dr6 = 0;
}

/* Is breakpoint @i of @dr7 legal at @addr?  0 or -EINVAL (as Linux's hw_breakpoint parse). */
static int check_bp(unsigned long dr7, unsigned int i, unsigned long addr)
{
	unsigned int ctl = (dr7 >> (DR7_CONTROL_SHIFT + 4 * i)) & 0xf;
	unsigned int rw = ctl & 3, len = ctl >> 2;
	unsigned long size = len == 0 ? 1 : len == 1 ? 2 : 4;

	if (!((dr7 >> (2 * i)) & 3))
		return 0;			/* not armed: anything goes */
	if (rw == RW_IO || len == LEN_8)
		return -EINVAL;
	if (rw == RW_EXEC && len != 0)
		return -EINVAL;
	if (addr & (size - 1))
		return -EINVAL;
	if (addr >= TASK_SIZE || addr > TASK_SIZE - size)
		return -EINVAL;			/* no kernel breakpoints */
	return 0;
}

int ptrace_get_debugreg(struct task_struct *child, unsigned int n, unsigned long *val)
{
	const struct thread_struct *t = &child->thread;

	if (n < 4)
		*val = t->debugreg[n];
	else if (n == 6)
		*val = t->virtual_dr6 ^ DR6_RESERVED;
	else if (n == 7)
		*val = t->ptrace_dr7;
	else
		*val = 0;
	return 0;
}

/* POKEUSER of u_debugreg[@n].  0, -EINVAL (illegal breakpoint) or -EIO (DR4, DR5). */
int ptrace_set_debugreg(struct task_struct *child, unsigned int n, unsigned long val)
{
	struct thread_struct *t = &child->thread;
	int err;

	if (n < 4) {
		if (val >= TASK_SIZE)
			return -EINVAL;
		err = check_bp(t->ptrace_dr7, n, val);
		if (!err)
			t->debugreg[n] = val;
		return err;
	}
	if (n == 6) {
		t->virtual_dr6 = val ^ DR6_RESERVED;
		return 0;
	}
	if (n != 7)
		return -EIO;
	for (unsigned int i = 0; i < 4; i++) {
		err = check_bp(val, i, t->debugreg[i]);
		if (err)
			return err;
	}
	t->ptrace_dr7 = (val & DR7_ENABLE_MASK) ? val : 0;
	return 0;
}

/*
 * SIGTRAP to current, which may not block or ignore it (as a fault's
 * signal), without force_sig_fault()'s console report: traps are a
 * debugger's daily bread, and Linux reports none.
 */
void force_sigtrap(int code, unsigned long addr)
{
	struct k_sigaction *ka = &current->sighand->action[SIGTRAP - 1];
	struct ksiginfo info = { .code = code, .addr = addr };
	unsigned long flags;

	spin_lock_irqsave(&current->sig.lock, flags);
	if (ka->handler == SIG_IGN || (current->sig.blocked & sigmask(SIGTRAP))) {
		ka->handler = SIG_DFL;
		current->sig.blocked &= ~sigmask(SIGTRAP);
		recalc_sigpending();
	}
	spin_unlock_irqrestore(&current->sig.lock, flags);
	send_sig_info(SIGTRAP, &info, current);
}

/* As Linux's get_si_code(). */
static int trap_code(unsigned long dr6)
{
	if (dr6 & DR_STEP)
		return TRAP_TRACE;
	if (dr6 & DR_TRAP_BITS)
		return TRAP_HWBKPT;
	return TRAP_BRKPT;
}

/* Instruction breakpoints in @dr6 that fired: RF lets the instruction run on return. */
static bool hit_exec_bp(const struct thread_struct *t, unsigned long dr6)
{
	for (unsigned int i = 0; i < 4; i++)
		if ((dr6 & (1UL << i)) &&
		    !((t->ptrace_dr7 >> (DR7_CONTROL_SHIFT + 4 * i)) & 3))
			return true;
	return false;
}

void do_debug(struct pt_regs *regs)
{
	struct thread_struct *t = &current->thread;
	unsigned long dr6 = get_debugreg6() ^ DR6_RESERVED;	/* positive polarity */

	set_debugreg6(DR6_RESERVED);
	if (current->flags & PF_KTHREAD)
		return;
	dr6 &= DR_TRAP_BITS | DR_STEP;
	if (!user_mode(regs)) {
		/* Not the kernel's: stepping never reaches it (gates clear TF). */
		regs->flags &= ~X86_EFLAGS_TF;
		if (dr6 & DR_TRAP_BITS) {
			t->pending_dr6 |= dr6 & DR_TRAP_BITS;
			current->ptrace_work = true;	/* sent on the way out */
		}
		return;
	}
	if (hit_exec_bp(t, dr6))
		regs->flags |= X86_EFLAGS_RF;
	t->virtual_dr6 = dr6;
	set_trap_info(X86_TRAP_DB, 0);		/* the signal frame's trapno */
	/* A #DB with no cause in DR6 is ICEBP (int1): SIGTRAP too, as Linux. */
	force_sigtrap(trap_code(dr6), regs->ip);
}

void debug_deliver_pending(struct pt_regs *regs)
{
	struct thread_struct *t = &current->thread;

	if (likely(!t->pending_dr6))
		return;
	t->virtual_dr6 = t->pending_dr6;
	t->pending_dr6 = 0;
	set_trap_info(X86_TRAP_DB, 0);
	force_sigtrap(TRAP_HWBKPT, 0);
}
