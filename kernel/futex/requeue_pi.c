/*
 * FUTEX_WAIT_REQUEUE_PI and FUTEX_CMP_REQUEUE_PI: a condition variable
 * whose waiters come back holding a PI mutex (glibc's PI condvars).
 *
 * The waiter queues a futex_q on uaddr (a plain futex) whose ->rq_pi
 * says which PI futex it expects (uaddr2).  CMP_REQUEUE_PI takes the
 * waiters off uaddr's chain under futex_lock (->woken set, no wake yet)
 * while holding futex_pi_mutex, and settles each one before dropping
 * it: the first gets uaddr2 at once if it is free (acquired, woken);
 * the others, and the first if the lock is held, are blocked on
 * uaddr2's pi_state exactly as FUTEX_LOCK_PI waiters.  A waiter that
 * finds itself taken off the chain takes futex_pi_mutex and so sees the
 * settled state.  If the requeue fails after taking the first waiter,
 * that waiter goes back on the chain unwoken.
 *
 * Plain FUTEX_WAKE/REQUEUE/CMP_REQUEUE meeting such a waiter, and
 * CMP_REQUEUE_PI meeting a plain waiter or one expecting another PI
 * futex, are EINVAL (kernel/futex/core.c), as Linux.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mutex.h>
#include <linux-ish/sched.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <asm/futex.h>
#include <uapi/linux-ish/futex.h>
#include "futex.h"

/*
 * FUTEX_WAIT_REQUEUE_PI: waits on @uaddr (while it holds @val) to be
 * requeued to the PI futex @uaddr2; returns 0 holding it.  Before the
 * requeue: -EAGAIN (value), -ETIMEDOUT, a signal restarts the call
 * (-ERESTARTNOINTR).  After it: -ETIMEDOUT, and a signal is
 * -EWOULDBLOCK (Linux: restarting would only see the changed value).
 */
long futex_wait_requeue_pi(u32 __user *uaddr, bool shared, u32 val, u64 end,
			   u32 __user *uaddr2)
{
	struct futex_pi_waiter w = { .task = current, .uaddr = uaddr2 };
	struct futex_q q = { .bitset = FUTEX_BITSET_MATCH_ANY, .task = current, .rq_pi = &w };
	long ret;
	u32 uval;

	if (uaddr == uaddr2)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &w.key);
	if (ret)
		goto out_key1;
	if (futex_match(&q.key, &w.key)) {
		ret = -EINVAL;
		goto out;
	}
	futex_queue(&q);
	if (get_user(uval, uaddr))
		ret = -EFAULT;
	else if (uval != val)
		ret = -EAGAIN;
	for (;;) {
		if (!ret)
			ret = futex_sleep(&q, end);
		if (!futex_unqueue(&q)) {
			if (ret == -ERESTARTSYS)
				ret = -ERESTARTNOINTR;
			goto out;
		}
		/* Taken off the chain by a requeue: settled once we get the mutex. */
		mutex_lock(&futex_pi_mutex);
		if (w.acquired || w.pi_state)
			break;
		mutex_unlock(&futex_pi_mutex);	/* put back on the chain: wait on */
		ret = 0;
	}
	ret = w.acquired ? 0 : pi_wait(&w, end);
	if (!ret && w.owner_died)
		ret = pi_fixup_owner_died(uaddr2, &w.key);
	if (ret == -EINTR)
		ret = -EWOULDBLOCK;
	mutex_unlock(&futex_pi_mutex);
out:
	put_futex_key(&w.key);
out_key1:
	put_futex_key(&q.key);
	return ret;
}

/*
 * Takes the first waiter on @k1 off its chain (woken, not woken up):
 * NULL if there is none, ERR_PTR(-EINVAL) if it is not a requeue_pi
 * waiter for @k2.  futex_pi_mutex held.
 */
static struct futex_q *rq_take(const struct futex_key *k1, const struct futex_key *k2)
{
	struct futex_q *q, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&futex_lock, flags);
	list_for_each_entry(q, futex_chain(k1), list) {
		if (!futex_match(&q->key, k1))
			continue;
		if (!q->rq_pi || !futex_match(&q->rq_pi->key, k2)) {
			found = ERR_PTR(-EINVAL);
			break;
		}
		list_del_init(&q->list);
		WRITE_ONCE(q->woken, true);
		found = q;
		break;
	}
	spin_unlock_irqrestore(&futex_lock, flags);
	return found;
}

