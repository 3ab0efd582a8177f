/*
 * Waiting for descriptors: poll, ppoll, select (old and new), pselect6.
 *
 * Each call copies its descriptors in, then passes over them asking each
 * file's ->poll (linux-ish/poll.h) until one is ready, the timeout ends
 * or a signal is pending.  The first pass registers the task on every
 * wait queue a file names, with an entry that holds a file reference so
 * the queue's owner outlives the wait; a file's ordinary wake_up() then
 * wakes the task, which passes again.  Later passes run in
 * TASK_INTERRUPTIBLE so that a wake-up after a check makes schedule()
 * return at once.  The entries are removed when the call ends.
 *
 * Timeouts are absolute local_clock() (CLOCK_MONOTONIC) nanoseconds:
 * POLL_NOWAIT for a zero timeout, POLL_FOREVER for none.  A signal with
 * nothing ready gives -ERESTARTNOHAND: -EINTR when a handler runs, a
 * restart otherwise.  select, ppoll and pselect6 write the time left
 * back (as Linux does), so a restart waits only for the rest; poll keeps
 * its deadline in current->restart_block and goes on through
 * restart_syscall (-ERESTART_RESTARTBLOCK).
 *
 * Locking: none of its own.  The entries belong to the polling task;
 * each wait queue's lock covers its list.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/timespec.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/resource.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/time.h>

#define POLL_NOWAIT	0ULL
#define POLL_FOREVER	(~0ULL)

struct poll_table_entry {
	struct file *filp;			/* referenced */
	struct wait_queue_head *wq;
	struct wait_queue_entry wait;
};

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;
	struct poll_table_entry entries[];
};

#define ENTRIES_PER_PAGE \
	((PAGE_SIZE - offsetof(struct poll_table_page, entries)) / sizeof(struct poll_table_entry))

/* One call's registrations. */
struct poll_wqueues {
	struct poll_table_struct pt;
	struct poll_table_page *pages;
	int error;				/* -ENOMEM: an entry was lost */
};

__poll_t vfs_poll(struct file *f, struct poll_table_struct *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

/* A free entry, or NULL when no page can be had. */
static struct poll_table_entry *poll_get_entry(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->pages;

	if (!page || page->nr == ENTRIES_PER_PAGE) {
		page = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!page)
			return NULL;
		page->nr = 0;
		page->next = pwq->pages;
		pwq->pages = page;
	}
	return &page->entries[page->nr++];
}

/* The qproc of the first pass: queue current on @wq.  Runs TASK_RUNNING. */
static void __pollwait(struct file *f, struct wait_queue_head *wq, struct poll_table_struct *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = poll_get_entry(pwq);
	unsigned long flags;

	if (!e) {
		pwq->error = -ENOMEM;
		return;
	}
	e->filp = get_file(f);
	e->wq = wq;
	e->wait.task = current;
	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&e->wait.entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt.qproc = __pollwait;
	pwq->pages = NULL;
	pwq->error = 0;
}

static void poll_free_entry(struct poll_table_entry *e)
{
	unsigned long flags;

	spin_lock_irqsave(&e->wq->lock, flags);
	list_del(&e->wait.entry);
	spin_unlock_irqrestore(&e->wq->lock, flags);
	fput(e->filp);
}

/* Leaves every queue and drops the files. */
static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->pages, *next;

	for (; page; page = next) {
		for (unsigned int i = 0; i < page->nr; i++)
			poll_free_entry(&page->entries[i]);
		next = page->next;
		kfree(page);
	}
	pwq->pages = NULL;
}

/*
 * Sleeps until woken or @end passes; true if @end has passed.  Entered
 * in TASK_INTERRUPTIBLE, returns TASK_RUNNING.
 */
static bool poll_schedule_timeout(u64 end)
{
	u64 now, ticks;

	if (end == POLL_FOREVER) {
		schedule();
		return false;
	}
	now = local_clock();
	if (now >= end) {
		set_current_state(TASK_RUNNING);
		return true;
	}
	ticks = DIV_ROUND_UP(end - now, NSEC_PER_SEC / HZ);
	schedule_timeout(ticks > LONG_MAX ? LONG_MAX : (long)ticks);
	return local_clock() >= end;
}

/*
 * The wait loop shared by poll and select: @scan(@arg, pt) counts the
 * ready descriptors (pt NULL after the first pass).  Returns that count,
 * 0 at the timeout, -ERESTARTNOHAND on a signal or -ENOMEM.
 */
