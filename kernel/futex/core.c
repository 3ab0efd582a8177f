/*
 * Futex keys, the hash of waiters, and the wait/wake/requeue operations
 * (the rules are in kernel/futex/futex.h; the system call in
 * kernel/futex/syscalls.c; Documentation/userspace-api/ipc.md).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include "futex.h"

#define FUTEX_HASH_BITS	8
#define FUTEX_HASH_SIZE	(1U << FUTEX_HASH_BITS)

DEFINE_SPINLOCK(futex_lock);
static struct list_head futex_chains[FUTEX_HASH_SIZE];

struct list_head *futex_chain(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->ptr ^ (key->word * 2654435761UL) ^ key->offset;
	static bool ready;

	if (!ready) {			/* first use: under futex_lock */
		for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++)
			INIT_LIST_HEAD(&futex_chains[i]);
		ready = true;
	}
	h ^= h >> 16;
	return &futex_chains[(h ^ (h >> FUTEX_HASH_BITS)) & (FUTEX_HASH_SIZE - 1)];
}

bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->ptr == b->ptr && a->word == b->word && a->offset == b->offset &&
	       a->shared == b->shared;
}

/* A shared mapping of a file (tmpfs, shmem and SysV shm included). */
static bool vma_has_shared_key(const struct vm_area_struct *vma)
{
	return vma->vm_file && (vma->vm_flags & (VM_SHARED | VM_MAYSHARE));
}

/*
 * The key of the futex at @uaddr: private (mm, address) when !@shared,
 * else by the mapping found there.  0, -EINVAL (unaligned) or -EFAULT
 * (outside user space, or for a shared key not mapped).  Takes and
 * drops mmap_lock; put_futex_key() undoes it.
 */
int get_futex_key(u32 __user *uaddr, bool shared, struct futex_key *key)
{
	unsigned long addr = (__force unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err = 0;

	if (addr % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	*key = (struct futex_key){ .ptr = mm, .word = addr };
	if (!shared)
		return 0;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_ACCESS_FLAGS)) {
		err = -EFAULT;
	} else if (vma_has_shared_key(vma)) {
		struct inode *inode = vma->vm_file->f_inode;

		atomic_inc(&inode->i_count);
		key->ptr = inode;
		key->word = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
		key->offset = addr & ~PAGE_MASK;
		key->shared = true;
	}
	mutex_unlock(&mm->mmap_lock);
	return err;
}

void put_futex_key(struct futex_key *key)
{
	if (key->shared)
		iput(key->ptr);
	key->shared = false;
	key->ptr = NULL;
}

/* Takes @q off its chain as woken and wakes its task.  futex_lock held. */
static void futex_wake_mark(struct futex_q *q)
{
	list_del_init(&q->list);
	WRITE_ONCE(q->woken, true);
	wake_up_process(q->task);
}

int futex_wake_key(const struct futex_key *key, int nr_wake, u32 bitset)
{
	struct list_head *chain;
	struct futex_q *q, *next;
	unsigned long flags;
	int woken = 0;

	spin_lock_irqsave(&futex_lock, flags);
	chain = futex_chain(key);
	list_for_each_entry_safe(q, next, chain, list) {
		if (!futex_match(&q->key, key) || !(q->bitset & bitset))
			continue;
		if (q->rq_pi) {		/* FUTEX_WAIT_REQUEUE_PI's: only CMP_REQUEUE_PI moves it */
			woken = -EINVAL;
			break;
		}
		futex_wake_mark(q);
		/* As Linux: a count of 0 (or less) still wakes one. */
		if (++woken >= nr_wake)
			break;
	}
	spin_unlock_irqrestore(&futex_lock, flags);
	return woken;
}

/* Queues @q (current, TASK_INTERRUPTIBLE already set) on its key's chain. */
void futex_queue(struct futex_q *q)
{
	unsigned long flags;

	spin_lock_irqsave(&futex_lock, flags);
	list_add_tail(&q->list, futex_chain(&q->key));
	spin_unlock_irqrestore(&futex_lock, flags);
}

/* Leaves the chain unless a waker already took @q; returns whether one did. */
bool futex_unqueue(struct futex_q *q)
{
	unsigned long flags;
	bool woken;

	spin_lock_irqsave(&futex_lock, flags);
	woken = q->woken;
	if (!woken)
		list_del(&q->list);
	spin_unlock_irqrestore(&futex_lock, flags);
	return woken;
}

