/*
 * futex_waitv(2): wait on up to FUTEX_WAITV_MAX 32-bit futexes at once,
 * as Linux 6.1.  Every key is taken first (an unaligned address is
 * EINVAL before any value is looked at); then each waiter is queued and
 * its word compared with the low 32 bits of val, in order: the first
 * mismatch is EAGAIN and a word that cannot be read EFAULT, unless a
 * waiter queued before it was woken meanwhile.  The answer is the index
 * of a woken waiter (the highest, if several were), -ETIMEDOUT once the
 * absolute timeout on CLOCK_MONOTONIC or CLOCK_REALTIME passes, or
 * -ERESTARTSYS for a signal (the restart keeps the same deadline, since
 * it is absolute).  A waiter is woken by FUTEX_WAKE on its word like any
 * other (the futex_q rules in futex.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/futex.h>
#include <uapi/linux-ish/time.h>
#include "futex.h"

#define FUTEXV_WAITER_MASK	(FUTEX_32 | FUTEX_PRIVATE_FLAG)

struct futex_vector {
	u32 __user *uaddr;
	u32 val;
	bool shared;
	bool keyed;			/* q.key holds what put_futex_key() drops */
	struct futex_q q;
};

/* Reads and checks the user's array.  0, -EFAULT or -EINVAL. */
static int futex_parse_waitv(struct futex_vector *v, const struct futex_waitv __user *uw,
			     unsigned int n)
{
	struct futex_waitv w;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (copy_from_user(&w, &uw[i], sizeof(w)))
			return -EFAULT;
		if ((w.flags & ~FUTEXV_WAITER_MASK) || w.__reserved || !(w.flags & FUTEX_32))
			return -EINVAL;
		v[i].uaddr = (u32 __user *)(unsigned long)w.uaddr;
		v[i].val = (u32)w.val;
		v[i].shared = !(w.flags & FUTEX_PRIVATE_FLAG);
		v[i].q.task = current;
		v[i].q.bitset = FUTEX_BITSET_MATCH_ANY;
	}
	return 0;
}

static void futex_put_keys(struct futex_vector *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (v[i].keyed)
			put_futex_key(&v[i].q.key);
}

static int futex_get_keys(struct futex_vector *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		int err = get_futex_key(v[i].uaddr, v[i].shared, &v[i].q.key);

		if (err)
			return err;
		v[i].keyed = true;
	}
	return 0;
}

/* Takes the first @n waiters off their chains: the highest woken index, or -1. */
static int futex_unqueue_multiple(struct futex_vector *v, unsigned int n)
{
	int woken = -1;
	unsigned int i;

	for (i = 0; i < n; i++)
		if (futex_unqueue(&v[i].q))
			woken = (int)i;
	return woken;
}

/*
 * Queues every waiter whose word still holds its value.  0 with all of
 * them queued, else (all unqueued) a woken index, -EAGAIN or -EFAULT.
 */
static int futex_queue_multiple(struct futex_vector *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u32 uval = 0;
		int err, woken;

		futex_queue(&v[i].q);
		err = get_user(uval, v[i].uaddr);
		if (!err && uval == v[i].val)
			continue;
		woken = futex_unqueue_multiple(v, i + 1);
		if (woken >= 0)
			return woken;
		return err ? -EFAULT : -EAGAIN;
	}
	return 0;
}

static bool futex_any_woken(const struct futex_vector *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (READ_ONCE(v[i].q.woken))
			return true;
	return false;
}

/* Sleeps until a waiter is woken (0), @end passes (-ETIMEDOUT) or a signal (-ERESTARTSYS). */
static long futex_sleep_multiple(struct futex_vector *v, unsigned int n, u64 end)
{
	long ret = 0;

	for (;;) {
		u64 now, ticks;

		set_current_state(TASK_INTERRUPTIBLE);
		if (futex_any_woken(v, n))
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (end == FUTEX_NO_TIMEOUT) {
			schedule();
			continue;
		}
		now = local_clock();
		if (now >= end) {
			ret = -ETIMEDOUT;
			break;
		}
		ticks = DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ);
		schedule_timeout(ticks > LONG_MAX ? LONG_MAX : (long)ticks);
	}
	set_current_state(TASK_RUNNING);
	return ret;
}

static long futex_wait_multiple(struct futex_vector *v, unsigned int n, u64 end)
{
	long ret = futex_get_keys(v, n);
	int woken;

	if (!ret)
		ret = futex_queue_multiple(v, n);
	if (ret)
		goto out_put_keys;
	ret = futex_sleep_multiple(v, n, end);
	woken = futex_unqueue_multiple(v, n);
	if (woken >= 0)
		ret = woken;
out_put_keys:
	futex_put_keys(v, n);
	return ret;
}

/* The absolute deadline of the user's timeout on @clockid.  0 or -errno. */
static int futex_waitv_deadline(const struct __kernel_timespec __user *timeout,
				clockid_t clockid, u64 *end)
{
	struct timespec64 ts;

	*end = FUTEX_NO_TIMEOUT;
	if (!timeout)
		return 0;
	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
		return -EINVAL;
	if (get_user_timespec(&ts, timeout, false))
		return -EFAULT;
	return futex_deadline(FUTEX_WAIT_BITSET,
			      clockid == CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0,
			      ts.tv_sec, ts.tv_nsec, end);
}

SYSCALL_DEFINE5(futex_waitv, struct futex_waitv __user *, waiters, unsigned int, nr_futexes,
		unsigned int, flags, struct __kernel_timespec __user *, timeout,
		clockid_t, clockid)
{
	struct futex_vector *v;
	u64 end;
	long ret;

	BUILD_BUG_ON(sizeof(struct futex_waitv) != 24);
	if (flags || !nr_futexes || nr_futexes > FUTEX_WAITV_MAX || !waiters)
		return -EINVAL;
	ret = futex_waitv_deadline(timeout, clockid, &end);
	if (ret)
		return ret;
	v = kzalloc(nr_futexes * sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	ret = futex_parse_waitv(v, waiters, nr_futexes);
	if (!ret)
		ret = futex_wait_multiple(v, nr_futexes, end);
	kfree(v);
	return ret;
}
