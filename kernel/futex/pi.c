/*
 * Priority-inheritance futexes: FUTEX_LOCK_PI, FUTEX_LOCK_PI2,
 * FUTEX_TRYLOCK_PI, FUTEX_UNLOCK_PI, and the owner's exit.  The
 * requeue_pi pair is in kernel/futex/requeue_pi.c.
 *
 * The futex word is the lock, in user space: 0 when free, else the
 * owner's TID, with FUTEX_WAITERS when the kernel has (or had) waiters
 * and FUTEX_OWNER_DIED when an owner died holding it.  User space takes
 * and releases an uncontended lock with cmpxchg alone; the kernel sees
 * a lock only when someone must wait.
 *
 * A futex with waiters has a futex_pi_state: its owner (the task whose
 * TID is in the word; NULL after the owner died, until the top waiter
 * runs and takes the word over), the waiters, highest priority first,
 * and its key.  It lives on pi_states and on its owner's
 * pi_state_list, and is freed when its last waiter leaves.  An owner's
 * pi_prio is the highest priority among the top waiters of the PI
 * futexes it owns; a change walks the chain of owners blocked on
 * further PI futexes (at most PI_CHAIN_MAX steps, Linux's
 * max_lock_depth), and a chain that comes back to the locker is
 * EDEADLK.
 *
 * Locking: futex_pi_mutex, a sleeping mutex, covers every pi_state, every
 * waiter, each task's pi_state_list, pi_blocked_on and pi_exited, and
 * is held across the reads and cmpxchgs of futex words (which may fault
 * and sleep).  It is taken after get_futex_key() (mmap_lock never
 * nests inside it except through a page fault) and before futex_lock.
 * A waiter sleeps without it; whoever hands it the lock sets ->acquired
 * under it and wakes the task.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/futex.h>
#include <linux-ish/mutex.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <asm/futex.h>
#include <uapi/linux-ish/futex.h>
#include "futex.h"

#define PI_CHAIN_MAX	1024

DEFINE_MUTEX(futex_pi_mutex);
static LIST_HEAD(pi_states);

struct futex_pi_state *pi_state_find(const struct futex_key *key)
{
	struct futex_pi_state *ps;

	list_for_each_entry(ps, &pi_states, node)
		if (futex_match(&ps->key, key))
			return ps;
	return NULL;
}

/* A new pi_state for @key owned by @owner (may be NULL), or NULL without memory. */
static struct futex_pi_state *pi_state_alloc(const struct futex_key *key,
					     struct task_struct *owner)
{
	struct futex_pi_state *ps = kmalloc(sizeof(*ps), GFP_KERNEL);

	if (!ps)
		return NULL;
	INIT_LIST_HEAD(&ps->waiters);
	INIT_LIST_HEAD(&ps->owner_node);
	ps->key = *key;
	if (key->shared)
		atomic_inc(&((struct inode *)key->ptr)->i_count);
	ps->owner = owner;
	ps->owner_fixup = false;
	if (owner)
		list_add(&ps->owner_node, &owner->pi_state_list);
	list_add(&ps->node, &pi_states);
	return ps;
}

static void pi_state_free(struct futex_pi_state *ps)
{
	list_del(&ps->node);
	list_del(&ps->owner_node);
	put_futex_key(&ps->key);
	kfree(ps);
}

static struct futex_pi_waiter *top_waiter(struct futex_pi_state *ps)
{
	if (list_empty(&ps->waiters))
		return NULL;
	return list_first_entry(&ps->waiters, struct futex_pi_waiter, list);
}

/* What @p inherits: the best top waiter of the futexes it owns. */
static int pi_inherited_prio(struct task_struct *p)
{
	struct futex_pi_state *ps;
	int prio = 0;

	list_for_each_entry(ps, &p->pi_state_list, owner_node) {
		struct futex_pi_waiter *w = top_waiter(ps);

		if (w && w->task->prio > prio)
			prio = w->task->prio;
	}
	return prio;
}

/* Puts @w into its pi_state's waiters by its task's priority (FIFO among equals). */
static void waiter_insert(struct futex_pi_waiter *w)
{
	struct futex_pi_waiter *pos;

	list_for_each_entry(pos, &w->pi_state->waiters, list) {
		if (w->task->prio > pos->task->prio) {
			list_add_tail(&w->list, &pos->list);
			return;
		}
	}
	list_add_tail(&w->list, &w->pi_state->waiters);
}

