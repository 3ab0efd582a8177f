/*
 * PTRACE_PEEKSIGINFO: copies the siginfo of a stopped tracee's pending
 * signals, without dequeuing them: its own (thread-directed) or, with
 * PTRACE_PEEKSIGINFO_SHARED, its process's.  Entries come in delivery
 * order (linux-ish/sigqueue.h): lowest number first, each real-time
 * number's instances in the order they were sent.  Linux walks its one
 * queue in sending order across numbers: the same for one number.
 * The caller pinned the stopped tracee (kernel/ptrace.c: link->busy).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/sigqueue.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/ptrace.h>
#include <uapi/linux-ish/sigcontext.h>

/* Linux's struct ptrace_peeksiginfo_args. */
struct peeksiginfo_args {
	u64 off;	/* from which entry */
	u32 flags;	/* PTRACE_PEEKSIGINFO_SHARED or 0 */
	s32 nr;		/* how many at most */
};

/* Entry @n (from 0) of @child's pending set into *@ks; false past the end. */
static bool nth_pending(struct task_struct *child, bool shared, u64 n, struct ksignal *ks)
{
	spinlock_t *lock = shared ? &child->signal->lock : &child->sig.lock;
	struct sigpending_ref set = shared ? SHARED_SIGPENDING(child->signal) :
					     TASK_SIGPENDING(child);
	unsigned long flags;
	bool found;

	memset(ks, 0, sizeof(*ks));
	spin_lock_irqsave(lock, flags);
	found = sigpending_nth(&set, n, &ks->sig, &ks->info);
	spin_unlock_irqrestore(lock, flags);
	return found;
}

/*
 * @addr: the args; @data: an array of siginfo.  Returns how many were
 * copied (0 past the end), or -EFAULT (the args, or the first entry) or
 * -EINVAL (unknown flags, a negative count).
 */
long ptrace_peeksiginfo(struct task_struct *child, unsigned long addr, unsigned long data)
{
	struct peeksiginfo_args arg;
	struct siginfo32 __user *out = (struct siginfo32 __user *)data;
	struct siginfo32 si;
	struct ksignal ks;
	s32 i;

	if (copy_from_user(&arg, (const void __user *)addr, sizeof(arg)))
		return -EFAULT;
	if ((arg.flags & ~PTRACE_PEEKSIGINFO_SHARED) || arg.nr < 0)
		return -EINVAL;
	for (i = 0; i < arg.nr; i++) {
		if (!nth_pending(child, arg.flags & PTRACE_PEEKSIGINFO_SHARED, arg.off + i, &ks))
			break;
		fill_siginfo(&si, &ks);
		if (copy_to_user(out + i, &si, sizeof(si)))
			return i ? i : -EFAULT;
		if (signal_pending(current))
			break;
	}
	return i;
}
