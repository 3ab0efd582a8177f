/*
 * timerfd: a timer behind a file.  timerfd_create (322), timerfd_settime
 * (325, 411 with 64-bit time), timerfd_gettime (326, 410); read() takes
 * the count of expirations since the last read (a u64, blocking or
 * EAGAIN at 0), poll/epoll say POLLIN while it is non-zero, and
 * TFD_IOC_SET_TICKS sets it.
 *
 * A timer keeps its expiry in nanoseconds of its own clock (REALTIME,
 * MONOTONIC or BOOTTIME; the _ALARM clocks, which need CAP_WAKE_ALARM,
 * run as their plain twins: Linnet never suspends).  A kernel timer
 * (kernel/timer.c, whole ticks) wakes it; the callback counts the
 * expirations the clock has passed (a periodic timer's missed periods
 * included) and re-arms, never early.  When CLOCK_REALTIME is set
 * (timerfd_clock_was_set()), every REALTIME timer is re-armed for the new
 * time, and one set with TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET is
 * cancelled: readable, its read fails once with ECANCELED.
 *
 * Locking: ctx->wqh.lock (IRQ-safe: the callback runs in IRQ context)
 * covers the timer's fields; timerfds_lock the list of all timerfds.
 * wake_up(&ctx->wqh) is called with neither held.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/time.h>
#include <uapi/linux-ish/timerfd.h>

struct timerfd_ctx {
	struct timer_list timer;
	struct wait_queue_head wqh;
	struct list_head node;		/* on timerfds */
	clockid_t clockid;		/* as created (fdinfo) */
	clockid_t base;			/* what it runs on: REALTIME, MONOTONIC or BOOTTIME */
	/* wqh.lock: */
	u64 expires;			/* clock ns of the next expiry; 0: disarmed */
	u64 interval;			/* ns; 0: one-shot */
	u64 ticks;			/* expirations not yet read */
	int settime_flags;
	bool might_cancel;		/* ABSTIME | CANCEL_ON_SET on a REALTIME clock */
	bool canceled;			/* the clock was set since: read says ECANCELED */
};

static LIST_HEAD(timerfds);		/* every timerfd, for clock changes */
static DEFINE_SPINLOCK(timerfds_lock);

static u64 timerfd_now(const struct timerfd_ctx *ctx)
{
	u64 ns = 0;

	clock_ns(ctx->base, &ns);
	return ns;
}

/* The kernel timer for the expiry, from @now (whole ticks, rounded up). */
static void timerfd_arm(struct timerfd_ctx *ctx, u64 now)
{
	u64 j = ctx->expires > now ? DIV_ROUND_UP(ctx->expires - now, TICK_NSEC) : 0;

	mod_timer(&ctx->timer, jiffies + (unsigned long)min_t(u64, j, LONG_MAX / 2));
}

/*
 * Counts the expirations up to @now and moves the expiry past it.  True
 * if any happened.  wqh.lock held.
 */
static bool timerfd_expire(struct timerfd_ctx *ctx, u64 now)
{
	u64 n;

	if (!ctx->expires || now < ctx->expires)
		return false;
	if (!ctx->interval) {
		ctx->ticks++;
		ctx->expires = 0;
		return true;
	}
	n = (now - ctx->expires) / ctx->interval + 1;
	ctx->ticks += n;
	if (ctx->expires > KTIME_MAX - n * ctx->interval)
		ctx->expires = KTIME_MAX;
	else
		ctx->expires += n * ctx->interval;
	return true;
}

/* The kernel timer's callback (IRQ context). */
static void timerfd_fn(unsigned long data)
{
	struct timerfd_ctx *ctx = (struct timerfd_ctx *)data;
	unsigned long flags;
	bool woke;
	u64 now;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	now = timerfd_now(ctx);
	woke = timerfd_expire(ctx, now);
	if (ctx->expires)
		timerfd_arm(ctx, now);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	if (woke)
		wake_up(&ctx->wqh);
}

/*
 * CLOCK_REALTIME was set: REALTIME timers re-armed for the new time,
 * CANCEL_ON_SET ones cancelled.  Process context.
 */
