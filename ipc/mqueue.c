/*
 * POSIX message queues: mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify, mq_getsetattr.
 *
 * A queue has a name (what glibc passes: "/name" without its slash), a
 * file of that name in the root of the one "mqueue" instance (mountable,
 * shared by every mount) whose inode carries its owner and mode (so
 * inode_permission() judges opens), and its messages, kept in priority
 * order (highest first, FIFO within one priority).  A queue descriptor is
 * a file on that inode; reading it shows Linux's QSIZE line, poll() says
 * POLLIN while a message waits and POLLOUT while one more fits.  A queue
 * lives while it is named or open (refs); its dentry and inode while
 * named or open, through the VFS's own references.
 *
 * Senders and receivers sleep on the queue's one wait queue, which every
 * change wakes (each sleeper looks again), until their absolute
 * CLOCK_REALTIME timeout (ETIMEDOUT) or a signal (restartable, as Linux).
 *
 * Memory is charged to the creator's real uid against RLIMIT_MSGQUEUE
 * as Linux charges it (EMFILE past it).  The /proc/sys/fs/mqueue knobs
 * live here.  Locking: mq_mutex covers the name list, the per-user
 * charges and every queue's state; poll reads two counts unlocked.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/ipc.h>
#include <linux-ish/mount.h>
#include <linux-ish/mutex.h>
#include <linux-ish/permission.h>
#include <linux-ish/poll.h>
#include <linux-ish/resource.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/timespec.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/proc_fs.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/magic.h>
#include <uapi/linux-ish/mqueue.h>
#include "util.h"

/* /proc/sys/fs/mqueue, with Linux's defaults (bounds: kernel/sysctl.c) */
int mq_queues_max = 256;
int mq_msg_max = 10;
int mq_msgsize_max = 8192;
int mq_msg_default = 10;
int mq_msgsize_default = 8192;

#define HARD_MSGMAX	65536		/* what CAP_SYS_RESOURCE may ask for */
#define HARD_MSGSIZEMAX	(16 * 1024 * 1024)
#define MQ_NODE_COST	24		/* Linux's i386 bookkeeping per message, per priority */

struct mq_msg {
	struct list_head list;
	unsigned int prio;
	size_t len;
	char text[];
};

struct mq_user {			/* one uid's charge */
	struct list_head list;
	unsigned int uid;
	unsigned long bytes;
};

struct mqueue {
	/* all under mq_mutex */
	struct list_head link;		/* in mq_names while named */
	int refs;			/* the name, plus one per open file */
	char name[NAME_MAX + 1];
	struct dentry *dentry;		/* the name in the mqueue root */
	struct inode *inode;		/* owner and mode (held by dentry and files) */
	struct mq_user *user;		/* charged cost bytes */
	unsigned long cost;
	long maxmsg, msgsize, curmsgs;
	unsigned long qsize;		/* bytes of text queued */
	struct list_head msgs;		/* by priority, highest first */
	int receivers;			/* tasks waiting to receive */
	pid_t notify_pid;		/* registered process, 0: none */
	int notify_kind, notify_signo;
	unsigned int notify_value;
	struct wait_queue_head wait;	/* senders, receivers and pollers */
};

static DEFINE_MUTEX(mq_mutex);
static LIST_HEAD(mq_names);
static LIST_HEAD(mq_users);
static int mq_queues_count;
static struct vfsmount *mq_mnt;
static const struct file_operations mq_fops;

/* ---- per-user charges ---- */

/* The cost of a queue as Linux counts it: texts plus bookkeeping. */
static unsigned long mq_cost(long maxmsg, long msgsize)
{
	return maxmsg * MQ_NODE_COST + min_t(long, maxmsg, MQ_PRIO_MAX) * MQ_NODE_COST +
	       maxmsg * msgsize;
}

/* Charges @cost to the real uid: the charge, or ERR_PTR(-EMFILE/-ENOMEM). */
static struct mq_user *mq_charge(unsigned long cost)
	__must_hold(&mq_mutex)
{
	unsigned int uid = current_uid();
	struct mq_user *u;

	list_for_each_entry(u, &mq_users, list)
		if (u->uid == uid)
			goto found;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u)
		return ERR_PTR(-ENOMEM);
	u->uid = uid;
	list_add(&u->list, &mq_users);
found:
	if (u->bytes + cost < u->bytes || u->bytes + cost > rlimit(RLIMIT_MSGQUEUE)) {
		if (!u->bytes) {
			list_del(&u->list);
			kfree(u);
		}
		return ERR_PTR(-EMFILE);
	}
	u->bytes += cost;
	return u;
}

