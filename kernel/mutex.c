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

/* The mutex was not free: ours already (a bug), or someone else's (wait). */
static noinline void mutex_lock_slow(struct mutex *m)
{
	if (READ_ONCE(m->owner) == current) {
		printk(KERN_EMERG "BUG: mutex %p taken twice by %s/%d\n", m,
		       current->comm, current->pid);
		BUG();
	}
	wait_event(m->wait, __mutex_trylock(m));
}

/*
 * The free case is one cmpxchg and no stack frame (the page-fault path
 * takes mmap_lock for every fault); a mutex we hold already is not free,
 * so the slow path still reports taking it twice.
 */
void mutex_lock(struct mutex *m) __acquires(m)
{
	if (unlikely(!__mutex_trylock(m)))
		mutex_lock_slow(m);
	__acquire(m);
}

static noinline void mutex_unlock_bug(void)
{
	BUG();
}

void mutex_unlock(struct mutex *m) __releases(m)
{
	if (unlikely(READ_ONCE(m->owner) != current))
		mutex_unlock_bug();
	WRITE_ONCE(m->owner, NULL);
	__release(m);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}

bool mutex_is_locked(const struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}
