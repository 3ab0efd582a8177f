/* Sleeping locks (see linux-ish/mutex.h). */
#include <linux-ish/kernel.h>
#include <linux-ish/mutex.h>
#include <linux-ish/sched.h>
#include <asm/atomic.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
}

bool __mutex_trylock(struct mutex *m)
{
	return atomic_cmpxchg((atomic_t *)&m->owner, 0, (int)(unsigned long)current) == 0;
}

void mutex_lock(struct mutex *m) __acquires(m)
{
	if (unlikely(READ_ONCE(m->owner) == current)) {
		printk(KERN_EMERG "BUG: mutex %p taken twice by %s/%d\n", m,
		       current->comm, current->pid);
		BUG();
	}
	if (!__mutex_trylock(m))
		wait_event(m->wait, __mutex_trylock(m));
	__acquire(m);
}

void mutex_unlock(struct mutex *m) __releases(m)
{
	BUG_ON(READ_ONCE(m->owner) != current);
	WRITE_ONCE(m->owner, NULL);
	__release(m);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}

bool mutex_is_locked(const struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
