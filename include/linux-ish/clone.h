/*
 * What fork(), vfork(), clone() and clone3() ask kernel_clone() for
 * (kernel/fork.c; clone3's front end is kernel/clone3.c).
 */
#ifndef _LINUX_ISH_CLONE_H
#define _LINUX_ISH_CLONE_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct pt_regs;
struct task_struct;

struct kernel_clone_args {
	unsigned long flags;		/* CLONE_* of the low word, CSIGNAL the exit signal */
	unsigned long new_sp;		/* 0: the caller's */
	int __user *parent_tid;
	int __user *child_tid;
	int __user *pidfd;		/* CLONE_PIDFD: where the new pidfd goes */
	unsigned long tls;		/* struct user_desc __user * */
	int set_tid;			/* clone3: this pid for the child (0: any) */
	bool clear_sighand;		/* clone3 CLONE_CLEAR_SIGHAND */
};

/* Starts a child per @args; its pid or -errno. */
long kernel_clone(const struct kernel_clone_args *args, const struct pt_regs *regs);
/* CLONE_CLEAR_SIGHAND: @p's caught signals back to SIG_DFL (kernel/clone3.c). */
void clone_clear_sighand(struct task_struct *p);

#endif
