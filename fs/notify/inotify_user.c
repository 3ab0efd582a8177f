/*
 * inotify's system calls and descriptor: inotify_init(1), inotify_add_watch,
 * inotify_rm_watch; read() of whole events, poll, FIONREAD, fdinfo; the
 * fs.inotify sysctls.  The core (watches, queues) is inotify.c.
 *
 * Limits as Linux: max_user_instances (128) groups and max_user_watches
 * watches per real uid (EMFILE, ENOSPC), max_queued_events (16384) per
 * group, read when the group is made.  Linux sizes max_user_watches from
 * RAM (1% of low memory, 8192..1048576); Linnet uses 8192 (tunable).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/permission.h>
#include <linux-ish/poll.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/termios.h>
#include "inotify.h"

int inotify_max_user_instances = 128;
int inotify_max_user_watches = 8192;
int inotify_max_queued_events = 16384;

static LIST_HEAD(ucounts);

/* inotify.h.  inotify_mutex held. */
struct inotify_ucount *inotify_ucount(unsigned int uid)
{
	struct inotify_ucount *u;

	list_for_each_entry(u, &ucounts, node)
		if (u->uid == uid)
			return u;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (u) {
		u->uid = uid;
		list_add(&u->node, &ucounts);
	}
	return u;
}

static void ucount_put(struct inotify_ucount *u)
{
	if (!u->instances && !u->watches) {
		list_del(&u->node);
		kfree(u);
	}
}

static const struct file_operations inotify_fops;

/* ---- reading events ---- */

static bool group_has_events(struct inotify_group *g)
{
	bool any;

	mutex_lock(&inotify_mutex);
	any = g->nr_events != 0;
	mutex_unlock(&inotify_mutex);
	return any;
}

/* Takes the oldest event off @g's queue.  inotify_mutex held, queue not empty. */
static struct inotify_kevent *dequeue(struct inotify_group *g)
{
	struct inotify_kevent *ev = list_first_entry(&g->events, struct inotify_kevent, node);

	list_del(&ev->node);
	g->nr_events--;
	g->queued_bytes -= inotify_event_size(ev);
	return ev;
}

static void kevent_free(struct inotify_group *g, struct inotify_kevent *ev)
{
	if (ev == g->overflow)
		g->overflow_queued = false;
	else
		kfree(ev);
}

/* Copies @ev out at @buf as a struct inotify_event and its padded name. */
static int copy_event(char __user *buf, const struct inotify_kevent *ev)
{
	u32 hdr[4] = { ev->wd, ev->mask, ev->cookie, inotify_event_size(ev) - INOTIFY_HDR };
	static const char zeros[INOTIFY_HDR];
	size_t pad = hdr[3] - ev->name_len;

	BUILD_BUG_ON(INOTIFY_HDR != sizeof(hdr));
	if (copy_to_user(buf, hdr, sizeof(hdr)))
		return -EFAULT;
	buf += sizeof(hdr);
	if (ev->name_len && copy_to_user(buf, ev->name, ev->name_len))
		return -EFAULT;
	if (pad && copy_to_user(buf + ev->name_len, zeros, pad))
		return -EFAULT;
	return 0;
}

/*
 * As many whole events as fit; a first event bigger than @count EINVAL.
 * Blocks while the queue is empty (O_NONBLOCK: EAGAIN).  An event that
 * cannot be copied out is lost, as on Linux, and the read says EFAULT
 * unless some events went out before it.
 */
static ssize_t inotify_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct inotify_group *g = f->private_data;
	ssize_t done = 0;

	for (;;) {
		struct inotify_kevent *ev;
		size_t size;
		int err;

		mutex_lock(&inotify_mutex);
		if (!g->nr_events) {
			mutex_unlock(&inotify_mutex);
			if (done)
				return done;
			if (f->f_flags & O_NONBLOCK)
				return -EAGAIN;
			if (wait_event_interruptible(g->wq, group_has_events(g)))
				return -ERESTARTSYS;
			continue;
		}
		ev = list_first_entry(&g->events, struct inotify_kevent, node);
		size = inotify_event_size(ev);
		if (size > count - done) {
			mutex_unlock(&inotify_mutex);
			return done ? done : -EINVAL;
		}
		dequeue(g);
		err = copy_event(buf + done, ev);
		kevent_free(g, ev);
		mutex_unlock(&inotify_mutex);
		if (err)
			return done ? done : err;
		done += size;
	}
}

