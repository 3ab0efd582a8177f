/*
 * epoll: a set of watched files and the ready ones among them.
 *
 * An epoll file owns a struct eventpoll; epoll_ctl(ADD) makes an epitem
 * for a (file, fd) pair, links it on the file's f_ep list and calls the
 * file's ->poll with a table whose qproc hangs a callback entry (an
 * ep_pwq) on every wait queue the file names.  A wake-up of any of them
 * runs ep_poll_callback, which puts the item on the ready list and wakes
 * the set's waiters.  epoll_wait takes the ready list, asks each item's
 * file ->poll again (so readiness is always the file's own answer),
 * reports what is ready and, for level-triggered items, puts them back.
 * Edge-triggered items come back only with the next wake-up; one-shot
 * items are disarmed (their event mask emptied) until EPOLL_CTL_MOD.
 *
 * Items hold no reference on their file: the file's last fput calls
 * eventpoll_release(), which removes it from every set, as on Linux.
 *
 * Locking: epmutex (a sleeping lock) covers every set's item list, each
 * file's f_ep list and item lifetime; ep->lock (IRQ-safe, since wake-ups
 * come from interrupts) covers the ready list and each item's ready
 * state.  The callback runs under the woken queue's lock and takes
 * ep->lock inside it.  ->poll of an epoll file takes only ep->lock (it
 * may run under another set's epmutex section), and nesting is limited
 * to EP_MAX_NESTS with no loops, so the lock chains are bounded.  One
 * CPU: ep->lock is taken with interrupts off, so the TTY's interrupt
 * path (its lock, then the queue's, then ep->lock) cannot meet an
 * epoll_wait that holds ep->lock and asks tty_poll for its lock; SMP
 * needs Linux's order (no file's ->poll under ep->lock).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/eventpoll.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mutex.h>
#include <linux-ish/poll.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/eventpoll.h>
#include <uapi/linux-ish/time.h>

#define EP_MAX_NESTS	4
#define EP_MAX_EVENTS	(INT_MAX / sizeof(struct epoll_event_k))
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLEXCLUSIVE_OK_BITS \
	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define EP_FOREVER	(~0ULL)

struct eventpoll {
	/* ep->lock */
	spinlock_t lock;
	struct list_head rdllist;	/* items that may be ready */
	/* epmutex */
	struct list_head items;
	/* Fixed */
	struct wait_queue_head wq;	/* epoll_wait sleepers */
	struct wait_queue_head poll_wait;	/* pollers of the epoll file itself */
	struct file *file;		/* the epoll file (no reference: it owns us) */
};

struct epitem;

/* One wait queue an item's file named: the callback entry on it. */
struct ep_pwq {
	struct wait_queue_entry wait;
	struct wait_queue_head *whead;
	struct epitem *epi;
	struct ep_pwq *next;
};

struct epitem {
	/* epmutex */
	struct list_head ep_link;	/* in ep->items */
	struct list_head f_link;	/* in file->f_ep */
	struct eventpoll *ep;
	struct file *file;
	int fd;
	struct ep_pwq *pwqs;
	int nomem;			/* a wait entry could not be made */
	/* ep->lock */
	struct list_head rdllink;	/* in ep->rdllist, or empty */
	bool in_tx;			/* being reported by epoll_wait */
	bool again;			/* woken while in_tx */
	struct epoll_event_k event;	/* events (EPOLLERR|EPOLLHUP added) and data */
};

static DEFINE_MUTEX(epmutex);
static const struct file_operations eventpoll_fops;

static bool is_file_epoll(const struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* Queues @epi on the ready list unless it is there already.  ep->lock held. */
static void ep_set_ready(struct eventpoll *ep, struct epitem *epi)
{
	if (epi->in_tx)
		epi->again = true;
	else if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
}

/* A watched queue was woken: the item may be ready.  Never sleeps. */
static void ep_poll_callback(struct wait_queue_entry *w)
{
	struct epitem *epi = container_of(w, struct ep_pwq, wait)->epi;
	struct eventpoll *ep = epi->ep;
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	if (!(epi->event.events & ~EP_PRIVATE_BITS)) {	/* disarmed one-shot */
		spin_unlock_irqrestore(&ep->lock, flags);
		return;
	}
	ep_set_ready(ep, epi);
	spin_unlock_irqrestore(&ep->lock, flags);
	wake_up(&ep->wq);
	wake_up(&ep->poll_wait);
}

struct ep_pqueue {
	struct poll_table_struct pt;
	struct epitem *epi;
};

/* The qproc of ep_item_register: hang a callback entry on @whead. */
static void ep_ptable_queue_proc(struct file *f, struct wait_queue_head *whead,
				 struct poll_table_struct *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct ep_pwq *pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);
	unsigned long flags;

	if (!pwq) {
		epi->nomem = 1;
		return;
	}
	pwq->wait.task = NULL;
	pwq->wait.func = ep_poll_callback;
	pwq->whead = whead;
	pwq->epi = epi;
	pwq->next = epi->pwqs;
	epi->pwqs = pwq;
	spin_lock_irqsave(&whead->lock, flags);
	list_add_tail(&pwq->wait.entry, &whead->head);
	spin_unlock_irqrestore(&whead->lock, flags);
}

