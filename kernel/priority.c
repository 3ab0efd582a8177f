/*
 * getpriority/setpriority: a nice value (-20..19) per task, inherited at
 * fork and kept at exec, shown in /proc/<pid>/stat.  Linnet's scheduler
 * gives every task the same share, so the value changes nothing else.
 * Targets: one process (PRIO_PROCESS), a process group (PRIO_PGRP) or
 * every process of a real user (PRIO_USER); who 0 means the caller's.
 * Rules as Linux's kernel/sys.c: changing another user's process is
 * EPERM (the caller's euid must be the target's real or effective uid),
 * lowering a nice value needs CAP_SYS_NICE (EACCES; RLIMIT_NICE is not
 * consulted, as if it were 0, Linux's default).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <uapi/linux-ish/resource.h>

/*
 * Does @p match (@which, @who)?  @who already resolved from 0.  Kernel
 * threads count, as on Linux (pid 2, or PRIO_USER 0 for root).
 */
static bool prio_match(const struct task_struct *p, int which, u32 who)
{
	if (p->exit_state || !p->pid)
		return false;
	switch (which) {
	case PRIO_PROCESS:
		return p->pid == (pid_t)who;
	case PRIO_PGRP:
		return p->pgid == (pid_t)who;
	default:
		return p->cred->uid == who;
	}
}

/* @who, or for 0 the caller's pid, process group or real uid. */
static u32 prio_who(int which, u32 who)
{
	if (who)
		return who;
	return which == PRIO_PROCESS ? (u32)current->pid :
	       which == PRIO_PGRP ? (u32)current->pgid : current_uid();
}

/* The result for one target: 0, -EPERM or -EACCES (Linux's set_one_prio). */
static long set_one_prio(struct task_struct *p, int nice)
{
	const struct cred *c = current_cred();

	if (p->cred->uid != c->euid && p->cred->euid != c->euid && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (nice < p->nice && !capable(CAP_SYS_NICE))
		return -EACCES;
	p->nice = nice;
	return 0;
}

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct task_struct *p;
	unsigned long flags;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	niceval = niceval < PRIO_MIN ? PRIO_MIN : niceval >= PRIO_MAX ? PRIO_MAX - 1 : niceval;
	who = prio_who(which, who);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, who))
			err = set_one_prio(p, niceval);		/* the last target's result */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* The highest priority (lowest nice) of the targets, as 20 - nice (1..40). */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct task_struct *p;
	unsigned long flags;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	who = prio_who(which, who);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (prio_match(p, which, who) && 20 - p->nice > best)
			best = 20 - p->nice;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/*
 * nice (34): adds @increment (clamped to +-40) to the caller's nice
 * value, the result clamped to -20..19.  A negative increment needs
 * CAP_SYS_NICE (EPERM: RLIMIT_NICE taken as 0, Linux's default).
 */
SYSCALL_DEFINE1(nice, int, increment)
{
	int nice;

	increment = increment < -40 ? -40 : increment > 40 ? 40 : increment;
	nice = current->nice + increment;
	nice = nice < PRIO_MIN ? PRIO_MIN : nice >= PRIO_MAX ? PRIO_MAX - 1 : nice;
	if (increment < 0 && !capable(CAP_SYS_NICE))
		return -EPERM;
	current->nice = nice;
	return 0;
}