void timerfd_clock_was_set(void)
{
	struct timerfd_ctx *ctx;
	unsigned long flags, f2;

	spin_lock_irqsave(&timerfds_lock, flags);
	list_for_each_entry(ctx, &timerfds, node) {
		bool wake;

		if (ctx->base != CLOCK_REALTIME)
			continue;
		spin_lock_irqsave(&ctx->wqh.lock, f2);
		wake = ctx->might_cancel && !ctx->canceled;
		if (wake)
			ctx->canceled = true;
		wake |= timerfd_expire(ctx, timerfd_now(ctx));
		if (ctx->expires)
			timerfd_arm(ctx, timerfd_now(ctx));
		spin_unlock_irqrestore(&ctx->wqh.lock, f2);
		if (wake)
			wake_up(&ctx->wqh);
	}
	spin_unlock_irqrestore(&timerfds_lock, flags);
}

/* itimerspec {interval, value} now: the time to the next expiry (0 if disarmed). wqh.lock held. */
static void timerfd_get(const struct timerfd_ctx *ctx, struct timespec64 its[2])
{
	u64 now = timerfd_now(ctx);

	ns_to_timespec64(ctx->interval, &its[0]);
	ns_to_timespec64(ctx->expires > now ? ctx->expires - now : 0, &its[1]);
}

/* Whether a read would find something (ticks or a cancel). */
static bool timerfd_ready(struct timerfd_ctx *ctx)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ready = ctx->ticks || ctx->canceled;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return ready;
}

/* Takes the count: >0, 0 if none, or -ECANCELED once after a cancel. */
static s64 timerfd_take(struct timerfd_ctx *ctx)
{
	unsigned long flags;
	s64 t;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	if (ctx->canceled) {
		ctx->canceled = false;
		ctx->ticks = 0;
		t = -ECANCELED;
	} else {
		t = (s64)ctx->ticks;
		ctx->ticks = 0;
	}
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return t;
}

static ssize_t timerfd_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct timerfd_ctx *ctx = f->private_data;
	s64 t;

	if (count < sizeof(u64))
		return -EINVAL;
	while (!(t = timerfd_take(ctx))) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, timerfd_ready(ctx)))
			return -ERESTARTSYS;
	}
	if (t < 0)
		return t;
	return copy_to_user(buf, &t, sizeof(t)) ? -EFAULT : (ssize_t)sizeof(t);
}

static __poll_t timerfd_poll(struct file *f, struct poll_table_struct *pt)
{
	struct timerfd_ctx *ctx = f->private_data;

	poll_wait(f, &ctx->wqh, pt);
	return timerfd_ready(ctx) ? POLLIN | POLLRDNORM : 0;
}

/* TFD_IOC_SET_TICKS: the count becomes *arg (not 0: EINVAL). */
static long timerfd_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct timerfd_ctx *ctx = f->private_data;
	unsigned long flags;
	u64 v;

	if (cmd != TFD_IOC_SET_TICKS)
		return -ENOTTY;
	if (copy_from_user(&v, (const void __user *)arg, sizeof(v)))
		return -EFAULT;
	if (!v)
		return -EINVAL;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->ticks = v;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	wake_up(&ctx->wqh);
	return 0;
}

static void timerfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct timerfd_ctx *ctx = f->private_data;
	struct timespec64 its[2];
	unsigned long flags;
	u64 ticks;
	int sflags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	timerfd_get(ctx, its);
	ticks = ctx->ticks;
	sflags = ctx->settime_flags;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	seq_printf(m, "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
		   "it_value: (%llu, %ld)\nit_interval: (%llu, %ld)\n",
		   ctx->clockid, (unsigned long long)ticks, sflags,
		   (unsigned long long)its[1].tv_sec, its[1].tv_nsec,
		   (unsigned long long)its[0].tv_sec, its[0].tv_nsec);
}

static void timerfd_ctx_free(struct timerfd_ctx *ctx)
{
	unsigned long flags;

	del_timer(&ctx->timer);
	spin_lock_irqsave(&timerfds_lock, flags);
	list_del(&ctx->node);
	spin_unlock_irqrestore(&timerfds_lock, flags);
	kfree(ctx);
}

static int timerfd_release(struct inode *inode, struct file *f)
{
	timerfd_ctx_free(f->private_data);
	return 0;
}

static const struct file_operations timerfd_fops = {
	.read = timerfd_read,
	.poll = timerfd_poll,
	.ioctl = timerfd_ioctl,
	.release = timerfd_release,
	.show_fdinfo = timerfd_show_fdinfo,
};

/* The clock a timerfd on @clockid runs on, or -EINVAL / -EPERM. */
static int timerfd_base(clockid_t clockid)
{
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		return clockid;
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		if (!capable(CAP_WAKE_ALARM))
			return -EPERM;
		return clockid == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : CLOCK_BOOTTIME;
	default:
		return -EINVAL;
	}
}