static int poll_wait_loop(int (*scan)(void *, struct poll_table_struct *), void *arg, u64 end)
{
	struct poll_wqueues pwq;
	bool timed_out = end == POLL_NOWAIT, first = true;
	int count;

	poll_initwait(&pwq);
	for (;;) {
		if (!first)
			set_current_state(TASK_INTERRUPTIBLE);
		count = scan(arg, first && !timed_out ? &pwq.pt : NULL);
		if (!count) {
			count = pwq.error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || timed_out)
			break;
		/* The registering pass ran TASK_RUNNING: check again before sleeping. */
		if (!first)
			timed_out = poll_schedule_timeout(end);
		first = false;
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(&pwq);
	return count;
}

/* ---- timeouts ---- */

/* The deadline @sec.@nsec from now; -EINVAL for a negative or bad time. */
static int poll_deadline(s64 sec, s64 nsec, u64 *end)
{
	u64 ns;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec) {
		*end = POLL_NOWAIT;
		return 0;
	}
	if ((u64)sec >= (~0ULL >> 1) / NSEC_PER_SEC) {
		*end = POLL_FOREVER;
		return 0;
	}
	ns = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	*end = local_clock() + ns;
	return 0;
}

/* Nanoseconds left until @end (0 once passed). */
static u64 poll_time_left(u64 end)
{
	u64 now = local_clock();

	return end > now ? end - now : 0;
}

/* Whether the call's timeout is worth writing back (a real deadline). */
static bool poll_has_deadline(u64 end)
{
	return end != POLL_NOWAIT && end != POLL_FOREVER;
}

/*
 * Linux's rule for the written-back time: if it cannot be written, an
 * interrupted call becomes -EINTR (a restart would wait afresh).
 */
static long poll_finish(long ret, int copy_err)
{
	if (copy_err && ret == -ERESTARTNOHAND)
		return -EINTR;
	return ret;
}

static int get_timeval32(const struct old_timeval32 __user *utv, u64 *end)
{
	struct old_timeval32 tv;

	*end = POLL_FOREVER;
	if (!utv)
		return 0;
	if (copy_from_user(&tv, utv, sizeof(tv)))
		return -EFAULT;
	/* select carries whole seconds out of tv_usec, as Linux does. */
	return poll_deadline((s64)tv.tv_sec + tv.tv_usec / (s32)USEC_PER_SEC,
			     (s64)(tv.tv_usec % (s32)USEC_PER_SEC) * NSEC_PER_USEC, end);
}

static long put_timeval32(long ret, struct old_timeval32 __user *utv, u64 end)
{
	struct old_timeval32 tv;
	u64 left;

	if (!utv || !poll_has_deadline(end))
		return ret;
	left = poll_time_left(end);
	tv.tv_sec = left / NSEC_PER_SEC;
	tv.tv_usec = (left % NSEC_PER_SEC) / NSEC_PER_USEC;
	return poll_finish(ret, copy_to_user(utv, &tv, sizeof(tv)) ? -EFAULT : 0);
}

/*
 * The deadline a user timespec (either i386 layout: @time32) asks for,
 * NULL none; and the time left written back into it.
 */
static int get_poll_timespec(const void __user *uts, bool time32, u64 *end)
{
	struct timespec64 ts;
	int err;

	*end = POLL_FOREVER;
	if (!uts)
		return 0;
	err = get_user_timespec(&ts, uts, time32);
	return err ? err : poll_deadline(ts.tv_sec, ts.tv_nsec, end);
}

static long put_poll_timespec(long ret, void __user *uts, bool time32, u64 end)
{
	struct timespec64 ts;
	u64 left;

	if (!uts || !poll_has_deadline(end))
		return ret;
	left = poll_time_left(end);
	ts.tv_sec = left / NSEC_PER_SEC;
	ts.tv_nsec = left % NSEC_PER_SEC;
	return poll_finish(ret, put_user_timespec(&ts, uts, time32));
}

/* ---- poll ---- */

struct poll_list {
	unsigned int nfds;
	struct pollfd *fds;
};

/* One pollfd's revents: POLLNVAL for a closed descriptor, 0 for fd < 0. */
static short pollfd_revents(const struct pollfd *p, struct poll_table_struct *pt)
{
	__poll_t mask, filter = (u16)p->events | POLLERR | POLLHUP;
	struct file *f;

	if (p->fd < 0)
		return 0;
	f = fget(p->fd);
	if (!f)
		return POLLNVAL;
	mask = vfs_poll(f, pt) & filter;
	fput(f);
	return (short)mask;
}

static int poll_scan(void *arg, struct poll_table_struct *pt)
{
	struct poll_list *list = arg;
	int count = 0;

	for (unsigned int i = 0; i < list->nfds; i++) {
		list->fds[i].revents = pollfd_revents(&list->fds[i], pt);
		if (list->fds[i].revents)
			count++;
	}
	return count;
}

/*
 * poll's core: the descriptors in, the wait, the revents out.  The count
 * of ready descriptors, 0 at the timeout, or -errno (-ERESTARTNOHAND).
 */
