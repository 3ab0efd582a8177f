/*
 * The sched_* system calls on Linnet's one CPU and one policy family.
 *
 * Linnet schedules every task round-robin with equal slices.  It keeps a
 * task's normal policy (SCHED_OTHER, SCHED_BATCH, SCHED_IDLE, all with
 * static priority 0, all scheduled alike: they are hints on Linux too),
 * inherited at fork.  The real-time policies SCHED_FIFO and SCHED_RR are
 * refused with EPERM: Linnet has no real-time scheduling to give, which
 * is what Linux says to a caller without CAP_SYS_NICE.  The affinity
 * mask has one bit, CPU 0; a mask without it is EINVAL.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/sched_policy.h>

#define CPUMASK_BYTES	4	/* a cpumask of a kernel built for up to 32 CPUs */

/* The task @pid names (0: the caller), or NULL; -EINVAL for a negative pid. */
static struct task_struct *sched_task(pid_t pid, long *err)
{
	struct task_struct *p;

	*err = pid < 0 ? -EINVAL : -ESRCH;
	if (pid < 0)
		return NULL;
	p = pid ? find_task_by_pid(pid) : current;
	return p && !p->exit_state ? p : NULL;
}

static bool normal_policy(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_BATCH || policy == SCHED_IDLE;
}

/* Policies whose priority range is 0..0 (SCHED_DEADLINE's too, though it cannot be set). */
static bool zero_priority_policy(int policy)
{
	return normal_policy(policy) || policy == SCHED_DEADLINE;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return 99;
	return zero_priority_policy(policy) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return 1;
	return zero_priority_policy(policy) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	long err;
	struct task_struct *p = sched_task(pid, &err);

	return p ? p->sched_policy : err;
}

/* Sets @p's policy from @policy and the priority at @uparam.  0 or -errno. */
static long set_policy(pid_t pid, int policy, const int __user *uparam)
{
	struct task_struct *p;
	int prio;
	long err;

	if (!uparam)
		return -EINVAL;
	if (get_user(prio, uparam))
		return -EFAULT;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	if (policy < 0)
		policy = p->sched_policy;		/* sched_setparam: keep it */
	policy &= ~SCHED_RESET_ON_FORK;
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return prio < 1 || prio > 99 ? -EINVAL : -EPERM;
	if (!normal_policy(policy) || prio != 0)
		return -EINVAL;
	p->sched_policy = policy;
	return 0;
}

SYSCALL_DEFINE3(sched_setscheduler, pid_t, pid, int, policy, const int __user *, param)
{
	if (policy < 0)
		return -EINVAL;
	return set_policy(pid, policy, param);
}

SYSCALL_DEFINE2(sched_setparam, pid_t, pid, const int __user *, param)
{
	return set_policy(pid, -1, param);
}

SYSCALL_DEFINE2(sched_getparam, pid_t, pid, int __user *, param)
{
	long err;
	struct task_struct *p;

	if (!param)
		return -EINVAL;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	return put_user(0, param) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long __user *, mask)
{
	unsigned char bits[CPUMASK_BYTES] = { 1 };	/* CPU 0 */
	long err;

	if (len < CPUMASK_BYTES || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (!sched_task(pid, &err))
		return err;
	return copy_to_user(mask, bits, sizeof(bits)) ? -EFAULT : CPUMASK_BYTES;
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len,
		const unsigned long __user *, mask)
{
	unsigned char first;
	long err;

	if (!len)
		return -EINVAL;
	if (get_user(first, (const unsigned char __user *)mask))
		return -EFAULT;
	if (!sched_task(pid, &err))
		return err;
	return (first & 1) ? 0 : -EINVAL;	/* the mask must allow CPU 0 */
}

/* getcpu(2): one CPU, one NUMA node; either pointer may be NULL. */
SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpu, unsigned int __user *, node,
		void __user *, unused)
{
	unsigned int zero = 0;

	(void)unused;
	if (cpu && copy_to_user(cpu, &zero, sizeof(zero)))
		return -EFAULT;
	if (node && copy_to_user(node, &zero, sizeof(zero)))
		return -EFAULT;
	return 0;
}

/*
 * sched_rr_get_interval (161; 423 with a 64-bit timespec): the slice
 * every task gets, SCHED_SLICE ticks (Linux's CFS answers with the
 * task's current slice, which varies).  Negative pid EINVAL, none ESRCH.
 */
static long rr_get_interval(pid_t pid, void __user *uts, bool time32)
{
	struct timespec64 ts;
	long err;

	if (!sched_task(pid, &err))
		return err;
	ns_to_timespec64((u64)SCHED_SLICE * TICK_NSEC, &ts);
	return put_user_timespec(&ts, uts, time32);
}

SYSCALL_DEFINE2(sched_rr_get_interval32, pid_t, pid, struct old_timespec32 __user *, uts)
{
	return rr_get_interval(pid, uts, true);
}

SYSCALL_DEFINE2(sched_rr_get_interval, pid_t, pid, struct __kernel_timespec __user *, uts)
{
	return rr_get_interval(pid, uts, false);
}