/*
 * Sleeps until @q is woken, @end passes or a signal is pending: 0,
 * -ETIMEDOUT or -ERESTARTSYS.  Returns TASK_RUNNING.  A waiter requeued
 * meanwhile (requeue_pi.c) stays asleep: only ->woken ends the wait.
 */
long futex_sleep(struct futex_q *q, u64 end)
{
	for (;;) {
		u64 now, ticks;

		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(q->woken))
			break;
		if (signal_pending(current)) {
			set_current_state(TASK_RUNNING);
			return -ERESTARTSYS;
		}
		if (end == FUTEX_NO_TIMEOUT) {
			schedule();
			continue;
		}
		now = local_clock();
		if (now >= end) {
			set_current_state(TASK_RUNNING);
			return -ETIMEDOUT;
		}
		ticks = DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ);
		schedule_timeout(ticks > LONG_MAX ? LONG_MAX : (long)ticks);
	}
	set_current_state(TASK_RUNNING);
	return 0;
}

/*
 * FUTEX_WAIT(_BITSET): sleeps while *@uaddr == @val until woken (0),
 * @end (-ETIMEDOUT) or a signal (-ERESTARTSYS); -EAGAIN if the value
 * differs, -EFAULT if it cannot be read.  The q is queued before the
 * value is read, so a waker that changed the value first either is seen
 * in the value or finds the q.  A wake that came in anyway wins: 0.
 */
long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 end, u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	long ret;
	u32 uval;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	futex_queue(&q);
	if (get_user(uval, uaddr))
		ret = -EFAULT;
	else if (uval != val)
		ret = -EAGAIN;
	else
		ret = futex_sleep(&q, end);
	if (futex_unqueue(&q))
		ret = 0;
	put_futex_key(&q.key);
	return ret;
}

long futex_wake(u32 __user *uaddr, bool shared, int nr_wake, u32 bitset)
{
	struct futex_key key;
	long ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	ret = futex_wake_key(&key, nr_wake, bitset);
	put_futex_key(&key);
	return ret;
}

/*
 * Moves @q from its chain to @key2's.  futex_lock held.  Returns 1 if
 * the caller must drop a reference on @q's old inode (after unlocking).
 */
static int futex_requeue_q(struct futex_q *q, const struct futex_key *key2)
{
	struct list_head *old = futex_chain(&q->key), *chain = futex_chain(key2);
	int drop = q->key.shared;

	if (key2->shared)
		atomic_inc(&((struct inode *)key2->ptr)->i_count);
	q->key = *key2;
	/* On the same chain it stays in place, so the walk never meets it again. */
	if (chain != old) {
		list_del(&q->list);
		list_add_tail(&q->list, chain);
	}
	return drop;
}

/* Wakes @nr_wake then moves @nr_requeue waiters of @k1 to @k2.  Returns how many. */
static int futex_requeue_keys(const struct futex_key *k1, const struct futex_key *k2,
			      int nr_wake, int nr_requeue, int *drops)
{
	struct futex_q *q, *next;
	struct list_head *chain;
	int count = 0;

	chain = futex_chain(k1);
	list_for_each_entry_safe(q, next, chain, list) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&q->key, k1))
			continue;
		if (q->rq_pi)
			return -EINVAL;		/* as Linux: mismatched requeue_pi */
		if (++count <= nr_wake)
			futex_wake_mark(q);
		else
			*drops += futex_requeue_q(q, k2);
	}
	return count;
}

/*
 * FUTEX_REQUEUE and (with @cmpval) FUTEX_CMP_REQUEUE.  Returns the
 * waiters woken plus those requeued, -EAGAIN if *@uaddr1 != *@cmpval,
 * -EINVAL/-EFAULT for bad counts or addresses.
 */
long futex_requeue(u32 __user *uaddr1, bool shared, u32 __user *uaddr2,
		   int nr_wake, int nr_requeue, const u32 *cmpval)
{
	struct futex_key k1, k2 = { NULL };
	unsigned long flags;
	int drops = 0;
	long ret;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr1, shared, &k1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		goto out;
	if (cmpval) {
		ret = get_user(cur, uaddr1);
		if (!ret && cur != *cmpval)
			ret = -EAGAIN;
		if (ret)
			goto out;
	}
	spin_lock_irqsave(&futex_lock, flags);
	ret = futex_requeue_keys(&k1, &k2, nr_wake, nr_requeue, &drops);
	spin_unlock_irqrestore(&futex_lock, flags);
	while (drops--)			/* we hold k1's own reference still */
		iput(k1.ptr);
out:
	put_futex_key(&k2);
	put_futex_key(&k1);
	return ret;
}