static void mq_uncharge(struct mq_user *u, unsigned long cost)
	__must_hold(&mq_mutex)
{
	u->bytes -= cost;
	if (!u->bytes) {
		list_del(&u->list);
		kfree(u);
	}
}

/* ---- queues ---- */

static struct mqueue *mq_lookup(const char *name)
	__must_hold(&mq_mutex)
{
	struct mqueue *q;

	list_for_each_entry(q, &mq_names, link)
		if (!strcmp(q->name, name))
			return q;
	return NULL;
}

/* Drops a reference; the last frees the queue, its messages and charge. */
static void mq_put(struct mqueue *q)
	__must_hold(&mq_mutex)
{
	struct mq_msg *m, *next;

	if (--q->refs)
		return;
	list_for_each_entry_safe(m, next, &q->msgs, list)
		kfree(m);
	mq_uncharge(q->user, q->cost);
	kfree(q);
}

/* Linux's checks of a creator's attributes: 0, -EINVAL or -EOVERFLOW. */
static int mq_attr_check(const struct mq_attr *attr)
{
	bool hard = capable(CAP_SYS_RESOURCE);

	if (attr->mq_maxmsg <= 0 || attr->mq_msgsize <= 0)
		return -EINVAL;
	if (attr->mq_maxmsg > (hard ? HARD_MSGMAX : mq_msg_max) ||
	    attr->mq_msgsize > (hard ? HARD_MSGSIZEMAX : mq_msgsize_max))
		return -EINVAL;
	if ((unsigned long)attr->mq_msgsize > ULONG_MAX / attr->mq_maxmsg ||
	    mq_cost(attr->mq_maxmsg, attr->mq_msgsize) < (unsigned long)attr->mq_maxmsg *
	    attr->mq_msgsize)
		return -EOVERFLOW;
	return 0;
}

/* A new named queue (@attr NULL: the defaults, capped by the maxima). */
static struct mqueue *mq_create(const char *name, umode_t mode, const struct mq_attr *attr)
	__must_hold(&mq_mutex)
{
	struct mqueue *q;
	int err;

	if (mq_queues_count >= mq_queues_max && !capable(CAP_SYS_RESOURCE))
		return ERR_PTR(-ENOSPC);
	if (attr && (err = mq_attr_check(attr)))
		return ERR_PTR(err);
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->maxmsg = attr ? attr->mq_maxmsg : min(mq_msg_default, mq_msg_max);
	q->msgsize = attr ? attr->mq_msgsize : min(mq_msgsize_default, mq_msgsize_max);
	q->cost = mq_cost(q->maxmsg, q->msgsize);
	q->user = mq_charge(q->cost);
	if (IS_ERR(q->user)) {
		err = PTR_ERR(q->user);
		goto out_free;
	}
	q->inode = new_inode(mq_mnt->mnt_sb, S_IFREG | (mode & 07777 & ~current->fs->umask));
	q->dentry = q->inode ? d_alloc(mq_mnt->mnt_root, name, strlen(name)) : NULL;
	if (!q->dentry) {
		if (q->inode)
			kfree_inode(q->inode);
		err = -ENOMEM;
		goto out_uncharge;
	}
	q->dentry->d_inode = q->inode;
	q->inode->i_fop = &mq_fops;
	q->inode->i_uid = current_fsuid();
	q->inode->i_gid = current_cred()->fsgid;
	q->inode->i_mtime = q->inode->i_atime = q->inode->i_ctime = ktime_get_real_seconds();
	q->inode->i_private = q;
	strlcpy(q->name, name, sizeof(q->name));
	INIT_LIST_HEAD(&q->msgs);
	init_waitqueue_head(&q->wait);
	q->refs = 1;
	list_add_tail(&q->link, &mq_names);
	mq_queues_count++;
	return q;

out_uncharge:
	mq_uncharge(q->user, q->cost);
out_free:
	kfree(q);
	return ERR_PTR(err);
}

/* Takes the name away; the queue lives on while open. */
static void mq_unname(struct mqueue *q)
	__must_hold(&mq_mutex)
{
	d_delete(q->dentry);		/* the last file (or now) frees it and the inode */
	list_del(&q->link);
	mq_queues_count--;
	mq_put(q);
}