/*
 * Recomputes the inherited priority of @owner and, while that changes
 * something, of the owners further down the chain of PI futexes they
 * wait for.
 */
static void pi_adjust_chain(struct task_struct *owner)
{
	for (int depth = 0; owner && depth < PI_CHAIN_MAX; depth++) {
		struct futex_pi_waiter *w;
		int prio = pi_inherited_prio(owner);

		if (prio == owner->pi_prio)
			return;
		sched_set_pi_prio(owner, prio);
		w = owner->pi_blocked_on;
		if (!w || !w->pi_state)
			return;
		list_del(&w->list);		/* its place among the waiters moved */
		waiter_insert(w);
		owner = w->pi_state->owner;
	}
}

/* Would current waiting for @ps close a cycle of owners?  (EDEADLK) */
static bool pi_would_deadlock(struct futex_pi_state *ps)
{
	struct task_struct *owner = ps->owner;

	for (int depth = 0; owner && depth < PI_CHAIN_MAX; depth++) {
		if (owner == current)
			return true;
		if (!owner->pi_blocked_on || !owner->pi_blocked_on->pi_state)
			return false;
		owner = owner->pi_blocked_on->pi_state->owner;
	}
	return owner != NULL;		/* too deep: Linux's -EDEADLK too */
}

/* @w (its task, key, uaddr set) starts waiting on @ps and boosts the chain. */
void pi_block(struct futex_pi_waiter *w, struct futex_pi_state *ps)
{
	w->pi_state = ps;
	waiter_insert(w);
	w->task->pi_blocked_on = w;
	pi_adjust_chain(ps->owner);
}

/* @w stops waiting (timeout, signal); frees an emptied pi_state. */
static void pi_unblock(struct futex_pi_waiter *w)
{
	struct futex_pi_state *ps = w->pi_state;

	list_del(&w->list);
	w->task->pi_blocked_on = NULL;
	w->pi_state = NULL;
	if (list_empty(&ps->waiters)) {
		struct task_struct *owner = ps->owner;

		pi_state_free(ps);
		pi_adjust_chain(owner);
	} else {
		pi_adjust_chain(ps->owner);
	}
}

/*
 * A lock whose owner died goes to @tid: its TID in the word, with
 * FUTEX_WAITERS and FUTEX_OWNER_DIED, as Linux's fixup of the owner.
 * 0 or -EFAULT.
 */
static int pi_write_owner_died(u32 __user *uaddr, u32 tid)
{
	u32 uval = 0, cur;

	if (get_user(uval, uaddr))
		return -EFAULT;
	for (;;) {
		if (futex_cmpxchg_user(&cur, uaddr, uval, tid | FUTEX_WAITERS | FUTEX_OWNER_DIED))
			return -EFAULT;
		if (cur == uval)
			return 0;
		uval = cur;
	}
}

/* The new owner's side of an owner-died handoff it could not be given whole. */
int pi_fixup_owner_died(u32 __user *uaddr, const struct futex_key *key)
{
	struct futex_pi_state *ps = pi_state_find(key);

	if (ps && ps->owner == current)
		ps->owner_fixup = false;
	return pi_write_owner_died(uaddr, (u32)current->pid);
}

/*
 * Hands @ps to its top waiter: it owns the pi_state from now on and is
 * woken.  The caller has made the futex word say so, or (@owner_died)
 * the word is rewritten here when the new owner shares current's mm,
 * else by the new owner when it runs (pi_fixup_owner_died; until then
 * ->owner_fixup lets the word disagree).  An emptied pi_state goes.
 */
static void pi_handoff(struct futex_pi_state *ps, bool owner_died)
{
	struct futex_pi_waiter *w = top_waiter(ps);
	struct task_struct *old = ps->owner;

	list_del(&w->list);
	w->task->pi_blocked_on = NULL;
	w->pi_state = NULL;
	w->acquired = true;
	if (owner_died && w->task->mm && w->task->mm == current->mm &&
	    !pi_write_owner_died(w->uaddr, (u32)w->task->pid))
		owner_died = false;
	w->owner_died = owner_died;
	list_del_init(&ps->owner_node);
	if (list_empty(&ps->waiters)) {
		pi_state_free(ps);
	} else {
		ps->owner = w->task;
		ps->owner_fixup = owner_died;
		list_add(&ps->owner_node, &w->task->pi_state_list);
		pi_adjust_chain(w->task);
	}
	if (old)
		pi_adjust_chain(old);
	wake_up_process(w->task);
}

