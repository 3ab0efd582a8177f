/*
 * A sleeping lock.  The owner may sleep (and fault) while holding it;
 * waiters sleep on a wait queue.  Taking a mutex you already hold is a
 * bug and is reported instead of deadlocking.  Not for IRQ context.
 */
#ifndef _LINUX_ISH_MUTEX_H
#define _LINUX_ISH_MUTEX_H

#include <linux-ish/wait.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;	/* NULL when free; set with cmpxchg */
	struct wait_queue_head wait;
};

#define __MUTEX_INITIALIZER(name) \
	{ NULL, __WAIT_QUEUE_HEAD_INITIALIZER(name.wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m) __acquires(m);
void mutex_unlock(struct mutex *m) __releases(m);
bool mutex_is_locked(const struct mutex *m);
/* Takes @m if it is free, never waiting: true if taken. */
bool __mutex_trylock(struct mutex *m);
#define mutex_trylock(m)	__cond_lock(m, __mutex_trylock(m))

#endif