static struct timerfd_ctx *timerfd_ctx_alloc(clockid_t clockid, int base)
{
	struct timerfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	unsigned long flags;

	if (!ctx)
		return NULL;
	timer_setup(&ctx->timer, timerfd_fn, (unsigned long)ctx);
	init_waitqueue_head(&ctx->wqh);
	ctx->clockid = clockid;
	ctx->base = base;
	spin_lock_irqsave(&timerfds_lock, flags);
	list_add(&ctx->node, &timerfds);
	spin_unlock_irqrestore(&timerfds_lock, flags);
	return ctx;
}

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	int fd, base;

	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	base = timerfd_base(clockid);
	if (base < 0)
		return base;
	ctx = timerfd_ctx_alloc(clockid, base);
	if (!ctx)
		return -ENOMEM;
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx, flags);
	if (fd < 0)
		timerfd_ctx_free(ctx);
	return fd;
}

/* The timerfd behind @ufd (referenced), or ERR_PTR(-EBADF / -EINVAL). */
static struct file *timerfd_fget(int ufd)
{
	struct file *f = fget(ufd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}

/* Arms @ctx with {interval, value} @its as @flags say; *old gets the previous setting. */
static void timerfd_set(struct timerfd_ctx *ctx, int flags, const struct timespec64 its[2],
			struct timespec64 old[2])
{
	u64 value = timespec64_to_ns_sat(&its[1]), now;
	unsigned long irqf;
	bool woke;

	del_timer(&ctx->timer);
	spin_lock_irqsave(&ctx->wqh.lock, irqf);
	timerfd_get(ctx, old);
	now = timerfd_now(ctx);
	ctx->ticks = 0;
	ctx->canceled = false;
	ctx->settime_flags = flags;
	ctx->might_cancel = ctx->base == CLOCK_REALTIME && (flags & TFD_TIMER_ABSTIME) &&
			    (flags & TFD_TIMER_CANCEL_ON_SET);
	ctx->interval = timespec64_to_ns_sat(&its[0]);
	ctx->expires = 0;
	if (value) {
		ctx->expires = (flags & TFD_TIMER_ABSTIME) ? value :
			       now + min_t(u64, value, KTIME_MAX - now);
		if (!ctx->expires)
			ctx->expires = 1;	/* 0 means disarmed */
	}
	woke = timerfd_expire(ctx, now);	/* already due: counted now, as Linux fires at once */
	if (ctx->expires)
		timerfd_arm(ctx, now);
	spin_unlock_irqrestore(&ctx->wqh.lock, irqf);
	if (woke)
		wake_up(&ctx->wqh);
}

static long do_timerfd_settime(int ufd, int flags, const void __user *unew, void __user *uold,
			       bool time32)
{
	struct timespec64 its[2], old[2];
	struct file *f;

	if (get_user_itimerspec(its, unew, time32))
		return -EFAULT;
	if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !timespec64_valid(&its[0]) || !timespec64_valid(&its[1]))
		return -EINVAL;
	f = timerfd_fget(ufd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	timerfd_set(f->private_data, flags, its, old);
	fput(f);
	if (uold && put_user_itimerspec(old, uold, time32))
		return -EFAULT;
	return 0;
}

static long do_timerfd_gettime(int ufd, void __user *uval, bool time32)
{
	struct timespec64 its[2];
	struct timerfd_ctx *ctx;
	unsigned long flags;
	struct file *f = timerfd_fget(ufd);

	if (IS_ERR(f))
		return PTR_ERR(f);
	ctx = f->private_data;
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	timerfd_get(ctx, its);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	fput(f);
	return put_user_itimerspec(its, uval, time32);
}

SYSCALL_DEFINE4(timerfd_settime, int, ufd, int, flags, const void __user *, unew,
		void __user *, uold)
{
	return do_timerfd_settime(ufd, flags, unew, uold, true);
}

SYSCALL_DEFINE4(timerfd_settime64, int, ufd, int, flags, const void __user *, unew,
		void __user *, uold)
{
	return do_timerfd_settime(ufd, flags, unew, uold, false);
}

SYSCALL_DEFINE2(timerfd_gettime, int, ufd, void __user *, uval)
{
	return do_timerfd_gettime(ufd, uval, true);
}

SYSCALL_DEFINE2(timerfd_gettime64, int, ufd, void __user *, uval)
{
	return do_timerfd_gettime(ufd, uval, false);
}