/* The item's events ready now (registering its wait entries if @pt). */
static __poll_t ep_item_poll(struct epitem *epi, struct poll_table_struct *pt)
{
	return vfs_poll(epi->file, pt) & epi->event.events;
}

static void ep_unregister_pollwait(struct epitem *epi)
{
	struct ep_pwq *pwq, *next;
	unsigned long flags;

	for (pwq = epi->pwqs; pwq; pwq = next) {
		next = pwq->next;
		spin_lock_irqsave(&pwq->whead->lock, flags);
		list_del(&pwq->wait.entry);
		spin_unlock_irqrestore(&pwq->whead->lock, flags);
		kfree(pwq);
	}
	epi->pwqs = NULL;
}

/* Unlinks and frees @epi.  epmutex held. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;

	ep_unregister_pollwait(epi);
	spin_lock_irqsave(&ep->lock, flags);
	if (!list_empty(&epi->rdllink))
		list_del_init(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);
	list_del(&epi->f_link);
	list_del(&epi->ep_link);
	kfree(epi);
}

void __eventpoll_release(struct file *f)
{
	struct epitem *epi, *next;

	mutex_lock(&epmutex);
	list_for_each_entry_safe(epi, next, &f->f_ep, f_link)
		ep_remove(epi->ep, epi);
	mutex_unlock(&epmutex);
}

/* ---- the epoll file ---- */

/* Readable when some item on the ready list is really ready.  Never sleeps. */
static __poll_t ep_eventpoll_poll(struct file *f, struct poll_table_struct *pt)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;
	unsigned long flags;
	__poll_t mask = 0;

	poll_wait(f, &ep->poll_wait, pt);
	spin_lock_irqsave(&ep->lock, flags);
	list_for_each_entry(epi, &ep->rdllist, rdllink) {
		if (ep_item_poll(epi, NULL)) {
			mask = POLLIN | POLLRDNORM;
			break;
		}
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	return mask;
}

static int ep_eventpoll_release(struct inode *inode, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi, *next;

	mutex_lock(&epmutex);
	list_for_each_entry_safe(epi, next, &ep->items, ep_link)
		ep_remove(ep, epi);
	mutex_unlock(&epmutex);
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.poll = ep_eventpoll_poll,
	.release = ep_eventpoll_release,
};

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct file *f;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	spin_lock_init(&ep->lock);
	INIT_LIST_HEAD(&ep->rdllist);
	INIT_LIST_HEAD(&ep->items);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0) {
		kfree(ep);
		return fd;
	}
	f = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		kfree(ep);
		return PTR_ERR(f);
	}
	ep->file = f;
	fd_install(fd, f);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/* ---- epoll_ctl ---- */

static struct epitem *ep_find(struct eventpoll *ep, const struct file *f, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, ep_link)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

/*
 * kcmp(KCMP_EPOLL_TFD): the file of the @toff'th (0: first) entry of
 * epoll file @f registered as descriptor @tfd, no reference (compared
 * only); ERR_PTR(-EINVAL) if @f is not an epoll file, -ENOENT if none.
 */
struct file *epoll_tfile_raw(struct file *f, int tfd, unsigned long toff)
{
	struct eventpoll *ep;
	struct epitem *epi;
	struct file *found = ERR_PTR(-ENOENT);

	if (!is_file_epoll(f))
		return ERR_PTR(-EINVAL);
	ep = f->private_data;
	mutex_lock(&epmutex);
	list_for_each_entry(epi, &ep->items, ep_link)
		if (epi->fd == tfd && toff-- == 0) {
			found = epi->file;
			break;
		}
	mutex_unlock(&epmutex);
	return found;
}

/*
 * Depth of epoll sets below @f (0 for one that watches no epoll file),
 * or -1 if @target is among them or the chain is too deep.  epmutex held.
 */
static int ep_loop_depth(struct file *f, struct eventpoll *target, int depth)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi;
	int max = 0;

	if (ep == target || depth > EP_MAX_NESTS)
		return -1;
	list_for_each_entry(epi, &ep->items, ep_link) {
		int d;

		if (!is_file_epoll(epi->file))
			continue;
		d = ep_loop_depth(epi->file, target, depth + 1);
		if (d < 0)
			return -1;
		max = max(max, d + 1);
	}
	return max;
}