/*
 * Sleeps (futex_pi_mutex held on entry and exit, dropped while asleep)
 * until @w is handed the lock (0), @end passes (-ETIMEDOUT) or a signal
 * comes (-EINTR).  Leaves the waiters unless it got the lock.
 */
long pi_wait(struct futex_pi_waiter *w, u64 end) __must_hold(&futex_pi_mutex)
{
	long ret = 0;

	for (;;) {
		u64 now;

		if (w->acquired)
			break;
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		now = local_clock();
		if (end != FUTEX_NO_TIMEOUT && now >= end) {
			ret = -ETIMEDOUT;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		mutex_unlock(&futex_pi_mutex);
		if (end == FUTEX_NO_TIMEOUT) {
			schedule();
		} else {
			u64 ticks = DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ);

			schedule_timeout(ticks > LONG_MAX ? LONG_MAX : (long)ticks);
		}
		set_current_state(TASK_RUNNING);
		mutex_lock(&futex_pi_mutex);
	}
	set_current_state(TASK_RUNNING);
	if (w->acquired)
		return 0;
	pi_unblock(w);
	return ret;
}

/* The task whose TID is @tid, if it can own a PI futex (not exited). */
static struct task_struct *pi_owner_task(u32 tid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid((pid_t)tid);
	if (p && (p->pi_exited || p->exit_state))
		p = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/*
 * The pi_state a waiter for the futex at @uaddr (word @uval, owned by
 * someone else) blocks on: the existing one, checked against the word,
 * or a new one for the owner the word names, after setting
 * FUTEX_WAITERS.  -EAGAIN: the word changed, look again; -ESRCH: no such
 * owner; -EINVAL: the word contradicts the kernel's state; -ENOMEM.
 */
struct futex_pi_state *pi_attach(u32 __user *uaddr, u32 uval, const struct futex_key *key,
				 long *err)
{
	struct futex_pi_state *ps = pi_state_find(key);
	struct task_struct *owner;
	u32 tid = uval & FUTEX_TID_MASK, cur;

	if (ps) {
		/*
		 * The word names the pi_state's owner; or a dead owner's
		 * robust list cleared it (OWNER_DIED, TID 0) before its PI
		 * futexes were handed on; or that hand-off is done but the
		 * new owner has not written its TID yet (owner_fixup).
		 */
		bool dying = !tid && (uval & FUTEX_OWNER_DIED);

		if (ps->owner && !ps->owner_fixup && !dying && tid != (u32)ps->owner->pid) {
			*err = -EINVAL;
			return NULL;
		}
		if (!(uval & FUTEX_WAITERS)) {
			if (futex_cmpxchg_user(&cur, uaddr, uval, uval | FUTEX_WAITERS)) {
				*err = -EFAULT;
				return NULL;
			}
			if (cur != uval) {
				*err = -EAGAIN;
				return NULL;
			}
		}
		return ps;
	}
	if (!(uval & FUTEX_WAITERS)) {
		if (futex_cmpxchg_user(&cur, uaddr, uval, uval | FUTEX_WAITERS)) {
			*err = -EFAULT;
			return NULL;
		}
		if (cur != uval) {
			*err = -EAGAIN;
			return NULL;
		}
		uval |= FUTEX_WAITERS;
	}
	owner = pi_owner_task(tid);
	if (!owner) {
		/* Linux's handle_exit_race: a changed word is worth another look. */
		if (get_user(cur, uaddr))
			*err = -EFAULT;
		else
			*err = cur != uval ? -EAGAIN : -ESRCH;
		return NULL;
	}
	ps = pi_state_alloc(key, owner);
	if (!ps)
		*err = -ENOMEM;
	return ps;
}

/*
 * FUTEX_LOCK_PI/LOCK_PI2 (@trylock false) and FUTEX_TRYLOCK_PI: 0 with
 * the lock held (the word has our TID), -EDEADLK if we hold it already
 * or the chain of owners leads back to us, -EWOULDBLOCK for a trylock
 * of a held lock, -ETIMEDOUT, -ESRCH/-EINVAL for a word naming no live
 * owner or contradicting the kernel, -EFAULT, -ENOMEM; a signal restarts
 * the call (-ERESTARTNOINTR, as Linux).
 */
long futex_lock_pi(u32 __user *uaddr, bool shared, u64 end, bool trylock)
{
	struct futex_pi_waiter w = { .task = current, .uaddr = uaddr };
	struct futex_pi_state *ps;
	u32 tid = (u32)current->pid;
	long ret;

	ret = get_futex_key(uaddr, shared, &w.key);
	if (ret)
		return ret;
	mutex_lock(&futex_pi_mutex);
	for (;;) {
		u32 uval = 0, cur;

		if (get_user(uval, uaddr)) {
			ret = -EFAULT;
			goto out;
		}
		if ((uval & FUTEX_TID_MASK) == tid) {
			ret = -EDEADLK;
			goto out;
		}
		ps = pi_state_find(&w.key);
		if (!ps && !(uval & FUTEX_TID_MASK)) {
			/* Free (the owner died, or left FUTEX_WAITERS): take it, keep OWNER_DIED. */
			if (futex_cmpxchg_user(&cur, uaddr, uval, tid | (uval & FUTEX_OWNER_DIED))) {
				ret = -EFAULT;
				goto out;
			}
			if (cur != uval)
				continue;
			ret = 0;
			goto out;
		}
		ps = pi_attach(uaddr, uval, &w.key, &ret);
		if (ps)
			break;
		if (ret != -EAGAIN)
			goto out;
	}
	if (trylock || pi_would_deadlock(ps)) {
		ret = trylock ? -EWOULDBLOCK : -EDEADLK;
		if (list_empty(&ps->waiters))
			pi_state_free(ps);
		goto out;
	}
	pi_block(&w, ps);
	ret = pi_wait(&w, end);
	if (!ret && w.owner_died)
		ret = pi_fixup_owner_died(uaddr, &w.key);
	if (ret == -EINTR)
		ret = -ERESTARTNOINTR;
out:
	mutex_unlock(&futex_pi_mutex);
	put_futex_key(&w.key);
	return ret;
}

/*
 * FUTEX_UNLOCK_PI: the word must hold our TID (else -EPERM).  With
 * waiters the top one gets the lock (its TID and FUTEX_WAITERS in the
 * word) and is woken; without, the word becomes 0.  -EFAULT, or -EINVAL
 * when the word and the kernel disagree.
 */
long futex_unlock_pi(u32 __user *uaddr, bool shared)
{
	struct futex_key key;
	u32 tid = (u32)current->pid;
	long ret;

	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	mutex_lock(&futex_pi_mutex);
	for (;;) {
		struct futex_pi_state *ps;
		u32 uval = 0, cur, newval = 0;

		if (get_user(uval, uaddr)) {
			ret = -EFAULT;
			break;
		}
		if ((uval & FUTEX_TID_MASK) != tid) {
			ret = -EPERM;
			break;
		}
		ps = pi_state_find(&key);
		if (ps && ps->owner != current) {
			ret = -EINVAL;
			break;
		}
		if (ps)
			ps->owner_fixup = false;
		if (ps)
			newval = (u32)top_waiter(ps)->task->pid | FUTEX_WAITERS;
		if (futex_cmpxchg_user(&cur, uaddr, uval, newval)) {
			ret = -EFAULT;
			break;
		}
		if (cur != uval) {
			if ((cur & FUTEX_TID_MASK) == tid)
				continue;	/* FUTEX_WAITERS came meanwhile */
			ret = -EINVAL;
			break;
		}
		if (ps)
			pi_handoff(ps, false);
		ret = 0;
		break;
	}
	mutex_unlock(&futex_pi_mutex);
	put_futex_key(&key);
	return ret;
}

/*
 * @p is exiting or execing: each PI futex it still owns with waiters goes
 * to its top waiter, which marks it FUTEX_OWNER_DIED in its own context
 * (the word may be in another process).  The robust list walk before
 * this already marked the words on it.  After an exit, @p can no longer
 * be named an owner (ESRCH).
 */
void exit_pi_state_list(struct task_struct *p)
{
	mutex_lock(&futex_pi_mutex);
	while (!list_empty(&p->pi_state_list)) {
		struct futex_pi_state *ps = list_first_entry(&p->pi_state_list,
							     struct futex_pi_state, owner_node);

		ps->owner = NULL;
		pi_handoff(ps, true);
	}
	if (p->flags & PF_EXITING)
		p->pi_exited = true;
	mutex_unlock(&futex_pi_mutex);
	if (p->pi_prio)
		sched_set_pi_prio(p, 0);
}
