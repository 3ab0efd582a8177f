/*
 * Futexes inside the kernel (kernel/futex/).  A waiter is a futex_q on
 * the stack of the sleeping task, hashed by its key:
 *
 *   private key  (mm, user address): FUTEX_PRIVATE_FLAG, or a shared
 *                operation on memory that is not a shared mapping
 *                (private anonymous or a private file mapping; after
 *                fork each mm has its own COW copy, so its own key).
 *   shared key   (inode, page index in the file, offset in the page):
 *                a MAP_SHARED file, tmpfs or shmem mapping -- shared
 *                anonymous memory and System V shm are shmem files --
 *                so every mapping of the page, in any process, at any
 *                address, finds the same waiters.  The key holds an
 *                inode reference (i_count) while it is in use.
 *
 * Locking: futex_lock (a spinlock, never held across a user access or
 * a sleep) covers every hash chain and every queued futex_q's list,
 * key and woken fields.  A waker takes a q off its chain and sets
 * ->woken under the lock, then wakes the task; the waiter only ever
 * looks at ->woken, and leaves the chain itself (futex_unqueue) in all
 * other cases (timeout, signal, kill), so no waiter outlives its entry.
 */
#ifndef _KERNEL_FUTEX_FUTEX_H
#define _KERNEL_FUTEX_FUTEX_H

#include <linux-ish/list.h>
#include <linux-ish/types.h>
#include <linux-ish/compiler.h>
#include <linux-ish/spinlock.h>

struct task_struct;

struct futex_key {
	void *ptr;			/* the mm (private) or inode (shared): identity only */
	unsigned long word;		/* private: the address; shared: page index */
	unsigned int offset;		/* shared: offset in the page */
	bool shared;			/* holds a reference on the inode */
};

struct futex_pi_waiter;

struct futex_q {
	struct list_head list;		/* on its hash chain while queued */
	struct futex_key key;
	u32 bitset;
	struct task_struct *task;
	bool woken;			/* a waker took it off the chain */
	struct futex_pi_waiter *rq_pi;	/* FUTEX_WAIT_REQUEUE_PI: where it goes */
};

/*
 * PI futexes (pi.c, requeue_pi.c; under futex_pi_mutex).  A pi_state
 * exists while a PI futex has waiters in the kernel.
 */
struct futex_pi_state {
	struct list_head node;		/* on pi_states */
	struct list_head owner_node;	/* on owner->pi_state_list */
	struct list_head waiters;	/* futex_pi_waiter, highest prio first */
	struct task_struct *owner;
	bool owner_fixup;		/* handed over from a dead owner: the word
					 * names the new owner once it has run */
	struct futex_key key;		/* holds its own inode reference */
};

/* A task waiting for (or requeued to) a PI futex: on its stack. */
struct futex_pi_waiter {
	struct list_head list;		/* on pi_state->waiters while blocked */
	struct task_struct *task;
	struct futex_pi_state *pi_state;	/* blocked on; NULL otherwise */
	struct futex_key key;		/* the PI futex */
	u32 __user *uaddr;		/* its word, in task's mm */
	bool acquired;			/* handed the lock */
	bool owner_died;		/* ... by a dead owner: fix the word up */
};

/* Timeouts are absolute local_clock() nanoseconds; FUTEX_NO_TIMEOUT waits forever. */
#define FUTEX_NO_TIMEOUT	(~0ULL)

/* core.c */
int get_futex_key(u32 __user *uaddr, bool shared, struct futex_key *key);
void put_futex_key(struct futex_key *key);
long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 end, u32 bitset);
/* Sleeps until @q is woken, @end passes or a signal comes (core.c). */
long futex_sleep(struct futex_q *q, u64 end);
long futex_wake(u32 __user *uaddr, bool shared, int nr_wake, u32 bitset);
long futex_requeue(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, const u32 *cmpval);
long futex_wake_op(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
		   int nr_wake, int nr_wake2, u32 encoded_op);
/* Queues @q on its key's chain; futex_unqueue() takes it off unless a waker did (true). */
void futex_queue(struct futex_q *q);
bool futex_unqueue(struct futex_q *q);
/* Wakes up to @nr_wake waiters on @key whose bitset meets @bitset. */
int futex_wake_key(const struct futex_key *key, int nr_wake, u32 bitset);

/* pi.c */
extern struct mutex futex_pi_mutex;
struct futex_pi_state *pi_state_find(const struct futex_key *key);
struct futex_pi_state *pi_attach(u32 __user *uaddr, u32 uval, const struct futex_key *key,
				 long *err);
void pi_block(struct futex_pi_waiter *w, struct futex_pi_state *ps);
long pi_wait(struct futex_pi_waiter *w, u64 end);
int pi_fixup_owner_died(u32 __user *uaddr, const struct futex_key *key);
long futex_lock_pi(u32 __user *uaddr, bool shared, u64 end, bool trylock);
long futex_unlock_pi(u32 __user *uaddr, bool shared);
/* requeue_pi.c */
long futex_wait_requeue_pi(u32 __user *uaddr, bool shared, u32 val, u64 end,
			   u32 __user *uaddr2);
long futex_cmp_requeue_pi(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, u32 cmpval);
/* core.c, for requeue_pi.c: futex_lock */
extern spinlock_t futex_lock;
struct list_head *futex_chain(const struct futex_key *key);
bool futex_match(const struct futex_key *a, const struct futex_key *b);

/* syscalls.c: @cmd's (@op's clock) timeout as a local_clock() deadline.  0 or -EINVAL. */
int futex_deadline(int cmd, int op, s64 sec, s64 nsec, u64 *end);

#endif
