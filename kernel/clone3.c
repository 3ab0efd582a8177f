/*
 * clone3(2): the extensible front end of kernel_clone() (kernel/fork.c).
 *
 * struct clone_args is versioned by size: 64 bytes (VER0), 80 (VER1:
 * set_tid), 88 (VER2: cgroup).  A smaller struct is EINVAL; a bigger one
 * (up to a page) is accepted if every byte we do not know is zero, else
 * E2BIG, as Linux's copy_struct_from_user().  The checks and their order
 * are Linux 6.1's; what the child is then made of is whatever
 * kernel_clone() builds for clone() with the same flags.
 *
 * Linnet has no pid or cgroup namespaces: set_tid takes one pid (the
 * only level), which needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE, and
 * CLONE_INTO_CGROUP is accepted and ignored, as on a Linux built without
 * CONFIG_CGROUPS (its cgroup_can_fork() is then a no-op).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/clone.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/sched.h>

#define MAX_PID_NS_LEVEL	32	/* Linux's bound on set_tid_size */
#define CLONE_LEGACY_FLAGS	0xffffffffULL

/* The struct's own rules (copy_clone_args_from_user).  0 or -errno. */
static int clone3_copy_args(struct clone_args *a, const struct clone_args __user *ua, size_t usize)
{
	int err;

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	err = copy_struct_from_user(a, sizeof(*a), ua, usize);
	if (err)
		return err;
	if (a->set_tid_size > MAX_PID_NS_LEVEL || (!a->set_tid != !a->set_tid_size))
		return -EINVAL;
	if ((a->exit_signal & ~(u64)CSIGNAL) || a->exit_signal > _NSIG)
		return -EINVAL;
	if ((a->flags & CLONE_INTO_CGROUP) &&
	    (a->cgroup > INT_MAX || usize < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	return 0;
}

/*
 * The flag and stack rules (clone3_args_valid).  True if acceptable.
 * The stack, like every pointer, is cut to 32 bits first, as on i386 Linux.
 */
static bool clone3_args_valid(const struct clone_args *a)
{
	unsigned long stack = (unsigned long)a->stack, size = (unsigned long)a->stack_size;

	if (a->flags & ~(CLONE_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return false;
	if (a->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return false;
	if ((a->flags & CLONE_SIGHAND) && (a->flags & CLONE_CLEAR_SIGHAND))
		return false;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return false;
	if (!stack)
		return !size;
	return size && access_ok((const void __user *)stack, size);
}

/*
 * set_tid: the pids the child gets, innermost namespace last.  Read whole
 * with the struct (EFAULT before any flag check, as Linux); checked as
 * alloc_pid() does after the flags: with one pid level only one entry,
 * a pid in [1, pid_max), and CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE.
 * Whether it is free is kernel_clone()'s question (EEXIST).
 */
static int clone3_read_set_tid(const struct clone_args *a, int *tid)
{
	const void __user *u = (const void __user *)(unsigned long)a->set_tid;

	return copy_from_user(tid, u, a->set_tid_size * sizeof(*tid)) ? -EFAULT : 0;
}

/* The pid for the child, or -errno. */
static int clone3_check_set_tid(const struct clone_args *a, const int *tid)
{
	if (a->set_tid_size > 1 || tid[0] < 1 || tid[0] >= READ_ONCE(pid_max))
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN) && !capable(CAP_CHECKPOINT_RESTORE))
		return -EPERM;
	return tid[0];
}

/*
 * CLONE_CLEAR_SIGHAND: the child's handlers back to SIG_DFL (SIG_IGN
 * kept).  The table is the child's own copy: clone3 refuses the flag
 * with CLONE_SIGHAND, so nobody else sees it yet.
 */
void clone_clear_sighand(struct task_struct *p)
{
	int i;

	for (i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &p->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = NULL;
		ka->mask = 0;
	}
}

SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct kernel_clone_args args = { 0 };
	int tid[MAX_PID_NS_LEVEL];
	struct clone_args a;
	int err = clone3_copy_args(&a, uargs, size);

	BUILD_BUG_ON(sizeof(struct clone_args) != CLONE_ARGS_SIZE_VER2);
	if (!err && a.set_tid)
		err = clone3_read_set_tid(&a, tid);
	if (err)
		return err;
	if (!clone3_args_valid(&a))
		return -EINVAL;
	if (a.set_tid) {
		args.set_tid = clone3_check_set_tid(&a, tid);
		if (args.set_tid < 0)
			return args.set_tid;
	}
	args.flags = (unsigned long)(a.flags & CLONE_LEGACY_FLAGS) | (unsigned long)a.exit_signal;
	args.new_sp = a.stack ? (unsigned long)(a.stack + a.stack_size) : 0;
	args.pidfd = (int __user *)(unsigned long)a.pidfd;
	args.child_tid = (int __user *)(unsigned long)a.child_tid;
	args.parent_tid = (int __user *)(unsigned long)a.parent_tid;
	args.tls = (unsigned long)a.tls;
	args.clear_sighand = a.flags & CLONE_CLEAR_SIGHAND;
	return kernel_clone(&args, task_pt_regs(current));
}
