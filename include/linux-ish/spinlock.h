/*
 * Spinlocks.  Linnet runs on one CPU today, but locks are real (an atomic
 * exchange), so the code is already written for SMP.  Locks taken from
 * interrupt handlers must be taken with the _irqsave variants everywhere.
 *
 * Debugging: on one CPU a lock found held when we try to take it can only
 * be recursion (or a lock taken in IRQ context without irqsave), which
 * would spin forever; spin_lock() reports it with a backtrace instead.
 */
#ifndef _LINUX_ISH_SPINLOCK_H
#define _LINUX_ISH_SPINLOCK_H

#include <linux-ish/compiler.h>
#include <asm/atomic.h>
#include <asm/irqflags.h>

typedef struct {
	volatile unsigned long locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)	{ 0, #n }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
	lock->name = "dynamic";
}

__noreturn void spin_bug(spinlock_t *lock, const char *msg);

/*
 * Spinlocks held right now, all tasks together (kernel/panic.c): Linux's
 * preempt_count idea on one CPU without kernel preemption.  A lock
 * taken by one task and released by the next (the scheduler's rq.lock
 * across a switch) still balances.  Nonzero: no sleeping, so the page
 * allocator does not reclaim with sleeps (Documentation/mm/reclaim.md).
 */
extern unsigned int spin_depth;

static inline void spin_lock(spinlock_t *lock) __acquires(lock)
{
	if (unlikely(xchg_ulong(&lock->locked, 1)))
		spin_bug(lock, "recursion");	/* one CPU: nobody will release it */
	spin_depth++;
	barrier();
	__acquire(lock);
}

static inline void spin_unlock(spinlock_t *lock) __releases(lock)
{
	barrier();
	WRITE_ONCE(lock->locked, 0);
	spin_depth--;
	__release(lock);
}

static inline bool spin_is_locked(const spinlock_t *lock)
{
	return READ_ONCE(lock->locked) != 0;
}

#define spin_lock_irqsave(lock, flags)					\
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags)				\
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)

#endif