static __poll_t inotify_poll(struct file *f, struct poll_table_struct *pt)
{
	struct inotify_group *g = f->private_data;

	poll_wait(f, &g->wq, pt);
	return group_has_events(g) ? POLLIN | POLLRDNORM : 0;
}

static long inotify_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct inotify_group *g = f->private_data;
	int bytes;

	if (cmd != FIONREAD)
		return -EINVAL;		/* Linux's inotify_ioctl default */
	mutex_lock(&inotify_mutex);
	bytes = g->queued_bytes;
	mutex_unlock(&inotify_mutex);
	return put_user(bytes, (int __user *)arg) ? -EFAULT : 0;
}

/* /proc/<pid>/fdinfo: one line per watch, Linux's format. */
static void inotify_show_fdinfo(struct seq_buf *m, struct file *f)
{
	struct inotify_group *g = f->private_data;
	struct inotify_watch *w;

	mutex_lock(&inotify_mutex);
	list_for_each_entry(w, &g->watches, g_node)
		seq_printf(m, "inotify wd:%x ino:%lx sdev:%x mask:%x ignored_mask:0\n", w->wd,
			   w->inode->i_ino, (unsigned int)w->inode->i_sb->s_dev, w->mask);
	mutex_unlock(&inotify_mutex);
}

/*
 * Frees @g with its watches (silently: nobody can read an IN_IGNORED now)
 * and its queue, and gives its instance back to its user.
 */
static void group_free(struct inotify_group *g)
{
	struct inotify_ucount *u;

	mutex_lock(&inotify_mutex);
	while (!list_empty(&g->watches))
		inotify_watch_free(list_first_entry(&g->watches, struct inotify_watch, g_node));
	while (g->nr_events)
		kevent_free(g, dequeue(g));
	list_del(&g->node);
	u = inotify_ucount(g->uid);
	u->instances--;
	ucount_put(u);
	mutex_unlock(&inotify_mutex);
	kfree(g->overflow);
	kfree(g);
}

/* The last close. */
static int inotify_release(struct inode *inode, struct file *f)
{
	group_free(f->private_data);
	return 0;
}

static const struct file_operations inotify_fops = {
	.read = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.show_fdinfo = inotify_show_fdinfo,
	.release = inotify_release,
};

/* ---- the system calls ---- */

static struct inotify_group *group_alloc(void)
{
	struct inotify_group *g = kzalloc(sizeof(*g), GFP_KERNEL);
	struct inotify_ucount *u;
	int err = -ENOMEM;

	if (!g)
		return ERR_PTR(-ENOMEM);
	g->overflow = kmalloc(KEVENT_HDR + 1, GFP_KERNEL);
	if (!g->overflow) {
		kfree(g);
		return ERR_PTR(-ENOMEM);
	}
	INIT_LIST_HEAD(&g->events);
	INIT_LIST_HEAD(&g->watches);
	init_waitqueue_head(&g->wq);
	g->uid = current_uid();
	g->max_events = inotify_max_queued_events;
	mutex_lock(&inotify_mutex);
	u = inotify_ucount(g->uid);
	if (u && u->instances >= (unsigned int)inotify_max_user_instances) {
		err = -EMFILE;
	} else if (u) {
		u->instances++;
		list_add(&g->node, &inotify_groups);
		err = 0;
	}
	mutex_unlock(&inotify_mutex);
	if (err) {
		kfree(g->overflow);
		kfree(g);
		return ERR_PTR(err);
	}
	return g;
}