/* An unsettled waiter goes back to waiting on its chain. */
static void rq_put_back(struct futex_q *q)
{
	unsigned long flags;

	spin_lock_irqsave(&futex_lock, flags);
	WRITE_ONCE(q->woken, false);
	list_add(&q->list, futex_chain(&q->key));
	spin_unlock_irqrestore(&futex_lock, flags);
}

/*
 * The first waiter @q: takes @uaddr2 for it if free (1: acquired and
 * woken; FUTEX_WAITERS set with it when @set_waiters, that is when more
 * waiters may be requeued), else blocks it on the pi_state (0, *@ps
 * set).  -errno: it is put back.
 */
static long rq_first(struct futex_q *q, u32 __user *uaddr2, const struct futex_key *k2,
		     bool set_waiters, struct futex_pi_state **ps)
{
	struct futex_pi_waiter *w = q->rq_pi;
	u32 tid = (u32)q->task->pid;
	long err;

	for (;;) {
		u32 uval = 0, cur;

		if (get_user(uval, uaddr2)) {
			err = -EFAULT;
			break;
		}
		if ((uval & FUTEX_TID_MASK) == tid) {
			err = -EDEADLK;
			break;
		}
		*ps = pi_state_find(k2);
		if (!*ps && !(uval & FUTEX_TID_MASK)) {
			/* Free: the waiter takes it; FUTEX_WAITERS if more may follow (Linux). */
			u32 newval = tid | (uval & FUTEX_OWNER_DIED) | (set_waiters ? FUTEX_WAITERS : 0);

			if (futex_cmpxchg_user(&cur, uaddr2, uval, newval)) {
				err = -EFAULT;
				break;
			}
			if (cur != uval)
				continue;
			w->acquired = true;
			wake_up_process(q->task);
			return 1;
		}
		*ps = pi_attach(uaddr2, uval, k2, &err);
		if (*ps) {
			pi_block(w, *ps);
			return 0;
		}
		if (err != -EAGAIN)
			break;
	}
	rq_put_back(q);
	return err;
}

/*
 * FUTEX_CMP_REQUEUE_PI: if *@uaddr1 == @cmpval, the first waiter gets
 * @uaddr2 or is requeued to it, then up to @nr_requeue more are
 * requeued.  Returns how many were woken or requeued.  EINVAL: @nr_wake
 * other than 1, a negative count, the same futex twice, a waiter that
 * did not come through FUTEX_WAIT_REQUEUE_PI for @uaddr2; EAGAIN: the
 * value differs.
 */
long futex_cmp_requeue_pi(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, u32 cmpval)
{
	struct futex_pi_state *ps = NULL;
	struct futex_key k1, k2 = { NULL };
	struct futex_q *q;
	long ret, count = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if (uaddr1 == uaddr2 || nr_wake != 1)
		return -EINVAL;
	ret = get_futex_key(uaddr1, shared, &k1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		goto out;
	if (futex_match(&k1, &k2)) {
		ret = -EINVAL;
		goto out;
	}
	mutex_lock(&futex_pi_mutex);
	ret = get_user(cur, uaddr1);
	if (!ret && cur != cmpval)
		ret = -EAGAIN;
	if (ret)
		goto out_unlock;
	q = rq_take(&k1, &k2);
	if (!q || IS_ERR(q)) {
		ret = q ? PTR_ERR(q) : 0;
		goto out_unlock;
	}
	ret = rq_first(q, uaddr2, &k2, nr_requeue != 0, &ps);
	if (ret < 0)
		goto out_unlock;
	/* As Linux: nr_wake (1) plus nr_requeue, the first counted either way. */
	for (count = 1; count - 1 < nr_requeue; count++) {
		q = rq_take(&k1, &k2);
		if (!q)
			break;
		if (IS_ERR(q)) {
			ret = PTR_ERR(q);
			goto out_unlock;
		}
		if (!ps) {
			/* The first waiter took the lock: the others wait for it. */
			u32 uval2 = 0;

			if (get_user(uval2, uaddr2))
				ret = -EFAULT;
			else
				ps = pi_attach(uaddr2, uval2, &k2, &ret);
			if (!ps) {
				rq_put_back(q);
				goto out_unlock;
			}
		}
		pi_block(q->rq_pi, ps);
	}
	ret = count;
out_unlock:
	mutex_unlock(&futex_pi_mutex);
out:
	put_futex_key(&k2);
	put_futex_key(&k1);
	return ret;
}