static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, u64 end)
{
	struct poll_list list = { nfds, NULL };
	size_t size = nfds * sizeof(struct pollfd);
	long ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	if (nfds) {
		list.fds = kmalloc(size, GFP_KERNEL);
		if (!list.fds)
			return -ENOMEM;
	}
	ret = -EFAULT;
	if (copy_from_user(list.fds, ufds, size))
		goto out_free;
	ret = poll_wait_loop(poll_scan, &list, end);
	if (ret >= 0 || ret == -ERESTARTNOHAND) {
		for (unsigned int i = 0; i < nfds; i++)
			if (put_user(list.fds[i].revents, &ufds[i].revents))
				ret = -EFAULT;
	}
out_free:
	kfree(list.fds);
	return ret;
}

static long poll_restartable(struct pollfd __user *ufds, unsigned int nfds, u64 end);

static long poll_restart(struct restart_block *rb)
{
	return poll_restartable(rb->poll.ufds, rb->poll.nfds, rb->poll.end);
}

/* poll, and its restart after a signal without handler: the same deadline. */
static long poll_restartable(struct pollfd __user *ufds, unsigned int nfds, u64 end)
{
	struct restart_block *rb = &current->restart_block;
	long ret = do_sys_poll(ufds, nfds, end);

	if (ret != -ERESTARTNOHAND)
		return ret;
	rb->fn = poll_restart;
	rb->poll.ufds = ufds;
	rb->poll.nfds = nfds;
	rb->poll.end = end;
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	u64 end = POLL_FOREVER;

	if (timeout_msecs >= 0)
		poll_deadline(timeout_msecs / MSEC_PER_SEC,
			      (s64)(timeout_msecs % MSEC_PER_SEC) * NSEC_PER_MSEC, &end);
	return poll_restartable(ufds, nfds, end);
}

/* ppoll's body once the timeout is read: the mask, the wait, the mask back. */
static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, u64 end,
		     const sigset_t __user *sigmask, size_t sigsetsize)
{
	long ret = set_user_sigmask(sigmask, sigsetsize);

	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, end);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	return ret;
}

static long ppoll_ts(struct pollfd __user *ufds, unsigned int nfds, void __user *tsp,
		     bool time32, const sigset_t __user *sigmask, size_t sigsetsize)
{
	u64 end;
	long ret = get_poll_timespec(tsp, time32, &end);

	if (ret)
		return ret;
	ret = do_ppoll(ufds, nfds, end, sigmask, sigsetsize);
	return put_poll_timespec(ret, tsp, time32, end);
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct old_timespec32 __user *, tsp, const sigset_t __user *, sigmask,
		size_t, sigsetsize)
{
	return ppoll_ts(ufds, nfds, tsp, true, sigmask, sigsetsize);
}

SYSCALL_DEFINE5(ppoll_time64, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const sigset_t __user *, sigmask,
		size_t, sigsetsize)
{
	return ppoll_ts(ufds, nfds, tsp, false, sigmask, sigsetsize);
}

/* ---- select ---- */

/*
 * The three sets in and the three out, as 32-bit words (i386 fd_set),
 * n bits each (n at most the descriptor table's size, as Linux), in the
 * same allocation after the struct.
 */
struct fd_set_bits {
	int n;
	u32 *in, *out, *ex;
	u32 *res_in, *res_out, *res_ex;
};

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

static size_t fds_bytes(int n)
{
	return DIV_ROUND_UP(n, 32) * sizeof(u32);
}

static bool fd_isset(const u32 *set, int fd)
{
	return set[fd / 32] & (1U << (fd % 32));
}

static void fd_set_bit(u32 *set, int fd)
{
	set[fd / 32] |= 1U << (fd % 32);
}

/* Copies a set in (NULL: empty).  0 or -EFAULT. */
static int get_fd_set(int n, const void __user *uset, u32 *set)
{
	memset(set, 0, fds_bytes(n));
	if (!uset)
		return 0;
	return copy_from_user(set, uset, fds_bytes(n)) ? -EFAULT : 0;
}

static int put_fd_set(int n, void __user *uset, const u32 *set)
{
	if (!uset)
		return 0;
	return copy_to_user(uset, set, fds_bytes(n)) ? -EFAULT : 0;
}

static bool fd_wanted(const struct fd_set_bits *fds, int fd)
{
	return fd_isset(fds->in, fd) || fd_isset(fds->out, fd) || fd_isset(fds->ex, fd);
}

/* -EBADF if a set names a descriptor that is not open. */
static int select_check_fds(const struct fd_set_bits *fds)
{
	for (int fd = 0; fd < fds->n; fd++) {
		struct file *f;

		if (!fd_wanted(fds, fd))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
	}
	return 0;
}

