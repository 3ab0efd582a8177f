/*
 * seccomp user notification: SECCOMP_RET_USER_NOTIF hands the call to a
 * supervisor holding the filter's listener ("seccomp notify" anon inode,
 * made by SECCOMP_FILTER_FLAG_NEW_LISTENER), as Linux 6.1.
 *
 * A notification (struct seccomp_knotif, on the target's stack) goes
 * INIT (queued: POLLIN) -> SENT (RECV gave it out: POLLOUT) -> REPLIED
 * (SEND, ADDFD with SEND, or the listener's close: -ENOSYS).  ADDFD
 * requests (on the supervisor's stack) queue on the notification; the
 * target installs the descriptor in its own table and marks it done.
 *
 * Locking: filter->wqh.lock covers filter->notif and everything in it,
 * every notification's state, answer and addfd list, and every addfd
 * request's done/ret.  Nobody sleeps or touches a descriptor table with
 * it held.  Every change is followed by wake_up(&filter->wqh), which
 * wakes targets, supervisors and pollers; each rechecks its condition.
 * Lifetimes: a target's chain holds its filter; the listener file holds
 * a reference on the filter and is held by any supervisor in an ioctl,
 * so the context outlives every RECV/SEND/ADDFD running on it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/poll.h>
#include <linux-ish/random.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/eventpoll.h>
#include <uapi/linux-ish/fcntl.h>
#include <asm/ptrace.h>
#include "seccomp_internal.h"

#define ADDFD_SIZE_VER0		24
#define IOC_SIZE_MASK		(0x3fffU << 16)
#define IOC_INOUT		(3U << 30)	/* extensible ioctls match in any direction */

enum notify_state { NOTIFY_INIT, NOTIFY_SENT, NOTIFY_REPLIED };

struct seccomp_notif_ctx {
	unsigned int request;		/* notifications queued and not yet taken by RECV */
	u64 next_id;
	struct list_head notifications;	/* seccomp_knotif.list, oldest first */
};

struct seccomp_knotif {
	struct task_struct *task;
	u64 id;
	const struct seccomp_data *data;
	enum notify_state state;
	int error;			/* the answer: ax = error ?: val */
	long val;
	u32 flags;			/* SECCOMP_USER_NOTIF_FLAG_CONTINUE */
	struct list_head list;
	struct list_head addfd;		/* seccomp_kaddfd.list, newest first */
};

struct seccomp_kaddfd {
	struct file *file;
	int fd;				/* SETFD: the number wanted */
	unsigned int o_flags;		/* O_CLOEXEC */
	u32 ioctl_flags;		/* SECCOMP_ADDFD_FLAG_* */
	bool done;
	int ret;			/* the descriptor or an error, once done */
	struct list_head list;
};

/* The filter's lock (macros, so that sparse follows the context). */
#define notify_lock(f, irq)	spin_lock_irqsave(&(f)->wqh.lock, irq)
#define notify_unlock(f, irq)	spin_unlock_irqrestore(&(f)->wqh.lock, irq)

/* Filter lock held; the listener open. */
static struct seccomp_knotif *find_notification(struct seccomp_filter *f, u64 id)
{
	struct seccomp_knotif *n;

	list_for_each_entry(n, &f->notif->notifications, list)
		if (n->id == id)
			return n;
	return NULL;
}

bool seccomp_chain_has_listener(void)
{
	struct seccomp_filter *f;

	for (f = current->seccomp.filter; f; f = f->prev)
		if (READ_ONCE(f->notif))
			return true;
	return false;
}

void seccomp_filter_orphan(struct seccomp_filter *f)
{
	while (f && atomic_dec_and_test(&f->users)) {
		wake_up(&f->wqh);	/* pollers: POLLHUP */
		f = f->prev;
	}
}

/* ---- the target's side ---- */

/* Installs @a's file in current's table (no lock held): the descriptor or an error. */
static int install_addfd(const struct seccomp_kaddfd *a)
{
	if (!(a->ioctl_flags & SECCOMP_ADDFD_FLAG_SETFD)) {
		int fd = get_unused_fd_flags(a->o_flags);

		if (fd >= 0)
			fd_install(fd, get_file(a->file));
		return fd;
	}
	if ((unsigned int)a->fd >= fd_limit())
		return -EBADF;
	return replace_fd(a->fd, get_file(a->file), a->o_flags);
}

