/*
 * rseq(2): restartable sequences, as Linux 6.1 for one CPU.
 *
 * A thread registers a 32-byte struct rseq; the kernel then keeps its
 * cpu_id_start/cpu_id current (always 0 here: one CPU, no migration) and,
 * when the thread was preempted or gets a signal while its ip is inside
 * the critical section rseq_cs describes, moves the ip to the section's
 * abort_ip -- after checking that the 32-bit word before abort_ip is the
 * signature given at registration.  A bad descriptor, a bad signature or
 * an unwritable area is SIGSEGV (Linux's force_sigsegv), never a kernel
 * error.  The rseq_cs pointer is cleared lazily, at the first fixup that
 * finds it set.
 *
 * Everything here runs as current, with IRQs on, and may fault on user
 * memory; the scheduler's rseq_preempt() only sets two flags.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/rseq.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/rseq.h>
#include <uapi/linux-ish/sched.h>
#include <asm/ptrace.h>

/* The one CPU's number. */
#define RSEQ_THIS_CPU	0

void rseq_preempt(struct task_struct *prev)
{
	if (prev->rseq.area) {
		prev->rseq.event = true;
		prev->notify_resume = true;
	}
}

/* Reads and checks the descriptor rseq_cs points at; 0 with *cs zeroed if none. */
static int rseq_get_cs(struct rseq_cs *cs)
{
	struct rseq __user *rs = current->rseq.area;
	u32 __user *usig;
	u64 ptr;
	u32 sig;

	if (copy_from_user(&ptr, &rs->rseq_cs, sizeof(ptr)))
		return -EFAULT;
	if (!ptr) {
		memset(cs, 0, sizeof(*cs));
		return 0;
	}
	if (ptr >= TASK_SIZE)
		return -EINVAL;
	if (copy_from_user(cs, (const void __user *)(unsigned long)ptr, sizeof(*cs)))
		return -EFAULT;
	if (cs->start_ip >= TASK_SIZE || cs->start_ip + cs->post_commit_offset >= TASK_SIZE ||
	    cs->abort_ip >= TASK_SIZE || cs->version > 0)
		return -EINVAL;
	if (cs->start_ip + cs->post_commit_offset < cs->start_ip)
		return -EINVAL;		/* wraps */
	if (cs->abort_ip - cs->start_ip < cs->post_commit_offset)
		return -EINVAL;		/* abort_ip inside the section */
	usig = (u32 __user *)(unsigned long)(cs->abort_ip - sizeof(u32));
	if (get_user(sig, usig))
		return -EFAULT;
	if (sig != current->rseq.sig) {
		printk(KERN_WARNING "%s[%d]: unexpected rseq signature 0x%x, expecting 0x%x\n",
		       current->comm, current->pid, sig, current->rseq.sig);
		return -EINVAL;
	}
	return 0;
}

/* Any flag (deprecated or unknown) in the descriptor or the area is refused. */
static int rseq_need_restart(u32 cs_flags)
{
	u32 flags;
	bool event;

	if (cs_flags)
		return -EINVAL;
	if (get_user(flags, &current->rseq.area->flags))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	event = current->rseq.event;
	current->rseq.event = false;
	return event;
}

static int rseq_clear_cs(void)
{
	return clear_user(&current->rseq.area->rseq_cs, sizeof(u64)) ? -EFAULT : 0;
}

/* Moves regs->ip to abort_ip if it is inside an interrupted section. 0 or -errno. */
static int rseq_ip_fixup(struct pt_regs *regs)
{
	struct rseq_cs cs;
	int ret = rseq_get_cs(&cs);

	if (ret)
		return ret;
	if ((u64)regs->ip - cs.start_ip >= cs.post_commit_offset)
		return rseq_clear_cs();		/* not in it: nothing to restart */
	ret = rseq_need_restart(cs.flags);
	if (ret <= 0)
		return ret;
	ret = rseq_clear_cs();
	if (ret)
		return ret;
	regs->ip = (unsigned long)cs.abort_ip;
	return 0;
}

