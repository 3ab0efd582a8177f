/*
 * Syscall user dispatch (kernel/entry/syscall_user_dispatch.c): a task's
 * prctl(PR_SET_SYSCALL_USER_DISPATCH) setting, its own (set and read
 * only by current).
 */
#ifndef _LINUX_ISH_SYSCALL_USER_DISPATCH_H
#define _LINUX_ISH_SYSCALL_USER_DISPATCH_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct pt_regs;
struct task_struct;

struct syscall_user_dispatch {
	char __user *selector;		/* NULL: every call outside the region dispatches */
	unsigned long offset, len;	/* calls from [offset, offset + len) always run */
	bool on;
};

/* prctl's PR_SET_SYSCALL_USER_DISPATCH.  0, -EINVAL or -EFAULT. */
int set_syscall_user_dispatch(unsigned long mode, unsigned long offset,
			      unsigned long len, char __user *selector);
/*
 * Syscall entry: true if the call must not run (a SIGSYS is queued, or
 * the task is being killed); then regs->ax holds the syscall number.
 */
bool syscall_user_dispatch(struct pt_regs *regs);
/* fork and exec: the task starts without it, as on Linux. */
void clear_syscall_user_dispatch(struct task_struct *p);

#endif