/* @a's result, filter lock held: with SEND it answers @n too (or reopens it on failure). */
static void finish_addfd(struct seccomp_knotif *n, struct seccomp_kaddfd *a, int fd)
{
	a->ret = fd;
	if (a->ioctl_flags & SECCOMP_ADDFD_FLAG_SEND) {
		if (fd < 0) {
			n->state = NOTIFY_SENT;		/* the supervisor may answer again */
		} else {
			n->flags = 0;
			n->error = 0;
			n->val = fd;
		}
	}
	a->done = true;
}

static bool target_woken(struct seccomp_knotif *n)
{
	return READ_ONCE(n->state) == NOTIFY_REPLIED || !list_empty(&n->addfd);
}

/*
 * WAIT_KILLABLE_RECV once received: "D" in /proc, only a fatal signal
 * (or the answer) wakes it.  0 or -ERESTARTSYS.
 */
static int wait_killable(struct seccomp_filter *f, struct seccomp_knotif *n)
{
	int err = 0;

	___wait_event(f->wqh, target_woken(n), TASK_KILLABLE,
		      if (signal_fatal_pending(current)) {
			      err = -ERESTARTSYS;
			      break;
		      });
	return err;
}

bool seccomp_user_notify(struct pt_regs *regs, struct seccomp_filter *match,
			 const struct seccomp_data *sd)
{
	struct seccomp_knotif n = { .task = current, .data = sd, .state = NOTIFY_INIT };
	struct seccomp_kaddfd *a, *tmp;
	unsigned long irq;
	int err = 0;

	INIT_LIST_HEAD(&n.addfd);
	notify_lock(match, irq);
	if (!match->notif) {
		notify_unlock(match, irq);
		regs->ax = -ENOSYS;
		return true;
	}
	n.id = match->notif->next_id++;
	list_add_tail(&n.list, &match->notif->notifications);
	match->notif->request++;
	for (;;) {
		bool killable;

		if (!list_empty(&n.addfd)) {
			int fd;

			/* off the list: its supervisor waits for done, @a stays */
			a = list_first_entry(&n.addfd, struct seccomp_kaddfd, list);
			list_del_init(&a->list);
			notify_unlock(match, irq);
			fd = install_addfd(a);
			notify_lock(match, irq);
			finish_addfd(&n, a, fd);
			notify_unlock(match, irq);
			wake_up(&match->wqh);
			notify_lock(match, irq);
			continue;
		}
		if (n.state == NOTIFY_REPLIED)
			break;
		/* WAIT_KILLABLE_RECV: once received, only a fatal signal interrupts */
		killable = match->wait_killable_recv && n.state == NOTIFY_SENT;
		notify_unlock(match, irq);
		wake_up(&match->wqh);
		if (killable)
			err = wait_killable(match, &n);
		else
			err = wait_event_interruptible(match->wqh, target_woken(&n));
		notify_lock(match, irq);
		if (err && !target_woken(&n)) {
			if (!killable && match->wait_killable_recv && n.state == NOTIFY_SENT) {
				err = 0;
				continue;
			}
			break;
		}
		err = 0;
	}
	/* requests left when interrupted: the target went away first */
	list_for_each_entry_safe(a, tmp, &n.addfd, list) {
		a->ret = -ESRCH;
		list_del_init(&a->list);
		a->done = true;
	}
	list_del_init(&n.list);		/* the listener's close may have done it */
	notify_unlock(match, irq);
	wake_up(&match->wqh);
	if (err) {
		regs->ax = -ERESTARTSYS;	/* the signal decides: restart or EINTR */
		return true;
	}
	if (n.flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE)
		return false;
	regs->ax = n.error ? n.error : n.val;
	return true;
}

/* ---- the listener ---- */

