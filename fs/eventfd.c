/*
 * eventfd: a 64-bit counter behind a file.  write adds (blocking while
 * the sum would pass 0xfffffffffffffffe), read takes the whole count
 * (or 1 with EFD_SEMAPHORE) and blocks while it is 0; both move exactly
 * 8 bytes.  Readable while the count is non-zero, writable while 1 more
 * fits.  ctx->wqh.lock covers count; every change is followed by a
 * wake-up of wqh, which wakes readers, writers and pollers alike.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/eventpoll.h>

#define EVENTFD_MAX	0xfffffffffffffffeULL

struct eventfd_ctx {
	struct wait_queue_head wqh;
	u64 count;			/* wqh.lock */
	unsigned int flags;		/* EFD_SEMAPHORE */
};

static u64 eventfd_count(struct eventfd_ctx *ctx)
{
	unsigned long flags;
	u64 c;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	c = ctx->count;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return c;
}

/* Takes what a read gets, or 0 if the count is 0. */
static u64 eventfd_take(struct eventfd_ctx *ctx)
{
	unsigned long flags;
	u64 v;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	v = (ctx->flags & EFD_SEMAPHORE) && ctx->count ? 1 : ctx->count;
	ctx->count -= v;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return v;
}

/* Adds @v if the sum stays <= EVENTFD_MAX; false otherwise. */
static bool eventfd_try_add(struct eventfd_ctx *ctx, u64 v)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ok = EVENTFD_MAX - ctx->count >= v;
	if (ok)
		ctx->count += v;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return ok;
}

static ssize_t eventfd_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 v;

	if (count < sizeof(u64))
		return -EINVAL;
	while (!(v = eventfd_take(ctx))) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, eventfd_count(ctx) != 0))
			return -ERESTARTSYS;
	}
	wake_up(&ctx->wqh);
	if (copy_to_user(buf, &v, sizeof(v)))
		return -EFAULT;		/* as Linux: the count is already taken */
	return sizeof(v);
}

static ssize_t eventfd_write(struct file *f, const char __user *buf, size_t count,
			     loff_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 v;

	if (count < sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&v, buf, sizeof(v)))
		return -EFAULT;
	if (v == ~0ULL)
		return -EINVAL;
	while (!eventfd_try_add(ctx, v)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ctx->wqh, EVENTFD_MAX - eventfd_count(ctx) >= v))
			return -ERESTARTSYS;
	}
	if (v)
		wake_up(&ctx->wqh);
	return sizeof(v);
}

static __poll_t eventfd_poll(struct file *f, struct poll_table_struct *pt)
{
	struct eventfd_ctx *ctx = f->private_data;
	__poll_t mask = 0;
	u64 c;

	poll_wait(f, &ctx->wqh, pt);
	c = eventfd_count(ctx);
	if (c)
		mask |= POLLIN | POLLRDNORM;
	if (c < EVENTFD_MAX)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static int eventfd_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations eventfd_fops = {
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

static long do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags & EFD_SEMAPHORE;
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx, flags);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	return do_eventfd(count, flags);
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return do_eventfd(count, 0);
}