/* How many sets watch @epfile through a chain of sets.  epmutex held. */
static int ep_depth_above(struct file *epfile, int depth)
{
	struct epitem *epi;
	int max = 0;

	if (depth > EP_MAX_NESTS)
		return depth;
	list_for_each_entry(epi, &epfile->f_ep, f_link)
		max = max(max, 1 + ep_depth_above(epi->ep->file, depth + 1));
	return max;
}

/* @epi is ready now (found at ADD or MOD): on the list, waiters woken. */
static void ep_mark_ready(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	ep_set_ready(ep, epi);
	spin_unlock_irqrestore(&ep->lock, flags);
	wake_up(&ep->wq);
	wake_up(&ep->poll_wait);
}

static int ep_insert(struct eventpoll *ep, struct file *epfile, const struct epoll_event_k *ev,
		     struct file *tf, int fd)
{
	struct epitem *epi;
	struct ep_pqueue epq;
	__poll_t revents;

	if (is_file_epoll(tf)) {
		int below = ep_loop_depth(tf, ep, 1);

		if (below < 0 || below + ep_depth_above(epfile, 0) >= EP_MAX_NESTS)
			return -ELOOP;
	}
	epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->event = *ev;
	list_add_tail(&epi->ep_link, &ep->items);
	list_add_tail(&epi->f_link, &tf->f_ep);
	epq.pt.qproc = ep_ptable_queue_proc;
	/* cppcheck-suppress unreadVariable ; read through container_of in the qproc */
	epq.epi = epi;
	revents = ep_item_poll(epi, &epq.pt);
	if (epi->nomem) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents)
		ep_mark_ready(ep, epi);
	return 0;
}

static int ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event_k *ev)
{
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	epi->event = *ev;
	spin_unlock_irqrestore(&ep->lock, flags);
	if (ep_item_poll(epi, NULL))
		ep_mark_ready(ep, epi);
	return 0;
}

/* The checks Linux makes before looking at the set.  0 or -errno. */
static int ep_ctl_check(int op, struct file *f, struct file *tf, const struct epoll_event_k *ev)
{
	if (!tf->f_op || !tf->f_op->poll)
		return -EPERM;
	if (f == tf || !is_file_epoll(f))
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD &&
		    (is_file_epoll(tf) || (ev->events & ~EPOLLEXCLUSIVE_OK_BITS)))
			return -EINVAL;
	}
	return 0;
}

static long ep_ctl_locked(struct eventpoll *ep, struct file *f, int op, struct file *tf, int fd,
			  struct epoll_event_k *ev)
{
	struct epitem *epi = ep_find(ep, tf, fd);

	ev->events |= EPOLLERR | EPOLLHUP;
	switch (op) {
	case EPOLL_CTL_ADD:
		return epi ? -EEXIST : ep_insert(ep, f, ev, tf, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		return ep_modify(ep, epi, ev);
	}
	return -EINVAL;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event_k __user *, uev)
{
	struct epoll_event_k ev = { 0, 0 };
	struct file *f, *tf;
	long err;

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof(ev)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	tf = fget(fd);
	err = -EBADF;
	if (!tf)
		goto out_put_f;
	err = ep_ctl_check(op, f, tf, &ev);
	if (!err) {
		mutex_lock(&epmutex);
		err = ep_ctl_locked(f->private_data, f, op, tf, fd, &ev);
		mutex_unlock(&epmutex);
	}
	fput(tf);
out_put_f:
	fput(f);
	return err;
}

/* ---- epoll_wait ---- */

/* Reports one ready item into @uev; false if it is not ready after all. */
static bool ep_report(struct epitem *epi, struct epoll_event_k *out)
{
	__poll_t revents = ep_item_poll(epi, NULL);

	if (!revents)
		return false;
	out->events = revents;
	out->data = epi->event.data;
	return true;
}

/* After reporting (or not): back on the ready list if it must be.  ep->lock held. */
static void ep_requeue(struct eventpoll *ep, struct epitem *epi, bool reported)
{
	bool again = epi->again;

	epi->in_tx = epi->again = false;
	if (reported && (epi->event.events & EPOLLONESHOT))
		epi->event.events &= EP_PRIVATE_BITS;
	else if (again || (reported && !(epi->event.events & EPOLLET)))
		ep_set_ready(ep, epi);
}

/*
 * Moves up to @max ready events to @uevents.  Items not looked at go
 * back to the head of the ready list, in order, so the next call starts
 * with them; reported level-triggered ones go to its tail.  The count,
 * or -EFAULT if none could be written.  epmutex held (items cannot go
 * meanwhile).
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event_k __user *uevents, int max)
{
	LIST_HEAD(txlist);
	struct epitem *epi, *next;
	struct list_head *at;
	unsigned long flags;
	int n = 0, err = 0;

	spin_lock_irqsave(&ep->lock, flags);
	list_for_each_entry_safe(epi, next, &ep->rdllist, rdllink) {
		list_move_tail(&epi->rdllink, &txlist);
		epi->in_tx = true;
	}
	spin_unlock_irqrestore(&ep->lock, flags);

	list_for_each_entry_safe(epi, next, &txlist, rdllink) {
		struct epoll_event_k ev;
		bool reported = false;

		if (n >= max || err)
			break;
		list_del_init(&epi->rdllink);
		if (ep_report(epi, &ev)) {
			if (copy_to_user(&uevents[n], &ev, sizeof(ev)))
				err = -EFAULT;
			else
				reported = true, n++;
		}
		spin_lock_irqsave(&ep->lock, flags);
		if (err)
			epi->again = true;	/* still ready: report it next time */
		ep_requeue(ep, epi, reported);
		spin_unlock_irqrestore(&ep->lock, flags);
	}
	spin_lock_irqsave(&ep->lock, flags);
	at = ep->rdllist.next;		/* the old head: insert before it, in order */
	list_for_each_entry_safe(epi, next, &txlist, rdllink) {
		list_move_tail(&epi->rdllink, at);
		epi->in_tx = epi->again = false;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	return n ? n : err;
}