static long notify_recv(struct seccomp_filter *f, void __user *buf)
{
	struct seccomp_notif un;
	struct seccomp_knotif *n, *found = NULL;
	unsigned long irq;
	int ret;

	ret = check_zeroed_user(buf, sizeof(un));
	if (ret < 0)
		return ret;
	if (!ret)
		return -EINVAL;
	memset(&un, 0, sizeof(un));
	for (;;) {
		notify_lock(f, irq);
		if (f->notif->request) {
			f->notif->request--;
			break;
		}
		notify_unlock(f, irq);
		if (wait_event_interruptible(f->wqh, READ_ONCE(f->notif->request) != 0))
			return -ERESTARTSYS;
	}
	list_for_each_entry(n, &f->notif->notifications, list) {
		if (n->state == NOTIFY_INIT) {
			found = n;
			break;
		}
	}
	/* none: its task was interrupted since it was queued */
	if (!found) {
		notify_unlock(f, irq);
		return -ENOENT;
	}
	un.id = found->id;
	un.pid = found->task->pid;
	un.data = *found->data;
	found->state = NOTIFY_SENT;
	notify_unlock(f, irq);
	wake_up(&f->wqh);
	if (!copy_to_user(buf, &un, sizeof(un)))
		return 0;
	/* the supervisor cannot see it: back to the queue */
	notify_lock(f, irq);
	found = find_notification(f, un.id);
	if (found && found->state == NOTIFY_SENT) {
		found->state = NOTIFY_INIT;
		f->notif->request++;
	}
	notify_unlock(f, irq);
	wake_up(&f->wqh);
	return -EFAULT;
}

static long notify_send(struct seccomp_filter *f, const void __user *buf)
{
	struct seccomp_notif_resp resp;
	struct seccomp_knotif *n;
	unsigned long irq;
	long ret = 0;

	if (copy_from_user(&resp, buf, sizeof(resp)))
		return -EFAULT;
	if (resp.flags & ~SECCOMP_USER_NOTIF_FLAG_CONTINUE)
		return -EINVAL;
	if ((resp.flags & SECCOMP_USER_NOTIF_FLAG_CONTINUE) && (resp.error || resp.val))
		return -EINVAL;
	notify_lock(f, irq);
	n = find_notification(f, resp.id);
	if (!n) {
		ret = -ENOENT;
	} else if (n->state != NOTIFY_SENT) {
		ret = -EINPROGRESS;		/* not received yet, or answered */
	} else {
		n->state = NOTIFY_REPLIED;
		n->error = resp.error;
		n->val = (long)resp.val;
		n->flags = resp.flags;
	}
	notify_unlock(f, irq);
	if (!ret)
		wake_up(&f->wqh);
	return ret;
}

static long notify_id_valid(struct seccomp_filter *f, const void __user *buf)
{
	struct seccomp_knotif *n;
	unsigned long irq;
	u64 id;
	long ret;

	if (copy_from_user(&id, buf, sizeof(id)))
		return -EFAULT;
	notify_lock(f, irq);
	n = find_notification(f, id);
	ret = n && n->state == NOTIFY_SENT ? 0 : -ENOENT;
	notify_unlock(f, irq);
	return ret;
}

/* Queues @a on notification @id and waits until its target has handled it. */
static long addfd_queue(struct seccomp_filter *f, u64 id, struct seccomp_kaddfd *a)
{
	struct seccomp_knotif *n;
	unsigned long irq;
	long ret;

	notify_lock(f, irq);
	n = find_notification(f, id);
	if (!n) {
		notify_unlock(f, irq);
		return -ENOENT;
	}
	if (n->state != NOTIFY_SENT) {		/* not received yet, or answered */
		notify_unlock(f, irq);
		return -EINPROGRESS;
	}
	if (a->ioctl_flags & SECCOMP_ADDFD_FLAG_SEND) {
		if (!list_empty(&n->addfd)) {
			notify_unlock(f, irq);
			return -EBUSY;
		}
		n->state = NOTIFY_REPLIED;	/* exactly one answer */
	}
	list_add(&a->list, &n->addfd);
	notify_unlock(f, irq);
	wake_up(&f->wqh);
	if (!wait_event_interruptible(f->wqh, READ_ONCE(a->done)))
		return a->ret;
	notify_lock(f, irq);
	if (!a->done && list_empty(&a->list)) {
		/* its target is installing it right now: not for long */
		notify_unlock(f, irq);
		wait_event(f->wqh, READ_ONCE(a->done));
		notify_lock(f, irq);
	}
	if (a->done) {
		ret = a->ret;
	} else {
		list_del(&a->list);
		ret = -ERESTARTSYS;
	}
	notify_unlock(f, irq);
	return ret;
}

