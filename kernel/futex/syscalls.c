/*
 * futex(2) and futex_time64: argument decoding, timeouts, FUTEX_WAKE_OP
 * and the restart of an interrupted wait.
 *
 * Timeouts: FUTEX_WAIT's is relative, on CLOCK_MONOTONIC; FUTEX_WAIT_BITSET's
 * is absolute, on CLOCK_MONOTONIC or (FUTEX_CLOCK_REALTIME) CLOCK_REALTIME.
 * Each becomes an absolute local_clock() deadline before waiting.  A wait
 * interrupted by a signal returns -ERESTARTSYS without a timeout (a
 * handler without SA_RESTART sees EINTR, otherwise the call restarts) and
 * -ERESTART_RESTARTBLOCK with one, as Linux: a handler sees EINTR, no
 * handler restarts it through restart_syscall with the same deadline.
 *
 * FUTEX_LOCK_PI's timeout is absolute CLOCK_REALTIME, LOCK_PI2's and
 * WAIT_REQUEUE_PI's absolute CLOCK_MONOTONIC unless FUTEX_CLOCK_REALTIME.
 * The PI operations are in kernel/futex/pi.c and requeue_pi.c; FUTEX_FD
 * (gone since Linux 2.6.26) is -ENOSYS.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/timespec.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <asm/futex.h>
#include <uapi/linux-ish/futex.h>
#include <uapi/linux-ish/time.h>
#include <linux-ish/futex.h>
#include "futex.h"

/* The commands that take a timeout (the others read utime as a count). */
static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* The local_clock() deadline of @sec.@nsec for @cmd.  0 or -EINVAL. */
int futex_deadline(int cmd, int op, s64 sec, s64 nsec, u64 *end)
{
	u64 ns, base;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)sec >= (~0ULL >> 2) / NSEC_PER_SEC) {
		*end = FUTEX_NO_TIMEOUT;
		return 0;
	}
	ns = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	base = local_clock();
	if (cmd == FUTEX_WAIT) {
		*end = base + ns;
	} else if ((op & FUTEX_CLOCK_REALTIME) || cmd == FUTEX_LOCK_PI) {
		/* FUTEX_LOCK_PI's absolute timeout is always CLOCK_REALTIME. */
		/* The wall clock only runs with local_clock(): settimeofday does not exist. */
		u64 real = ktime_get_real_ns();

		*end = ns > real ? base + (ns - real) : base;
	} else {
		*end = ns;		/* CLOCK_MONOTONIC is local_clock() */
	}
	return 0;
}

static long futex_wait_restart(struct restart_block *rb);

/* A wait, made restartable when it has a deadline (Linux's futex_wait_restart). */
static long futex_wait_restartable(u32 __user *uaddr, bool shared, u32 val, u64 end,
				   u32 bitset)
{
	struct restart_block *rb = &current->restart_block;
	long ret = futex_wait(uaddr, shared, val, end, bitset);

	if (ret != -ERESTARTSYS || end == FUTEX_NO_TIMEOUT)
		return ret;
	rb->fn = futex_wait_restart;
	rb->futex.uaddr = uaddr;
	rb->futex.val = val;
	rb->futex.bitset = bitset;
	rb->futex.shared = shared;
	rb->futex.end = end;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait_restart(struct restart_block *rb)
{
	return futex_wait_restartable(rb->futex.uaddr, rb->futex.shared, rb->futex.val,
				      rb->futex.end, rb->futex.bitset);
}

static s32 sign_extend12(u32 v)
{
	return (s32)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP's comparison of the old value; -ENOSYS for an unknown one. */
static int futex_op_cmp(unsigned int cmp, s32 old, s32 cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return old == cmparg;
	case FUTEX_OP_CMP_NE: return old != cmparg;
	case FUTEX_OP_CMP_LT: return old < cmparg;
	case FUTEX_OP_CMP_LE: return old <= cmparg;
	case FUTEX_OP_CMP_GT: return old > cmparg;
	case FUTEX_OP_CMP_GE: return old >= cmparg;
	default: return -ENOSYS;
	}
}

/* The new value FUTEX_WAKE_OP's @op makes of @old; false for an unknown op. */
static bool futex_op_apply(unsigned int op, u32 old, u32 oparg, u32 *new)
{
	switch (op) {
	case FUTEX_OP_SET: *new = oparg; return true;
	case FUTEX_OP_ADD: *new = old + oparg; return true;
	case FUTEX_OP_OR: *new = old | oparg; return true;
	case FUTEX_OP_ANDN: *new = old & ~oparg; return true;
	case FUTEX_OP_XOR: *new = old ^ oparg; return true;
	default: return false;
	}
}

/*
 * Applies @encoded's operation to *@uaddr atomically and compares the
 * old value: 1 or 0, or -EFAULT/-ENOSYS.
 */
static int futex_atomic_op(u32 encoded, u32 __user *uaddr)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	s32 oparg = sign_extend12(encoded >> 12), cmparg = sign_extend12(encoded);
	u32 old, cur = 0, new;

	if (encoded & ((u32)FUTEX_OP_OPARG_SHIFT << 28))
		oparg = 1U << (oparg & 31);	/* Linux masks a shift out of 0..31 */
	if (get_user(cur, uaddr))
		return -EFAULT;
	do {
		old = cur;
		if (!futex_op_apply(op, old, oparg, &new))
			return -ENOSYS;
		if (futex_cmpxchg_user(&cur, uaddr, old, new))
			return -EFAULT;
	} while (cur != old);
	return futex_op_cmp(cmp, old, cmparg);
}