static bool ep_has_ready(struct eventpoll *ep)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&ep->lock, flags);
	ready = !list_empty(&ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return ready;
}

/* Sleeps until woken, a signal or @end.  True if @end has passed. */
static bool ep_sleep(struct eventpoll *ep, u64 end)
{
	struct wait_queue_entry w = { .task = NULL };
	bool timed_out = false;

	prepare_to_wait(&ep->wq, &w, TASK_INTERRUPTIBLE);
	if (!ep_has_ready(ep) && !signal_pending(current)) {
		if (end == EP_FOREVER) {
			schedule();
		} else {
			u64 now = local_clock();
			u64 ticks = now >= end ? 0 : DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ);

			if (ticks)
				schedule_timeout(ticks > LONG_MAX ? LONG_MAX : (long)ticks);
		}
	}
	finish_wait(&ep->wq, &w);
	if (end != EP_FOREVER && local_clock() >= end)
		timed_out = true;
	return timed_out;
}

/* The wait itself: events, 0 at the timeout (@end 0: none), or -EINTR. */
static int ep_poll(struct eventpoll *ep, struct epoll_event_k __user *uevents, int max, u64 end)
{
	bool timed_out = end == 0;

	for (;;) {
		int n;

		mutex_lock(&epmutex);
		n = ep_send_events(ep, uevents, max);
		mutex_unlock(&epmutex);
		if (n)
			return n;
		if (timed_out)
			return 0;
		if (signal_pending(current))
			return -EINTR;
		timed_out = ep_sleep(ep, end);
	}
}

static long do_epoll_wait(int epfd, struct epoll_event_k __user *uevents, int maxevents, u64 end)
{
	struct file *f;
	long ret;

	if (maxevents <= 0 || maxevents > (int)EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(uevents, maxevents * sizeof(struct epoll_event_k)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	ret = is_file_epoll(f) ? ep_poll(f->private_data, uevents, maxevents, end) : -EINVAL;
	fput(f);
	return ret;
}

/* A millisecond timeout as a deadline: 0 for none, EP_FOREVER when negative. */
static u64 ep_ms_deadline(int ms)
{
	if (ms < 0)
		return EP_FOREVER;
	if (!ms)
		return 0;
	return local_clock() + (u64)ms * NSEC_PER_MSEC;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event_k __user *, events, int, maxevents,
		int, timeout)
{
	return do_epoll_wait(epfd, events, maxevents, ep_ms_deadline(timeout));
}

static long do_epoll_pwait(int epfd, struct epoll_event_k __user *events, int maxevents,
			   u64 end, const sigset_t __user *sigmask, size_t sigsetsize)
{
	long ret = set_user_sigmask(sigmask, sigsetsize);

	if (ret)
		return ret;
	ret = do_epoll_wait(epfd, events, maxevents, end);
	restore_saved_sigmask_unless(ret == -EINTR);
	return ret;
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event_k __user *, events, int, maxevents,
		int, timeout, const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	return do_epoll_pwait(epfd, events, maxevents, ep_ms_deadline(timeout), sigmask,
			      sigsetsize);
}

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event_k __user *, events, int, maxevents,
		const struct __kernel_timespec __user *, uts, const sigset_t __user *, sigmask,
		size_t, sigsetsize)
{
	struct __kernel_timespec ts;
	u64 end = EP_FOREVER;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		end = 0;
		if (ts.tv_sec || ts.tv_nsec)
			end = local_clock() + (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	return do_epoll_pwait(epfd, events, maxevents, end, sigmask, sigsetsize);
}