/* Sets @fd's result bits from @mask; how many it set. */
static int select_note(struct fd_set_bits *fds, int fd, __poll_t mask)
{
	int count = 0;

	if (fd_isset(fds->in, fd) && (mask & POLLIN_SET)) {
		fd_set_bit(fds->res_in, fd);
		count++;
	}
	if (fd_isset(fds->out, fd) && (mask & POLLOUT_SET)) {
		fd_set_bit(fds->res_out, fd);
		count++;
	}
	if (fd_isset(fds->ex, fd) && (mask & POLLEX_SET)) {
		fd_set_bit(fds->res_ex, fd);
		count++;
	}
	return count;
}

static int select_scan(void *arg, struct poll_table_struct *pt)
{
	struct fd_set_bits *fds = arg;
	int count = 0;

	for (int fd = 0; fd < fds->n; fd++) {
		struct file *f;

		if (!fd_wanted(fds, fd))
			continue;
		f = fget(fd);
		if (!f)
			continue;
		count += select_note(fds, fd, vfs_poll(f, pt));
		fput(f);
	}
	return count;
}

/*
 * select's core, the timeout already read: the sets in, the wait, the
 * sets out.  The number of bits set, 0 at the timeout, or -errno.
 */
static long core_sys_select(int n, void __user *inp, void __user *outp, void __user *exp, u64 end)
{
	struct fd_set_bits *fds;
	size_t bytes;
	long ret;

	if (n < 0)
		return -EINVAL;
	n = min_t(unsigned int, n, current_max_fds());	/* what the table holds */
	bytes = fds_bytes(n);
	fds = kzalloc(sizeof(*fds) + 6 * bytes, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	fds->n = n;
	fds->in = (u32 *)(fds + 1);
	fds->out = fds->in + bytes / 4;
	fds->ex = fds->out + bytes / 4;
	fds->res_in = fds->ex + bytes / 4;
	fds->res_out = fds->res_in + bytes / 4;
	fds->res_ex = fds->res_out + bytes / 4;
	ret = -EFAULT;
	if (get_fd_set(fds->n, inp, fds->in) || get_fd_set(fds->n, outp, fds->out) ||
	    get_fd_set(fds->n, exp, fds->ex))
		goto out_free;
	ret = select_check_fds(fds);
	if (!ret)
		ret = poll_wait_loop(select_scan, fds, end);
	if (ret < 0)
		goto out_free;
	if (put_fd_set(fds->n, inp, fds->res_in) || put_fd_set(fds->n, outp, fds->res_out) ||
	    put_fd_set(fds->n, exp, fds->res_ex))
		ret = -EFAULT;
out_free:
	kfree(fds);
	return ret;
}

static long kern_select(int n, void __user *inp, void __user *outp, void __user *exp,
			struct old_timeval32 __user *tvp)
{
	u64 end;
	long ret = get_timeval32(tvp, &end);

	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, end);
	return put_timeval32(ret, tvp, end);
}

SYSCALL_DEFINE5(select, int, n, void __user *, inp, void __user *, outp, void __user *, exp,
		struct old_timeval32 __user *, tvp)
{
	return kern_select(n, inp, outp, exp, tvp);
}

/* i386's first select (number 82): the five arguments in a block. */
SYSCALL_DEFINE1(old_select, struct sel_arg_struct __user *, arg)
{
	struct sel_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	return kern_select((int)a.n, a.inp, a.outp, a.exp, a.tvp);
}

/* pselect6's sixth argument: the mask to block during the call. */
static long do_pselect(int n, void __user *inp, void __user *outp, void __user *exp, u64 end,
		       const struct pselect6_sigmask __user *usig)
{
	struct pselect6_sigmask sig = { NULL, 0 };
	long ret;

	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	ret = set_user_sigmask(sig.ss, sig.ss_len);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, end);
	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	return ret;
}

static long pselect6_ts(int n, void __user *inp, void __user *outp, void __user *exp,
			void __user *tsp, bool time32, const struct pselect6_sigmask __user *sig)
{
	u64 end;
	long ret = get_poll_timespec(tsp, time32, &end);

	if (ret)
		return ret;
	ret = do_pselect(n, inp, outp, exp, end, sig);
	return put_poll_timespec(ret, tsp, time32, end);
}

SYSCALL_DEFINE6(pselect6, int, n, void __user *, inp, void __user *, outp, void __user *, exp,
		struct old_timespec32 __user *, tsp, const struct pselect6_sigmask __user *, sig)
{
	return pselect6_ts(n, inp, outp, exp, tsp, true, sig);
}

SYSCALL_DEFINE6(pselect6_time64, int, n, void __user *, inp, void __user *, outp,
		void __user *, exp, struct __kernel_timespec __user *, tsp,
		const struct pselect6_sigmask __user *, sig)
{
	return pselect6_ts(n, inp, outp, exp, tsp, false, sig);
}