long futex_wake_op(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 encoded_op)
{
	struct futex_key k1, k2 = { NULL };
	long ret;
	int cmp;

	ret = get_futex_key(uaddr1, shared, &k1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		goto out;
	cmp = futex_atomic_op(encoded_op, uaddr2);
	if (cmp < 0) {
		ret = cmp;
		goto out;
	}
	ret = futex_wake_key(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (cmp && ret >= 0) {
		int ret2 = futex_wake_key(&k2, nr_wake2, FUTEX_BITSET_MATCH_ANY);

		ret = ret2 < 0 ? ret2 : ret + ret2;
	}
out:
	put_futex_key(&k2);
	put_futex_key(&k1);
	return ret;
}

/* The operation with its timeout already turned into @end. */
static long do_futex(u32 __user *uaddr, int op, u32 val, u64 end, u32 __user *uaddr2,
		     u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		return futex_wait_restartable(uaddr, shared, val, end, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, shared, uaddr2, (int)val, (int)val2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, shared, uaddr2, (int)val, (int)val2, val3);
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		return futex_lock_pi(uaddr, shared, end, false);
	case FUTEX_TRYLOCK_PI:
		return futex_lock_pi(uaddr, shared, FUTEX_NO_TIMEOUT, true);
	case FUTEX_UNLOCK_PI:
		return futex_unlock_pi(uaddr, shared);
	case FUTEX_WAIT_REQUEUE_PI:
		return futex_wait_requeue_pi(uaddr, shared, val, end, uaddr2);
	case FUTEX_CMP_REQUEUE_PI:
		return futex_cmp_requeue_pi(uaddr, shared, uaddr2, (int)val, (int)val2, val3);
	default:			/* FUTEX_FD (gone since 2.6.26), unknown */
		return -ENOSYS;
	}
}

/* @utime is a timeout for the waits, else val2 (a count); @time32: its layout. */
static long futex_call(u32 __user *uaddr, int op, u32 val, const void __user *utime,
		       bool time32, u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	u64 end = FUTEX_NO_TIMEOUT;

	if (utime && futex_cmd_has_timeout(cmd)) {
		struct timespec64 ts;
		int err = get_user_timespec(&ts, utime, time32);

		if (!err)
			err = futex_deadline(cmd, op, ts.tv_sec, ts.tv_nsec, &end);
		if (err)
			return err;
	}
	return do_futex(uaddr, op, val, end, uaddr2, (u32)(__force unsigned long)utime, val3);
}

SYSCALL_DEFINE6(futex_time64, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	return futex_call(uaddr, op, val, utime, false, uaddr2, val3);
}

/* Number 240: the same with a 32-bit struct timespec. */
SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct old_timespec32 __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	return futex_call(uaddr, op, val, utime, true, uaddr2, val3);
}

/*
 * The task's CLONE_CHILD_CLEARTID word at exit (kernel/exit.c): Linux
 * clears it and wakes one waiter, which is how pthread_join (and the
 * threads issue) learns of the exit.
 */
void futex_exit_clear_tid(u32 __user *tidptr)
{
	if (put_user(0U, tidptr))
		return;
	futex_wake(tidptr, true, 1, FUTEX_BITSET_MATCH_ANY);
}
