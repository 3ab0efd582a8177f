/*
 * The sched_* system calls on Linnet's one CPU.
 *
 * Policies as Linux 6.1 (Documentation/scheduler/policies.md): the
 * normal ones (SCHED_OTHER, SCHED_BATCH, SCHED_IDLE, static priority 0)
 * and the real-time ones (SCHED_FIFO, SCHED_RR, priority 1..99), which
 * need CAP_SYS_NICE or an RLIMIT_RTPRIO that covers the priority.
 * SCHED_DEADLINE is not implemented: setting it is EINVAL.  Policy,
 * priority and nice are inherited at fork unless SCHED_RESET_ON_FORK.
 * The affinity mask has one bit, CPU 0; a mask without it is EINVAL.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/resource.h>
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

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Policies whose priority range is 0..0 (SCHED_DEADLINE's too, though it cannot be set). */
static bool zero_priority_policy(int policy)
{
	return normal_policy(policy) || policy == SCHED_DEADLINE;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO - 1;
	return zero_priority_policy(policy) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (rt_policy(policy))
		return 1;
	return zero_priority_policy(policy) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	long err;
	struct task_struct *p = sched_task(pid, &err);

	if (!p)
		return err;
	return p->sched_policy | (p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

/* What a policy change asks for (Linux's struct sched_attr, decoded). */
struct sched_req {
	int policy;			/* -1: keep @p's */
	int prio;
	int nice;
	bool set_nice;			/* sched_setattr of a normal policy */
	bool reset_on_fork;
};

/* Linux's can_nice(): RLIMIT_NICE allows @nice (20 - nice <= limit), or CAP_SYS_NICE. */
static bool can_nice(const struct task_struct *p, int nice)
{
	unsigned long lim = READ_ONCE(p->rlim[RLIMIT_NICE].rlim_cur);

	return (unsigned long)(20 - nice) <= lim || capable(CAP_SYS_NICE);
}

/*
 * Permission for an unprivileged caller (Linux's __sched_setscheduler
 * checks): an RT policy needs RLIMIT_RTPRIO, no raising past it; leaving
 * SCHED_IDLE needs can_nice; only the target's owner; SCHED_RESET_ON_FORK
 * cannot be cleared.  0 or -EPERM.
 */
static long sched_permitted(struct task_struct *p, const struct sched_req *r)
{
	const struct cred *c = current_cred();

	if (capable(CAP_SYS_NICE))
		return 0;
	if (r->set_nice && r->nice < p->nice && !can_nice(p, r->nice))
		return -EPERM;
	if (rt_policy(r->policy)) {
		unsigned long lim = READ_ONCE(p->rlim[RLIMIT_RTPRIO].rlim_cur);

		if (r->policy != p->sched_policy && !lim)
			return -EPERM;
		if (r->prio > p->rt_priority && (unsigned long)r->prio > lim)
			return -EPERM;
	}
	if (p->sched_policy == SCHED_IDLE && r->policy != SCHED_IDLE && !can_nice(p, p->nice))
		return -EPERM;
	if (c->euid != p->cred->euid && c->euid != p->cred->uid)
		return -EPERM;
	if (p->sched_reset_on_fork && !r->reset_on_fork)
		return -EPERM;
	return 0;
}

/* Applies @r to @p after Linux's checks, in Linux's order.  0 or -errno. */
static long sched_change(struct task_struct *p, struct sched_req *r)
{
	long err;

	if (r->policy < 0) {
		r->policy = p->sched_policy;
		r->reset_on_fork = p->sched_reset_on_fork;
	}
	if (!normal_policy(r->policy) && !rt_policy(r->policy))
		return -EINVAL;		/* unknown, or SCHED_DEADLINE (not implemented) */
	if (r->prio < 0 || r->prio > MAX_RT_PRIO - 1)
		return -EINVAL;
	if (rt_policy(r->policy) != (r->prio != 0))
		return -EINVAL;
	err = sched_permitted(p, r);
	if (err)
		return err;
	if (r->set_nice)
		p->nice = r->nice;
	sched_set_policy(p, r->policy, r->prio, r->reset_on_fork);
	return 0;
}

/* sched_setscheduler (@policy >= 0) and sched_setparam (@policy -1). */
static long set_policy(pid_t pid, int policy, const int __user *uparam)
{
	struct sched_req r = { .policy = policy };
	struct task_struct *p;
	long err;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (get_user(r.prio, uparam))
		return -EFAULT;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	if (policy >= 0) {
		r.reset_on_fork = policy & SCHED_RESET_ON_FORK;
		r.policy = policy & ~SCHED_RESET_ON_FORK;
	}
	return sched_change(p, &r);
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

	if (!param || pid < 0)
		return -EINVAL;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	return put_user(p->rt_priority, param) ? -EFAULT : 0;
}

/*
 * sched_setattr's struct from user space, Linux's size rules: 0 means
 * VER0; under VER0 or over a page E2BIG (the kernel's size written
 * back); a larger struct's tail must be zero (E2BIG).  0 or -errno.
 */
static long copy_sched_attr(struct sched_attr *a, struct sched_attr __user *ua)
{
	u32 size;

	memset(a, 0, sizeof(*a));
	if (copy_from_user(&size, &ua->size, sizeof(size)))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto too_big;
	for (u32 off = sizeof(*a); off < size; off++) {
		u8 b;

		if (copy_from_user(&b, (u8 __user *)ua + off, 1))
			return -EFAULT;
		if (b)
			goto too_big;
	}
	if (copy_from_user(a, ua, min_t(u32, size, sizeof(*a))))
		return -EFAULT;
	a->size = size;
	if (a->sched_nice < -20)
		a->sched_nice = -20;
	if (a->sched_nice > 19)
		a->sched_nice = 19;
	return 0;
too_big:
	(void)put_user((u32)sizeof(*a), &ua->size);
	return -E2BIG;
}

SYSCALL_DEFINE3(sched_setattr, pid_t, pid, struct sched_attr __user *, uattr,
		unsigned int, flags)
{
	struct sched_req r = { 0 };
	struct task_struct *p;
	struct sched_attr a;
	long err;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	err = copy_sched_attr(&a, uattr);
	if (err)
		return err;
	if ((int)a.sched_policy < 0)
		return -EINVAL;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	if (a.sched_flags & ~(u64)SCHED_FLAG_ALL)
		return -EINVAL;
	if (a.sched_flags & (SCHED_FLAG_UTIL_CLAMP_MIN | SCHED_FLAG_UTIL_CLAMP_MAX))
		return -EOPNOTSUPP;	/* as a Linux without CONFIG_UCLAMP_TASK */
	if (a.sched_flags & SCHED_FLAG_KEEP_PARAMS) {
		a.sched_priority = p->rt_priority;
		a.sched_nice = p->nice;
	}
	r.prio = (int)a.sched_priority;
	r.nice = a.sched_nice;
	r.reset_on_fork = a.sched_flags & SCHED_FLAG_RESET_ON_FORK;
	r.policy = (int)a.sched_policy;
	if (a.sched_flags & SCHED_FLAG_KEEP_POLICY) {
		r.policy = p->sched_policy;
		r.reset_on_fork = p->sched_reset_on_fork;
	}
	r.set_nice = normal_policy(r.policy);
	return sched_change(p, &r);
}

SYSCALL_DEFINE4(sched_getattr, pid_t, pid, struct sched_attr __user *, uattr,
		unsigned int, usize, unsigned int, flags)
{
	struct task_struct *p;
	struct sched_attr a;
	long err;

	if (!uattr || pid < 0 || usize > PAGE_SIZE || usize < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	p = sched_task(pid, &err);
	if (!p)
		return err;
	memset(&a, 0, sizeof(a));
	a.sched_policy = p->sched_policy;
	a.sched_flags = p->sched_reset_on_fork ? SCHED_FLAG_RESET_ON_FORK : 0;
	if (rt_policy(p->sched_policy))
		a.sched_priority = p->rt_priority;
	else
		a.sched_nice = p->nice;
	a.sched_util_max = 1024;	/* SCHED_CAPACITY_SCALE: no clamping */
	a.size = min_t(u32, usize, sizeof(a));
	return copy_to_user(uattr, &a, a.size) ? -EFAULT : 0;
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
 * sched_rr_get_interval (161; 423 with a 64-bit timespec): SCHED_RR's
 * 100 ms, 0 for SCHED_FIFO, the normal slice (SCHED_SLICE ticks) for the
 * others (Linux's CFS answers with the task's current slice, which
 * varies).  Negative pid EINVAL, none ESRCH.
 */
static long rr_get_interval(pid_t pid, void __user *uts, bool time32)
{
	struct task_struct *p;
	struct timespec64 ts;
	u64 ticks = SCHED_SLICE;
	long err;

	p = sched_task(pid, &err);
	if (!p)
		return err;
	if (p->sched_policy == SCHED_RR)
		ticks = RR_TIMESLICE;
	else if (p->sched_policy == SCHED_FIFO)
		ticks = 0;
	ns_to_timespec64(ticks * TICK_NSEC, &ts);
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