static long notify_addfd(struct seccomp_filter *f, const void __user *buf, unsigned int size)
{
	struct seccomp_notif_addfd ua;
	struct seccomp_kaddfd a = { .done = false };
	long ret;

	if (size < ADDFD_SIZE_VER0 || size >= PAGE_SIZE)
		return -EINVAL;
	ret = copy_struct_from_user(&ua, sizeof(ua), buf, size);
	if (ret)
		return ret;
	if (ua.newfd_flags & ~O_CLOEXEC)
		return -EINVAL;
	if (ua.flags & ~(SECCOMP_ADDFD_FLAG_SETFD | SECCOMP_ADDFD_FLAG_SEND))
		return -EINVAL;
	if (ua.newfd && !(ua.flags & SECCOMP_ADDFD_FLAG_SETFD))
		return -EINVAL;
	a.file = fget((int)ua.srcfd);
	if (!a.file)
		return -EBADF;
	a.fd = (int)ua.newfd;
	a.o_flags = ua.newfd_flags & O_CLOEXEC;
	a.ioctl_flags = ua.flags;
	INIT_LIST_HEAD(&a.list);
	ret = addfd_queue(f, ua.id, &a);
	fput(a.file);
	return ret;
}

static long notify_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct seccomp_filter *f = file->private_data;
	void __user *buf = (void __user *)arg;

	switch (cmd) {
	case SECCOMP_IOCTL_NOTIF_RECV:
		return notify_recv(f, buf);
	case SECCOMP_IOCTL_NOTIF_SEND:
		return notify_send(f, buf);
	case SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR:
	case SECCOMP_IOCTL_NOTIF_ID_VALID:
		return notify_id_valid(f, buf);
	}
	/* extensible: any size of ADDFD's struct */
	if ((cmd & ~(IOC_SIZE_MASK | IOC_INOUT)) == (SECCOMP_IOCTL_NOTIF_ADDFD & ~(IOC_SIZE_MASK | IOC_INOUT)))
		return notify_addfd(f, buf, (cmd & IOC_SIZE_MASK) >> 16);
	return -EINVAL;
}

static __poll_t notify_poll(struct file *file, struct poll_table_struct *pt)
{
	struct seccomp_filter *f = file->private_data;
	struct seccomp_knotif *n;
	__poll_t mask = 0;
	unsigned long irq;

	poll_wait(file, &f->wqh, pt);
	notify_lock(f, irq);
	list_for_each_entry(n, &f->notif->notifications, list) {
		if (n->state == NOTIFY_INIT)
			mask |= POLLIN | POLLRDNORM;
		if (n->state == NOTIFY_SENT)
			mask |= POLLOUT | POLLWRNORM;
	}
	notify_unlock(f, irq);
	if (!atomic_read(&f->users))
		mask |= POLLHUP;
	return mask;
}

/* The listener goes: every unanswered notification's call fails with ENOSYS. */
static int notify_release(struct inode *inode, struct file *file)
{
	struct seccomp_filter *f = file->private_data;
	struct seccomp_knotif *n, *tmp;
	struct seccomp_notif_ctx *ctx;
	unsigned long irq;

	notify_lock(f, irq);
	ctx = f->notif;
	list_for_each_entry_safe(n, tmp, &ctx->notifications, list) {
		list_del_init(&n->list);
		if (n->state == NOTIFY_REPLIED)
			continue;
		n->state = NOTIFY_REPLIED;
		n->error = -ENOSYS;
		n->val = 0;
		n->flags = 0;
	}
	WRITE_ONCE(f->notif, NULL);
	notify_unlock(f, irq);
	wake_up(&f->wqh);
	kfree(ctx);
	seccomp_filter_put(f);
	return 0;
}

static const struct file_operations notify_fops = {
	.poll = notify_poll,
	.ioctl = notify_ioctl,
	.release = notify_release,
};

struct file *seccomp_listener_file(struct seccomp_filter *f)
{
	struct seccomp_notif_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	struct file *file;

	if (!ctx)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&ctx->notifications);
	ctx->next_id = ((u64)get_random_u32() << 32) | get_random_u32();
	file = anon_inode_getfile("seccomp notify", &notify_fops, f, O_RDWR);
	if (IS_ERR(file)) {
		kfree(ctx);
		return file;
	}
	f->notif = ctx;
	seccomp_filter_get(f);
	return file;
}