static int rseq_update_cpu_id(void)
{
	struct rseq __user *rs = current->rseq.area;
	u32 cpu = RSEQ_THIS_CPU;

	if (put_user(cpu, &rs->cpu_id_start) || put_user(cpu, &rs->cpu_id))
		return -EFAULT;
	return 0;
}

/*
 * Linux's force_sigsegv(): a SIGSEGV nobody can ignore or block; if it
 * was SIGSEGV's own delivery that failed, its handler is dropped too.
 */
static void rseq_force_sigsegv(int delivering, struct pt_regs *regs)
{
	if (delivering == SIGSEGV)
		current->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
	force_sig_fault(SIGSEGV, SI_KERNEL, 0, regs);
}

/* The fixup and the cpu_id update; @delivering: the signal being delivered, or 0. */
static void __rseq_handle_notify_resume(int delivering, struct pt_regs *regs)
{
	current->notify_resume = false;
	if (current->flags & PF_EXITING)
		return;
	if (rseq_ip_fixup(regs) < 0 || rseq_update_cpu_id())
		rseq_force_sigsegv(delivering, regs);
}

void rseq_handle_notify_resume(struct pt_regs *regs)
{
	if (current->rseq.area)
		__rseq_handle_notify_resume(0, regs);
	else
		current->notify_resume = false;	/* unregistered since */
}

void rseq_signal_deliver(const struct ksignal *ks, struct pt_regs *regs)
{
	if (!current->rseq.area)
		return;
	current->rseq.event = true;
	__rseq_handle_notify_resume(ks->sig, regs);
}

void rseq_fork(struct task_struct *p, unsigned long clone_flags)
{
	if (clone_flags & CLONE_VM)
		memset(&p->rseq, 0, sizeof(p->rseq));
	else {
		p->rseq = current->rseq;
		p->notify_resume = current->notify_resume;
	}
}

void rseq_execve(struct task_struct *p)
{
	memset(&p->rseq, 0, sizeof(p->rseq));
	p->notify_resume = false;	/* rseq's only */
}

/* Unregistering writes cpu_id_start 0 and cpu_id "uninitialized" first. */
static long rseq_unregister(struct rseq __user *rs, u32 len, int flags, u32 sig)
{
	struct rseq_state *st = &current->rseq;
	u32 zero = 0, uninit = (u32)RSEQ_CPU_ID_UNINITIALIZED;

	if (flags & ~RSEQ_FLAG_UNREGISTER)
		return -EINVAL;
	if (!st->area || st->area != rs || len != st->len)
		return -EINVAL;
	if (sig != st->sig)
		return -EPERM;
	if (put_user(zero, &rs->cpu_id_start) || put_user(uninit, &rs->cpu_id))
		return -EFAULT;
	memset(st, 0, sizeof(*st));
	current->notify_resume = false;	/* rseq's only */
	return 0;
}

SYSCALL_DEFINE4(rseq, struct rseq __user *, rs, u32, rseq_len, int, flags, u32, sig)
{
	struct rseq_state *st = &current->rseq;

	BUILD_BUG_ON(sizeof(struct rseq) != 32 || sizeof(struct rseq_cs) != 32);
	if (flags & RSEQ_FLAG_UNREGISTER)
		return rseq_unregister(rs, rseq_len, flags, sig);
	if (flags)
		return -EINVAL;
	if (st->area) {
		if (st->area != rs || rseq_len != st->len)
			return -EINVAL;
		return sig != st->sig ? -EPERM : -EBUSY;
	}
	if (((__force unsigned long)rs & (__alignof__(struct rseq) - 1)) ||
	    rseq_len != sizeof(struct rseq))
		return -EINVAL;
	if (!access_ok(rs, rseq_len))
		return -EFAULT;
	st->area = rs;
	st->len = rseq_len;
	st->sig = sig;
	current->notify_resume = true;	/* cpu_id is written on the way out */
	return 0;
}
