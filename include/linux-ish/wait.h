/*
 * Wait queues: a task sleeps on a wait_queue_head until a condition holds.
 *
 *	wait_event(wq, cond);		sleeps (uninterruptibly) until cond
 *	wake_up(&wq);			wakes every sleeper; each rechecks cond
 *
 * The sleeper sets its state before testing the condition and the waker
 * changes the condition before waking, so a wake-up between the test and
 * schedule() is never lost: schedule() with state TASK_RUNNING returns.
 * wq->lock (IRQ-safe) covers the list; wake_up() may run in IRQ context.
 */
#ifndef _LINUX_ISH_WAIT_H
#define _LINUX_ISH_WAIT_H

#include <linux-ish/list.h>
#include <linux-ish/spinlock.h>

struct task_struct;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};

/*
 * A waiter: a task to wake, or (task NULL) a callback that wake_up()
 * runs under wq->lock with interrupts off, so it must not sleep (epoll's
 * entries on the files it watches: fs/eventpoll.c).
 */
struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
	void (*func)(struct wait_queue_entry *w);	/* only when task is NULL */
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ __SPIN_LOCK_UNLOCKED(name.lock), LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);
static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);	/* inline: every mutex_unlock asks */
}

#define ___wait_event(wq, cond, state, extra)				\
do {									\
	struct wait_queue_entry __w = { .task = NULL };			\
	for (;;) {							\
		prepare_to_wait(&(wq), &__w, state);			\
		if (cond)						\
			break;						\
		extra;							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__w);					\
} while (0)

#define wait_event(wq, cond)						\
	___wait_event(wq, cond, TASK_UNINTERRUPTIBLE, )

/*
 * Like wait_event(), but SIGKILL ends the wait (0 or -EINTR); other
 * signals wake the sleeper, which goes back to sleep.  Needs sched.h.
 */
#define wait_event_killable(wq, cond) ({				\
	int __ret = 0;							\
	___wait_event(wq, cond, TASK_INTERRUPTIBLE,			\
		      if (fatal_signal_pending(current)) {		\
			      __ret = -EINTR;				\
			      break;					\
		      });						\
	__ret;								\
})

#include <linux-ish/errno.h>

/* Like wait_event(), but a pending signal ends the wait: 0 or -ERESTARTSYS. */
#define wait_event_interruptible(wq, cond) ({				\
	int __ret = 0;							\
	___wait_event(wq, cond, TASK_INTERRUPTIBLE,			\
		      if (signal_pending(current)) {			\
			      __ret = -ERESTARTSYS;			\
			      break;					\
		      });						\
	__ret;								\
})

#endif
