/*
 * signalfd (321) and signalfd4 (327): a file whose read() takes the
 * reader's own pending signals among the file's mask (blocked or not),
 * as 128-byte struct signalfd_siginfo records.  The file holds only the
 * mask: whoever reads it (a child after fork too) dequeues its own
 * signals, as on Linux.  Readable (poll, epoll) while the caller has one
 * of them pending.
 *
 * Linux keeps the readers' wait queue in the sighand; Linnet keeps one,
 * signal_sent_wqh, for all signalfd files and rt_sigtimedwait sleepers,
 * woken by every signal sent while anybody waits on it (send_sig_info()
 * -> signalfd_notify()): a waiter rechecks its own pending set, so a
 * wake-up meant for another task costs a look.
 * ctx->mask is read and written in process context only, and the
 * kernel is not preemptible, so no lock: a reader sees it whole (poll
 * may be called with epoll's spinlock held, which a wake-up of
 * signal_sent_wqh takes in turn, so the queue's lock must not guard it).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/signalfd.h>

BUILD_BUG_ON(sizeof(struct signalfd_siginfo) != 128);

DECLARE_WAIT_QUEUE_HEAD(signal_sent_wqh);

struct signalfd_ctx {
	sigset_t mask;			/* the signals read() takes; never SIGKILL/SIGSTOP */
};

void signalfd_notify(struct task_struct *p)
{
	if (waitqueue_active(&signal_sent_wqh))
		wake_up(&signal_sent_wqh);
}

static sigset_t signalfd_mask(const struct signalfd_ctx *ctx)
{
	return ctx->mask;
}

/* The record for @sig with @info, filled as Linux does per siginfo layout. */
static void signalfd_fill(struct signalfd_siginfo *ss, int sig, const struct ksiginfo *info)
{
	memset(ss, 0, sizeof(*ss));
	ss->ssi_signo = sig;
	ss->ssi_code = info->code;
	if (info->code == SI_TIMER) {
		ss->ssi_tid = info->timerid;
		ss->ssi_overrun = info->overrun;
		ss->ssi_ptr = (u64)(s64)(s32)info->value;
		ss->ssi_int = (s32)info->value;
		return;
	}
	if (info->code > 0 && info->code < SI_KERNEL &&
	    (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)) {
		ss->ssi_addr = info->addr;
		return;
	}
	ss->ssi_pid = info->pid;
	ss->ssi_uid = info->uid;
	if (sig == SIGCHLD && info->code > 0 && info->code < SI_KERNEL) {
		ss->ssi_status = info->status;
	} else if (info->code < 0) {	/* SI_QUEUE, SI_MESGQ, SI_TKILL...: si_value */
		ss->ssi_ptr = (u64)(s64)info->status;
		ss->ssi_int = info->status;
	}
}

/* Takes one signal of @ctx's mask into *@info, sleeping unless @nonblock. */
static int signalfd_dequeue(struct signalfd_ctx *ctx, struct ksiginfo *info, bool nonblock)
{
	struct wait_queue_entry w = { 0 };
	int sig = dequeue_signal(signalfd_mask(ctx), info);

	if (sig || nonblock)
		return sig ? sig : -EAGAIN;
	for (;;) {
		prepare_to_wait(&signal_sent_wqh, &w, TASK_INTERRUPTIBLE);
		sig = dequeue_signal(signalfd_mask(ctx), info);
		if (sig)
			break;
		if (signal_pending(current)) {
			sig = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&signal_sent_wqh, &w);
	return sig;
}

/* As many records as fit in @count (at least one), waiting only for the first. */
static ssize_t signalfd_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct signalfd_ctx *ctx = f->private_data;
	bool nonblock = f->f_flags & O_NONBLOCK;
	struct signalfd_siginfo ss;
	ssize_t total = 0;

	count /= sizeof(ss);
	if (!count)
		return -EINVAL;
	for (; count; count--, buf += sizeof(ss)) {
		struct ksiginfo info;
		int sig = signalfd_dequeue(ctx, &info, nonblock || total);

		if (sig < 0)
			return total ? total : sig;
		signalfd_fill(&ss, sig, &info);
		if (copy_to_user(buf, &ss, sizeof(ss)))
			return total ? total : -EFAULT;
		total += sizeof(ss);
	}
	return total;
}

static __poll_t signalfd_poll(struct file *f, struct poll_table_struct *pt)
{
	struct signalfd_ctx *ctx = f->private_data;

	poll_wait(f, &signal_sent_wqh, pt);
	return (task_pending(current) & signalfd_mask(ctx)) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_show_fdinfo(struct seq_buf *m, struct file *f)
{
	seq_printf(m, "sigmask:\t%016llx\n",
		       (unsigned long long)signalfd_mask(f->private_data));
}

static int signalfd_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.show_fdinfo = signalfd_show_fdinfo,
};

static long signalfd_create(sigset_t mask, int flags)
{
	struct signalfd_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	int fd;

	if (!ctx)
		return -ENOMEM;
	ctx->mask = mask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx, flags);
	if (fd < 0)
		kfree(ctx);
	return fd;
}

/* A new mask for signalfd @ufd (flags are ignored then, as Linux). */
static long signalfd_update(int ufd, sigset_t mask)
{
	struct file *f = fget(ufd);

	if (!f)
		return -EBADF;
	if (f->f_op != &signalfd_fops) {
		fput(f);
		return -EINVAL;
	}
	((struct signalfd_ctx *)f->private_data)->mask = mask;
	wake_up(&signal_sent_wqh);
	fput(f);
	return ufd;
}

static long do_signalfd4(int ufd, const sigset_t __user *umask, size_t sizemask, int flags)
{
	sigset_t mask;

	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	mask &= ~UNBLOCKABLE;
	return ufd == -1 ? signalfd_create(mask, flags) : signalfd_update(ufd, mask);
}

SYSCALL_DEFINE4(signalfd4, int, ufd, const sigset_t __user *, umask, size_t, sizemask, int, flags)
{
	return do_signalfd4(ufd, umask, sizemask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const sigset_t __user *, umask, size_t, sizemask)
{
	return do_signalfd4(ufd, umask, sizemask, 0);
}