/* A name as lookup_one_len() takes it: -EACCES for "", ".", ".." or a '/'. */
static int mq_check_name(const char *name)
{
	size_t len = strlen(name);

	if (!len)
		return -ENOENT;		/* getname()'s answer */
	if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EACCES;
	return len > NAME_MAX ? -ENAMETOOLONG : 0;
}

/* The user's name, checked: kmalloc'd or ERR_PTR. */
static char *mq_getname(const char __user *u_name)
{
	char *name = getname(u_name);
	int err;

	if (IS_ERR(name))
		return name;
	err = mq_check_name(name);
	if (err) {
		kfree(name);
		return ERR_PTR(err);
	}
	return name;
}

/* ---- descriptors ---- */

/* The queue behind descriptor @fd, file referenced; ERR_PTR(-EBADF). */
static struct file *mq_fget(int fd, struct mqueue **q)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &mq_fops) {
		fput(f);
		return ERR_PTR(-EBADF);
	}
	*q = f->f_inode->i_private;
	return f;
}

static void mq_notify_remove(struct mqueue *q)
	__must_hold(&mq_mutex)
{
	q->notify_pid = 0;
	q->notify_kind = 0;
	q->notify_signo = 0;
}

/* An open of the queue's file through a mount of the mqueue file system. */
static int mq_file_open(struct inode *inode, struct file *f)
{
	struct mqueue *q = inode->i_private;

	mutex_lock(&mq_mutex);
	q->refs++;
	mutex_unlock(&mq_mutex);
	return 0;
}

static int mq_release(struct inode *inode, struct file *f)
{
	struct mqueue *q = inode->i_private;

	mutex_lock(&mq_mutex);
	if (q->notify_pid == current->pid)
		mq_notify_remove(q);
	mq_put(q);
	mutex_unlock(&mq_mutex);
	return 0;
}

