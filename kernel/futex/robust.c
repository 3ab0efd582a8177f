/*
 * Robust futexes: set_robust_list/get_robust_list and the walk of the
 * list when a thread exits or execs.  The list lives in user memory
 * (glibc keeps the robust mutexes a thread holds on it); each entry's
 * futex word holds its owner's tid.  At exit every word still owned by
 * the dying thread gets FUTEX_OWNER_DIED (waiters bit kept) and one
 * waiter is woken, so the next locker sees EOWNERDEAD.  A bad pointer
 * anywhere just ends the walk.  At most ROBUST_LIST_LIMIT entries are
 * walked, so a circular list cannot hang the exit.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/futex.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <asm/futex.h>
#include <uapi/linux-ish/futex.h>
#include "futex.h"

BUILD_BUG_ON(sizeof(struct robust_list_head) != 12);

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* pid 0: the caller.  Another thread or process needs ptrace read access (EPERM). */
SYSCALL_DEFINE3(get_robust_list, int, pid, struct robust_list_head __user * __user *, head_ptr,
		size_t __user *, len_ptr)
{
	void __user *head = current->robust_list;

	if (pid) {
		struct task_struct *p;
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);
		p = find_task_by_pid(pid);
		head = p ? p->robust_list : NULL;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (!p)
			return -ESRCH;
		if (!ptrace_may_access(p, PTRACE_MODE_READ_REALCREDS))
			return -EPERM;
	}
	if (put_user(sizeof(struct robust_list_head), len_ptr))
		return -EFAULT;
	return put_user((struct robust_list_head __user *)head, head_ptr) ? -EFAULT : 0;
}

/*
 * The futex word at @uaddr of a dying owner: see the top.  A pending
 * (@pending) non-PI unlock that already stored 0 still gets its wake.
 * 0, or -EFAULT to end the walk.
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *p, bool pi, bool pending)
{
	u32 uval, cur;

	if ((__force unsigned long)uaddr % sizeof(u32))
		return -EFAULT;
	if (get_user(uval, uaddr))
		return -EFAULT;
	for (;;) {
		if (pending && !pi && !uval) {
			futex_wake(uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)p->pid)
			return 0;	/* not ours (any more) */
		if (futex_cmpxchg_user(&cur, uaddr, uval, (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED))
			return -EFAULT;
		if (cur == uval)
			break;
		uval = cur;		/* changed under us: look again */
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer from user memory: the address and its PI bit.  0 or -EFAULT. */
static int fetch_robust_entry(struct robust_list __user **entry, const void __user *from,
			      bool *pi)
{
	unsigned long v = 0;

	if (get_user(v, (const unsigned long __user *)from))
		return -EFAULT;
	*entry = (__force struct robust_list __user *)(v & ~1UL);
	*pi = v & 1;
	return 0;
}

static u32 __user *futex_word(struct robust_list __user *entry, long offset)
{
	return (u32 __user *)((__force unsigned long)entry + offset);
}

static void walk_robust_list(struct task_struct *p);

/* The robust list first (it marks PI words OWNER_DIED), then the PI futexes still owned. */
void exit_robust_list(struct task_struct *p)
{
	walk_robust_list(p);
	exit_pi_state_list(p);
}

static void walk_robust_list(struct task_struct *p)
{
	struct robust_list_head __user *head = p->robust_list;
	struct robust_list __user *entry, *next, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, next_pi, pip;
	long offset;

	if (!head || !p->mm)
		return;
	p->robust_list = NULL;
	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		int rc = fetch_robust_entry(&next, &entry->next, &next_pi);

		if (entry != pending && handle_futex_death(futex_word(entry, offset), p, pi, false))
			return;
		if (rc || !--limit)
			break;
		entry = next;
		pi = next_pi;
	}
	if (pending)
		handle_futex_death(futex_word(pending, offset), p, pip, true);
}