static long do_inotify_init(int flags)
{
	struct inotify_group *g;
	int fd;

	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	g = group_alloc();
	if (IS_ERR(g))
		return PTR_ERR(g);
	fd = anon_inode_getfd("inotify", &inotify_fops, g, flags & (O_CLOEXEC | O_NONBLOCK));
	if (fd < 0)
		group_free(g);		/* nothing watched or queued yet */
	return fd;
}

SYSCALL_DEFINE1(inotify_init1, int, flags)
{
	return do_inotify_init(flags);
}

SYSCALL_DEFINE0(inotify_init)
{
	return do_inotify_init(0);
}

/* The inotify group behind @fd, with the file referenced in *@fp. */
static struct inotify_group *group_of_fd(int fd, struct file **fp)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &inotify_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	*fp = f;
	return f->private_data;
}

static struct inotify_watch *find_watch(const struct inotify_group *g, const struct inode *inode)
{
	struct inotify_watch *w;

	for (w = inode->i_inotify; w; w = w->i_next)
		if (w->group == g)
			return w;
	return NULL;
}

#define WATCH_BITS	(IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK)

/* Adds or updates @g's watch on @inode.  The wd, or -errno.  inotify_mutex held. */
static long watch_update(struct inotify_group *g, struct inode *inode, u32 mask)
{
	struct inotify_watch *w = find_watch(g, inode);
	struct inotify_ucount *u;

	if (w) {
		if (mask & IN_MASK_CREATE)
			return -EEXIST;
		w->mask = (mask & IN_MASK_ADD ? w->mask : 0) | (mask & WATCH_BITS);
		return w->wd;
	}
	u = inotify_ucount(g->uid);
	if (u->watches >= (unsigned int)inotify_max_user_watches)
		return -ENOSPC;
	if (g->last_wd == INT_MAX)
		return -ENOSPC;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	w->group = g;
	w->inode = inode;
	atomic_inc(&inode->i_count);
	w->wd = ++g->last_wd;
	w->mask = mask & WATCH_BITS;
	w->i_next = inode->i_inotify;
	inode->i_inotify = w;
	list_add_tail(&w->g_node, &g->watches);
	u->watches++;
	inotify_nr_watches++;
	return w->wd;
}

SYSCALL_DEFINE3(inotify_add_watch, int, fd, const char __user *, pathname, u32, mask)
{
	struct inotify_group *g;
	struct path path;
	struct file *f;
	long ret;

	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
		return -EINVAL;
	if (!(mask & (WATCH_BITS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR |
		      IN_DONT_FOLLOW | IN_MASK_CREATE | IN_MASK_ADD | IN_ISDIR)))
		return -EINVAL;
	g = group_of_fd(fd, &f);
	if (IS_ERR(g))
		return PTR_ERR(g);
	ret = user_path_at(AT_FDCWD, pathname, mask & IN_DONT_FOLLOW ? 0 : LOOKUP_FOLLOW, &path);
	if (ret)
		goto out;
	ret = -ENOTDIR;
	if ((mask & IN_ONLYDIR) && !S_ISDIR(path.dentry->d_inode->i_mode))
		goto out_path;
	ret = inode_permission(path.dentry->d_inode, MAY_READ);
	if (ret)
		goto out_path;
	mutex_lock(&inotify_mutex);
	ret = watch_update(g, path.dentry->d_inode, mask);
	mutex_unlock(&inotify_mutex);
out_path:
	path_put(&path);
out:
	fput(f);
	return ret;
}

SYSCALL_DEFINE2(inotify_rm_watch, int, fd, int, wd)
{
	struct inotify_group *g;
	struct inotify_watch *w;
	struct file *f;
	long ret = -EINVAL;

	g = group_of_fd(fd, &f);
	if (IS_ERR(g))
		return PTR_ERR(g);
	mutex_lock(&inotify_mutex);
	list_for_each_entry(w, &g->watches, g_node) {
		if (w->wd == wd) {
			inotify_watch_remove(w);
			ret = 0;
			break;
		}
	}
	mutex_unlock(&inotify_mutex);
	fput(f);
	return ret;
}