static __poll_t mq_poll(struct file *f, struct poll_table_struct *pt)
{
	struct mqueue *q = f->f_inode->i_private;
	__poll_t mask = 0;

	poll_wait(f, &q->wait, pt);
	if (READ_ONCE(q->curmsgs))
		mask |= POLLIN | POLLRDNORM;
	if (READ_ONCE(q->curmsgs) < q->maxmsg)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/* Linux's one-line status of the queue, from *pos on. */
static ssize_t mq_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct mqueue *q = f->f_inode->i_private;
	char line[80];
	size_t len;

	mutex_lock(&mq_mutex);
	len = snprintf(line, sizeof(line), "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		       q->qsize, q->notify_pid ? q->notify_kind : 0,
		       q->notify_pid && q->notify_kind == SIGEV_SIGNAL ? q->notify_signo : 0,
		       q->notify_pid);
	mutex_unlock(&mq_mutex);
	if (*pos >= len)
		return 0;
	len = min_t(size_t, len - *pos, count);
	if (copy_to_user(buf, line + *pos, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static const struct file_operations mq_fops = {
	.open = mq_file_open,
	.read = mq_read,
	.poll = mq_poll,
	.release = mq_release,
};

/* A descriptor (always close-on-exec, as Linux's) open on @q for @oflag. */
static int mq_install(struct mqueue *q, int fd, int oflag)
	__must_hold(&mq_mutex)
{
	struct path path = { mq_mnt, q->dentry };
	struct file *f = alloc_file(&path, oflag & (O_ACCMODE | O_NONBLOCK), &mq_fops);

	if (!f)
		return -ENOMEM;
	q->refs++;
	fd_install(fd, f);
	return fd;
}

/* ---- mq_open, mq_unlink ---- */

static int mq_open_existing(struct mqueue *q, int oflag)
{
	static const int acc[] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE };

	if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if ((oflag & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	return inode_permission(q->inode, acc[oflag & O_ACCMODE]);
}

static long do_mq_open(const char __user *u_name, int oflag, umode_t mode,
		       const struct mq_attr *attr)
{
	char *name = mq_getname(u_name);
	struct mqueue *q;
	long ret;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		kfree(name);
		return fd;
	}
	mutex_lock(&mq_mutex);
	q = mq_lookup(name);
	if (q) {
		ret = mq_open_existing(q, oflag);
	} else if (!(oflag & O_CREAT)) {
		ret = -ENOENT;
	} else {
		q = mq_create(name, mode, attr);
		ret = IS_ERR(q) ? PTR_ERR(q) : 0;
	}
	if (!ret)
		ret = mq_install(q, fd, oflag);
	mutex_unlock(&mq_mutex);
	if (ret < 0)
		put_unused_fd(fd);
	kfree(name);
	return ret;
}

SYSCALL_DEFINE4(mq_open, const char __user *, u_name, int, oflag, umode_t, mode,
		struct mq_attr __user *, u_attr)
{
	struct mq_attr attr;

	if (u_attr && copy_from_user(&attr, u_attr, sizeof(attr)))
		return -EFAULT;
	return do_mq_open(u_name, oflag, mode, u_attr ? &attr : NULL);
}

/* The sticky root directory's rule: the owner, root or CAP_FOWNER. */
static int mq_may_unlink(const struct mqueue *q)
{
	unsigned int fsuid = current_fsuid();

	if (fsuid == q->inode->i_uid || fsuid == 0 || capable(CAP_FOWNER))
		return 0;
	return -EPERM;
}

SYSCALL_DEFINE1(mq_unlink, const char __user *, u_name)
{
	char *name = mq_getname(u_name);
	struct mqueue *q;
	long ret;

	if (IS_ERR(name))
		return PTR_ERR(name);
	mutex_lock(&mq_mutex);
	q = mq_lookup(name);
	ret = q ? mq_may_unlink(q) : -ENOENT;
	if (!ret)
		mq_unname(q);
	mutex_unlock(&mq_mutex);
	kfree(name);
	return ret;
}

/* ---- sending and receiving ---- */

/*
 * An absolute CLOCK_REALTIME timeout (NULL: none) as a local_clock()
 * deadline in *end.  0, -EFAULT, or -EINVAL for an invalid timespec.
 */
static int mq_deadline(const void __user *u_ts, bool time32, u64 *end, bool *bad)
{
	struct timespec64 ts;
	u64 ns, real;

	*end = IPC_NO_TIMEOUT;
	*bad = false;
	if (!u_ts)
		return 0;
	if (get_user_timespec(&ts, u_ts, time32))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC) {
		*bad = true;
		return 0;
	}
	if ((u64)ts.tv_sec >= (~0ULL >> 2) / NSEC_PER_SEC)
		return 0;
	ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	real = ktime_get_real_ns();
	*end = local_clock() + (ns > real ? ns - real : 0);
	return 0;
}

/*
 * Waits for a change of @q (mq_mutex held, dropped meanwhile): 0 to
 * look again, -EAGAIN for O_NONBLOCK, -ETIMEDOUT, -ERESTARTSYS.
 */
static long mq_wait(struct mqueue *q, struct file *f, u64 end)
	__must_hold(&mq_mutex)
{
	if (f->f_flags & O_NONBLOCK)
		return -EAGAIN;
	if (signal_pending(current))
		return -ERESTARTSYS;
	if (end != IPC_NO_TIMEOUT && local_clock() >= end)
		return -ETIMEDOUT;
	ipc_sleep_unlocked(&q->wait, &mq_mutex, end);
	return 0;
}

/* Signals the registered process (then forgets it), if any. */
static void mq_notify_fire(struct mqueue *q)
	__must_hold(&mq_mutex)
{
	struct ksiginfo info = { .code = SI_MESGQ, .pid = current->pid, .uid = current_uid(),
				 .status = q->notify_value };
	struct task_struct *p;

	if (!q->notify_pid)
		return;
	p = q->notify_kind == SIGEV_SIGNAL && q->notify_signo ?
	    find_task_by_pid(q->notify_pid) : NULL;
	if (p)
		send_sig_info(q->notify_signo, &info, p);
	mq_notify_remove(q);
}

/* Queues @m behind every message of its priority or above. */
static void mq_insert(struct mqueue *q, struct mq_msg *m)
	__must_hold(&mq_mutex)
{
	struct mq_msg *pos;

	list_for_each_entry(pos, &q->msgs, list)
		if (pos->prio < m->prio)
			break;
	list_add_tail(&m->list, &pos->list);
	q->curmsgs++;
	q->qsize += m->len;
	if (q->curmsgs == 1 && !q->receivers)
		mq_notify_fire(q);
	wake_up(&q->wait);
}

static long do_mq_timedsend(int mqdes, const char __user *u_msg, size_t len,
			    unsigned int prio, u64 end)
{
	struct mqueue *q;
	struct mq_msg *m;
	struct file *f = mq_fget(mqdes, &q);
	long ret = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (!(f->f_mode & FMODE_WRITE))
		ret = -EBADF;
	else if (len > (size_t)q->msgsize)
		ret = -EMSGSIZE;
	if (ret)
		goto out_fput;
	m = kmalloc(offsetof(struct mq_msg, text) + len, GFP_KERNEL);
	ret = -ENOMEM;
	if (!m)
		goto out_fput;
	ret = -EFAULT;
	if (copy_from_user(m->text, u_msg, len))
		goto out_free;
	m->len = len;
	m->prio = prio;
	mutex_lock(&mq_mutex);
	while (q->curmsgs >= q->maxmsg && !(ret = mq_wait(q, f, end)))
		;
	if (q->curmsgs < q->maxmsg) {
		mq_insert(q, m);
		m = NULL;
		ret = 0;
	}
	mutex_unlock(&mq_mutex);
out_free:
	kfree(m);
out_fput:
	fput(f);
	return ret;
}

/* Takes the first message (mq_mutex held, a message queued). */
static struct mq_msg *mq_take(struct mqueue *q)
	__must_hold(&mq_mutex)
{
	struct mq_msg *m = list_first_entry(&q->msgs, struct mq_msg, list);

	list_del(&m->list);
	q->curmsgs--;
	q->qsize -= m->len;
	wake_up(&q->wait);
	return m;
}

static long do_mq_timedreceive(int mqdes, char __user *u_msg, size_t len,
			       unsigned int __user *u_prio, u64 end)
{
	struct mq_msg *m = NULL;
	struct mqueue *q;
	struct file *f = mq_fget(mqdes, &q);
	long ret = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (!(f->f_mode & FMODE_READ))
		ret = -EBADF;
	else if (len < (size_t)q->msgsize)
		ret = -EMSGSIZE;
	if (ret)
		goto out_fput;
	mutex_lock(&mq_mutex);
	q->receivers++;
	while (!q->curmsgs && !(ret = mq_wait(q, f, end)))
		;
	q->receivers--;
	if (q->curmsgs)
		m = mq_take(q);
	mutex_unlock(&mq_mutex);
	if (!m)
		goto out_fput;
	ret = m->len;			/* as Linux: a failed copy loses the message */
	if (copy_to_user(u_msg, m->text, m->len) || (u_prio && put_user(m->prio, u_prio)))
		ret = -EFAULT;
	kfree(m);
out_fput:
	fput(f);
	return ret;
}

static long mq_send_common(int mqdes, const char __user *u_msg, size_t len,
			   unsigned int prio, const void __user *u_ts, bool time32)
{
	bool bad;
	u64 end;
	int err = mq_deadline(u_ts, time32, &end, &bad);

	if (err)
		return err;
	if (prio >= MQ_PRIO_MAX || bad)
		return -EINVAL;
	return do_mq_timedsend(mqdes, u_msg, len, prio, end);
}

static long mq_receive_common(int mqdes, char __user *u_msg, size_t len,
			      unsigned int __user *u_prio, const void __user *u_ts, bool time32)
{
	bool bad;
	u64 end;
	int err = mq_deadline(u_ts, time32, &end, &bad);

	if (err)
		return err;
	if (bad)
		return -EINVAL;
	return do_mq_timedreceive(mqdes, u_msg, len, u_prio, end);
}

SYSCALL_DEFINE5(mq_timedsend, int, mqdes, const char __user *, u_msg, size_t, len,
		unsigned int, prio, const struct old_timespec32 __user *, u_ts)
{
	return mq_send_common(mqdes, u_msg, len, prio, u_ts, true);
}

SYSCALL_DEFINE5(mq_timedsend_time64, int, mqdes, const char __user *, u_msg, size_t, len,
		unsigned int, prio, const struct __kernel_timespec __user *, u_ts)
{
	return mq_send_common(mqdes, u_msg, len, prio, u_ts, false);
}

SYSCALL_DEFINE5(mq_timedreceive, int, mqdes, char __user *, u_msg, size_t, len,
		unsigned int __user *, u_prio, const struct old_timespec32 __user *, u_ts)
{
	return mq_receive_common(mqdes, u_msg, len, u_prio, u_ts, true);
}

SYSCALL_DEFINE5(mq_timedreceive_time64, int, mqdes, char __user *, u_msg, size_t, len,
		unsigned int __user *, u_prio, const struct __kernel_timespec __user *, u_ts)
{
	return mq_receive_common(mqdes, u_msg, len, u_prio, u_ts, false);
}

/* ---- mq_notify, mq_getsetattr ---- */

/*
 * SIGEV_THREAD wants a netlink socket in sigev_signo; Linnet has none,
 * so after Linux's checks (cookie EFAULT, EBADF, ENOTSOCK) it is EINVAL,
 * what Linux says of a socket of another family.
 */
static int mq_notify_thread(const struct sigevent_head *n)
{
	char cookie[NOTIFY_COOKIE_LEN];
	struct file *f;
	int err;

	if (copy_from_user(cookie, (void __user *)(unsigned long)n->sigev_value, sizeof(cookie)))
		return -EFAULT;
	f = fget(n->sigev_signo);
	if (!f)
		return -EBADF;
	err = S_ISSOCK(f->f_inode->i_mode) ? -EINVAL : -ENOTSOCK;
	fput(f);
	return err;
}

static long mq_notify_set(struct mqueue *q, const struct sigevent_head *n)
	__must_hold(&mq_mutex)
{
	if (!n) {
		if (q->notify_pid == current->pid)
			mq_notify_remove(q);
		return 0;
	}
	if (q->notify_pid)
		return -EBUSY;
	q->notify_pid = current->pid;
	q->notify_kind = n->sigev_notify;
	q->notify_signo = n->sigev_signo;
	q->notify_value = n->sigev_value;
	return 0;
}

SYSCALL_DEFINE2(mq_notify, int, mqdes, const void __user *, u_notification)
{
	struct sigevent_head n;
	struct mqueue *q;
	struct file *f;
	long ret;

	if (u_notification) {
		char whole[SIGEV_SIZE];

		if (copy_from_user(whole, u_notification, sizeof(whole)))
			return -EFAULT;
		memcpy(&n, whole, sizeof(n));
		if (n.sigev_notify != SIGEV_NONE && n.sigev_notify != SIGEV_SIGNAL &&
		    n.sigev_notify != SIGEV_THREAD)
			return -EINVAL;
		if (n.sigev_notify == SIGEV_SIGNAL && (unsigned int)n.sigev_signo > _NSIG)
			return -EINVAL;
		if (n.sigev_notify == SIGEV_THREAD)
			return mq_notify_thread(&n);
	}
	f = mq_fget(mqdes, &q);
	if (IS_ERR(f))
		return PTR_ERR(f);
	mutex_lock(&mq_mutex);
	ret = mq_notify_set(q, u_notification ? &n : NULL);
	mutex_unlock(&mq_mutex);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(mq_getsetattr, int, mqdes, const struct mq_attr __user *, u_new,
		struct mq_attr __user *, u_old)
{
	struct mq_attr new, old;
	struct mqueue *q;
	struct file *f;

	if (u_new && copy_from_user(&new, u_new, sizeof(new)))
		return -EFAULT;
	if (u_new && (new.mq_flags & ~O_NONBLOCK))
		return -EINVAL;
	f = mq_fget(mqdes, &q);
	if (IS_ERR(f))
		return PTR_ERR(f);
	memset(&old, 0, sizeof(old));
	mutex_lock(&mq_mutex);
	old.mq_flags = f->f_flags & O_NONBLOCK;
	old.mq_maxmsg = q->maxmsg;
	old.mq_msgsize = q->msgsize;
	old.mq_curmsgs = q->curmsgs;
	if (u_new)
		f->f_flags = (f->f_flags & ~O_NONBLOCK) | new.mq_flags;
	mutex_unlock(&mq_mutex);
	fput(f);
	if (u_old && copy_to_user(u_old, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- the file system ---- */

static const struct super_operations mqueue_sops = {
	.statfs = simple_statfs,
};

/*
 * One instance, made at boot and shared by every mount: its root (1777)
 * names each queue.  The root is immutable, so names come and go only
 * through mq_open and mq_unlink.
 */
static int mqueue_fill_super(struct super_block *sb, char *data)
{
	int err = ramfs_fill_root(sb, S_ISVTX | 0777);

	if (err)
		return err;
	sb->s_magic = MQUEUE_MAGIC;
	sb->s_op = &mqueue_sops;
	sb->s_root->d_inode->i_flags |= S_IMMUTABLE;
	return 0;
}

static struct file_system_type mqueue_fs_type = {
	.name = "mqueue",
	.fs_flags = FS_SINGLE | FS_USERMOUNT,
	.fill_super = mqueue_fill_super,
	.kill_sb = generic_kill_sb,
};

void mqueue_init(void)
{
	register_filesystem(&mqueue_fs_type);
	mq_mnt = kern_mount(&mqueue_fs_type);
}
