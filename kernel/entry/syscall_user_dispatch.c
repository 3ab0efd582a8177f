/*
 * Syscall user dispatch (prctl PR_SET_SYSCALL_USER_DISPATCH), as Linux
 * 6.1: while it is on, a system call made from outside [offset, offset +
 * len) consults the task's selector byte: FILTER_ALLOW runs it,
 * FILTER_BLOCK (or no selector at all) does not -- the task gets a SIGSYS
 * with si_code SYS_USER_DISPATCH, si_call_addr the address after the
 * int $0x80, si_syscall its number, si_arch AUDIT_ARCH_I386, and eax
 * holds the number again (the call "rolled back") for the handler to
 * emulate it.  Any other selector value kills the task with SIGSYS, an
 * unreadable selector with SIGSEGV.  The vDSO's sigreturn trampolines
 * are always let through, so that a handler can return through them.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscall_user_dispatch.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/audit.h>
#include <uapi/linux-ish/prctl.h>
#include <asm/ptrace.h>
#include <asm/vdso.h>

int set_syscall_user_dispatch(unsigned long mode, unsigned long offset,
			      unsigned long len, char __user *selector)
{
	struct syscall_user_dispatch *sd = &current->syscall_dispatch;

	switch (mode) {
	case PR_SYS_DISPATCH_OFF:
		if (offset || len || selector)
			return -EINVAL;
		break;
	case PR_SYS_DISPATCH_ON:
		if (offset && offset + len <= offset)
			return -EINVAL;		/* empty or wrapping region */
		if (selector && !access_ok(selector, sizeof(*selector)))
			return -EFAULT;
		break;
	default:
		return -EINVAL;
	}
	sd->selector = selector;
	sd->offset = offset;
	sd->len = len;
	sd->on = mode == PR_SYS_DISPATCH_ON;
	current->syscall_dispatch_on = sd->on;
	return 0;
}

void clear_syscall_user_dispatch(struct task_struct *p)
{
	memset(&p->syscall_dispatch, 0, sizeof(p->syscall_dispatch));
	p->syscall_dispatch_on = false;
}

/*
 * Makes @sig fatal and undeliverable to a handler (Linux's force_exit_sig):
 * its action back to SIG_DFL, unblocked, then sent.
 */
static void force_exit_sig(int sig)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sig.lock, flags);
	current->sighand->action[sig - 1].handler = SIG_DFL;
	current->sig.blocked &= ~sigmask(sig);
	recalc_sigpending();
	spin_unlock_irqrestore(&current->sig.lock, flags);
	send_sig_info(sig, NULL, current);
}

bool syscall_user_dispatch(struct pt_regs *regs)
{
	struct syscall_user_dispatch *sd = &current->syscall_dispatch;

	if (!sd->on || regs->ip - sd->offset < sd->len)
		return false;
	if (arch_syscall_is_vdso_sigreturn(regs))
		return false;
	if (sd->selector) {
		char state = 0;

		if (get_user(state, sd->selector)) {
			force_exit_sig(SIGSEGV);
			return true;
		}
		if (state == SYSCALL_DISPATCH_FILTER_ALLOW)
			return false;
		if (state != SYSCALL_DISPATCH_FILTER_BLOCK) {
			force_exit_sig(SIGSYS);
			return true;
		}
	}
	regs->ax = regs->orig_ax;	/* rolled back: the handler sees the number */
	force_sigsys(regs, SYS_USER_DISPATCH, 0);
	return true;
}
