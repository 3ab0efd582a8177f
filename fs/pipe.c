/*
 * Pipes: a ring buffer between a read end and a write end, 64 KiB (16
 * pages) as on Linux until F_SETPIPE_SZ resizes it (a power of two of
 * pages, at least one, at most fs.pipe-max-size for non-root).  Reads block while the pipe is empty and a writer exists (then
 * return 0: end of file); writes block while it is full and a reader
 * exists.  Writes of at most PIPE_BUF bytes are atomic.  Writing with no
 * reader left raises SIGPIPE (whose default action ends the process) and
 * returns -EPIPE.  pipe->mutex serialises readers and writers; the copy
 * to or from user memory happens under it (faults take mmap_lock, which
 * never nests the other way).  Every change a poller waits for (bytes in,
 * room made, an end closed) is followed by a wake-up of rd_wait or
 * wr_wait, which wakes pollers too (pipe_poll).
 *
 * A FIFO (mknod S_IFIFO) is the same pipe, made at its first open and
 * hung on the inode (i_pipe) until its last end closes; fifo_lock guards
 * i_pipe.  Opening for reading waits for a writer, for writing waits for
 * a reader (O_NONBLOCK: a reader does not wait, a writer with no reader
 * gets ENXIO), O_RDWR never waits, as on Linux.  r_counter and w_counter
 * count the opens of each kind, so a waiter sees any open since it began.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/poll.h>
#include <uapi/linux-ish/magic.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

#define PIPE_DEF_SIZE	65536

/* fs.pipe-max-size: F_SETPIPE_SZ's limit for unprivileged callers. */
unsigned int pipe_max_size = 1048576;

struct pipe {
	struct mutex mutex;
	char *buf;
	unsigned int size;		/* of buf: bytes, a power of two of pages */
	unsigned int head, len;		/* next byte to read; bytes held */
	unsigned int readers, writers;
	unsigned int r_counter, w_counter;	/* FIFO: opens for reading, writing */
	struct wait_queue_head rd_wait, wr_wait;
};

static DEFINE_MUTEX(fifo_lock);

static struct vfsmount *pipe_mnt;

static int pipefs_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = PIPEFS_MAGIC;
	return 0;
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.fill_super = pipefs_fill_super,
};

void pipe_init(void)
{
	pipe_mnt = kern_mount(&pipe_fs_type);
}

/* Copies up to @count buffered bytes out.  pipe->mutex held. */
static ssize_t pipe_copy_out(struct pipe *p, char __user *ubuf, size_t count)
{
	size_t done = 0;

	while (done < count && p->len) {
		size_t contiguous = min(p->len, p->size - p->head);
		size_t n = min_t(size_t, count - done, contiguous);

		if (copy_to_user(ubuf + done, p->buf + p->head, n))
			return done ? (ssize_t)done : -EFAULT;
		p->head = (p->head + n) % p->size;
		p->len -= n;
		done += n;
	}
	return done;
}

static ssize_t pipe_read(struct file *f, char __user *ubuf, size_t count, loff_t *pos)
{
	struct pipe *p = f->private_data;
	ssize_t ret;

	if (!count)
		return 0;
	mutex_lock(&p->mutex);
	while (!p->len) {
		if (!p->writers) {
			mutex_unlock(&p->mutex);
			return 0;
		}
		mutex_unlock(&p->mutex);
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(p->rd_wait, p->len || !p->writers))
			return -ERESTARTSYS;
		mutex_lock(&p->mutex);
	}
	ret = pipe_copy_out(p, ubuf, count);
	mutex_unlock(&p->mutex);
	wake_up(&p->wr_wait);
	return ret;
}

/*
 * Copies @n bytes in, from user memory or (@kernel, sendfile) the
 * kernel's; the caller made sure they fit.  pipe->mutex held.
 */
static int pipe_copy_in(struct pipe *p, const char __user *ubuf, size_t n, bool kernel)
{
	while (n) {
		unsigned int tail = (p->head + p->len) % p->size;
		size_t chunk = min_t(size_t, n, p->size - tail);

		if (kernel)
			memcpy(p->buf + tail, (__force const char *)ubuf, chunk);
		else if (copy_from_user(p->buf + tail, ubuf, chunk))
			return -EFAULT;
		p->len += chunk;
		ubuf += chunk;
		n -= chunk;
	}
	return 0;
}

static ssize_t __pipe_write(struct file *f, const char __user *ubuf, size_t count,
			    bool kernel)
{
	struct pipe *p = f->private_data;
	size_t done = 0;

	mutex_lock(&p->mutex);
	while (done < count) {
		size_t room = p->size - p->len, want = count - done, n;

		if (!p->readers) {
			mutex_unlock(&p->mutex);
			send_sig(SIGPIPE, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		/* Small writes go in whole or not at all (PIPE_BUF atomicity). */
		if (!room || (want <= PIPE_BUF && room < want)) {
			mutex_unlock(&p->mutex);
			wake_up(&p->rd_wait);
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(p->wr_wait,
					READ_ONCE(p->size) - p->len >=
					min_t(size_t, want, PIPE_BUF) ||
					!p->readers))
				return done ? (ssize_t)done : -ERESTARTSYS;
			mutex_lock(&p->mutex);
			continue;
		}
		n = min(room, want);
		if (pipe_copy_in(p, ubuf + done, n, kernel)) {
			mutex_unlock(&p->mutex);
			return done ? (ssize_t)done : -EFAULT;
		}
		done += n;
	}
	mutex_unlock(&p->mutex);
	wake_up(&p->rd_wait);
	return done;
}

static ssize_t pipe_write(struct file *f, const char __user *ubuf, size_t count, loff_t *pos)
{
	return __pipe_write(f, ubuf, count, false);
}

static const struct file_operations pipe_fops;

/*
 * sendfile into a pipe: write(2)'s rules for @count bytes at @buf, a
 * kernel address.  Bytes written, or -errno (-EINVAL: not a pipe).
 */
ssize_t pipe_write_kernel(struct file *f, const void *buf, size_t count)
{
	if (f->f_op != &pipe_fops)
		return -EINVAL;
	return __pipe_write(f, (__force const char __user *)buf, count, true);
}

/* ---- what fs/splice.c needs: the ring, its waits and copies ---- */

/* The pipe behind @f (a pipe end or an open FIFO), or NULL. */
struct pipe *get_pipe_info(struct file *f)
{
	return f->f_op == &pipe_fops ? f->private_data : NULL;
}

/*
 * Waits until @p holds a byte (0) or has no writer (1: end of file);
 * -EAGAIN with @nonblock, -ERESTARTSYS on a signal.  Takes no lock.
 */
int pipe_wait_readable(struct pipe *p, bool nonblock)
{
	while (!READ_ONCE(p->len)) {
		if (!READ_ONCE(p->writers))
			return 1;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(p->rd_wait, p->len || !p->writers))
			return -ERESTARTSYS;
	}
	return 0;
}

/*
 * Waits until @p has room (0); no reader left: SIGPIPE and -EPIPE;
 * -EAGAIN with @nonblock, -ERESTARTSYS on a signal.  Takes no lock.
 */
int pipe_wait_writable(struct pipe *p, bool nonblock)
{
	for (;;) {
		if (!READ_ONCE(p->readers)) {
			send_sig(SIGPIPE, current);
			return -EPIPE;
		}
		if (READ_ONCE(p->len) < READ_ONCE(p->size))
			return 0;
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(p->wr_wait, p->len < p->size || !p->readers))
			return -ERESTARTSYS;
	}
}

/*
 * Copies up to @count bytes from @from's ring to @to's (or, @to NULL,
 * to kernel @buf), consuming them unless @peek.  Both mutexes held.
 * Bytes copied.
 */
static size_t ring_copy(struct pipe *from, struct pipe *to, void *buf, size_t count, bool peek)
{
	unsigned int head = from->head;
	size_t done = 0;

	if (to)
		count = min_t(size_t, count, to->size - to->len);
	count = min_t(size_t, count, from->len);
	while (done < count) {
		size_t n = min_t(size_t, count - done, from->size - head);

		if (to)
			pipe_copy_in(to, (__force const char __user *)(from->buf + head), n, true);
		else
			memcpy((char *)buf + done, from->buf + head, n);
		head = (head + n) % from->size;
		done += n;
	}
	if (!peek) {
		from->head = head;
		from->len -= done;
	}
	return done;
}

/*
 * Copies up to @count bytes from @from to @to (two different pipes,
 * locked in address order) or, @to NULL, to kernel @buf; consumes them
 * unless @peek; never waits.  Bytes moved.
 */
size_t pipe_transfer(struct pipe *from, struct pipe *to, void *buf, size_t count, bool peek)
{
	size_t done;

	if (!to) {
		mutex_lock(&from->mutex);
		done = ring_copy(from, NULL, buf, count, peek);
		mutex_unlock(&from->mutex);
	} else {
		struct pipe *first = from < to ? from : to, *second = from < to ? to : from;

		mutex_lock(&first->mutex);
		mutex_lock(&second->mutex);
		done = ring_copy(from, to, NULL, count, peek);
		mutex_unlock(&second->mutex);
		mutex_unlock(&first->mutex);
	}
	if (done && !peek)
		wake_up(&from->wr_wait);
	if (done && to)
		wake_up(&to->rd_wait);
	return done;
}

/* Drops @n bytes from the front of @p (pipe_transfer's peek, confirmed). */
void pipe_consume(struct pipe *p, size_t n)
{
	mutex_lock(&p->mutex);
	n = min_t(size_t, n, p->len);
	p->head = (p->head + n) % p->size;
	p->len -= n;
	mutex_unlock(&p->mutex);
	wake_up(&p->wr_wait);
}

/* Appends up to @count kernel bytes to @p without waiting; bytes put in. */
size_t pipe_fill(struct pipe *p, const void *buf, size_t count)
{
	mutex_lock(&p->mutex);
	count = min_t(size_t, count, p->size - p->len);
	pipe_copy_in(p, (__force const char __user *)buf, count, true);
	mutex_unlock(&p->mutex);
	if (count)
		wake_up(&p->rd_wait);
	return count;
}

static void pipe_free(struct pipe *p)
{
	kfree(p->buf);
	kfree(p);
}

/* Each end's last close; the pipe goes with the last end, the inode with its dentry. */
static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe *p = f->private_data;
	bool last;

	mutex_lock(&p->mutex);
	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	last = !p->readers && !p->writers;
	mutex_unlock(&p->mutex);
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	if (last) {
		mutex_lock(&fifo_lock);
		if (inode->i_pipe == p)
			inode->i_pipe = NULL;	/* a FIFO: the next open makes a new pipe */
		mutex_unlock(&fifo_lock);
		pipe_free(p);
	}
	return 0;
}

/*
 * Readable with bytes buffered, hung up (POLLHUP) with no writer left;
 * writable with room for PIPE_BUF bytes, an error (POLLERR) with no
 * reader left.  Reads the counters without pipe->mutex (->poll must not
 * sleep): each is one word, and every change is followed by a wake-up.
 */
static __poll_t pipe_poll(struct file *f, struct poll_table_struct *pt)
{
	struct pipe *p = f->private_data;
	__poll_t mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &p->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &p->wr_wait, pt);
	if (f->f_mode & FMODE_READ) {
		if (READ_ONCE(p->len))
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(p->writers))
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (READ_ONCE(p->size) - READ_ONCE(p->len) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.release = pipe_release,
};

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->size = PIPE_DEF_SIZE;
	p->buf = kmalloc(p->size, GFP_KERNEL);
	if (!p->buf) {
		kfree(p);
		return NULL;
	}
	mutex_init(&p->mutex);
	init_waitqueue_head(&p->rd_wait);
	init_waitqueue_head(&p->wr_wait);
	p->readers = p->writers = 1;
	return p;
}

/* ---- FIFOs ---- */

/* Waits (interruptibly) until *@counter moves from @seen.  0 or -ERESTARTSYS. */
static int fifo_wait(struct wait_queue_head *wq, unsigned int *counter, unsigned int seen)
{
	return wait_event_interruptible(*wq, READ_ONCE(*counter) != seen) ? -ERESTARTSYS : 0;
}

/* The FIFO's pipe, made at the first open.  fifo_lock held. */
static struct pipe *fifo_get_pipe(struct inode *inode)
{
	if (!inode->i_pipe) {
		inode->i_pipe = pipe_alloc();
		if (inode->i_pipe)
			inode->i_pipe->readers = inode->i_pipe->writers = 0;
	}
	return inode->i_pipe;
}

/* Counts this end in; -ENXIO for a non-blocking writer with no reader.  fifo_lock held. */
static int fifo_join(struct pipe *p, struct file *f)
{
	if ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == FMODE_WRITE &&
	    (f->f_flags & O_NONBLOCK) && !p->readers)
		return -ENXIO;
	mutex_lock(&p->mutex);
	if (f->f_mode & FMODE_READ) {
		p->readers++;
		p->r_counter++;
	}
	if (f->f_mode & FMODE_WRITE) {
		p->writers++;
		p->w_counter++;
	}
	mutex_unlock(&p->mutex);
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	return 0;
}

/* A blocking one-sided open waits for the other side; a signal undoes it. */
static int fifo_wait_peer(struct pipe *p, struct file *f)
{
	bool reader = f->f_mode & FMODE_READ;
	int err = 0;

	if ((f->f_mode & FMODE_READ) && (f->f_mode & FMODE_WRITE))
		return 0;
	if (reader && !p->writers && !(f->f_flags & O_NONBLOCK))
		err = fifo_wait(&p->rd_wait, &p->w_counter, p->w_counter);
	else if (!reader && !p->readers)
		err = fifo_wait(&p->wr_wait, &p->r_counter, p->r_counter);
	return err;
}

static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p;
	int err;

	mutex_lock(&fifo_lock);
	p = fifo_get_pipe(inode);
	err = p ? fifo_join(p, f) : -ENOMEM;
	if (err && p && !p->readers && !p->writers) {
		inode->i_pipe = NULL;
		pipe_free(p);
	}
	mutex_unlock(&fifo_lock);
	if (err)
		return err;
	f->f_op = &pipe_fops;
	f->private_data = p;
	err = fifo_wait_peer(p, f);
	if (err)
		pipe_release(inode, f);		/* as if closed: the count goes back */
	return err;
}

const struct file_operations def_fifo_fops = {
	.open = fifo_open,
};

/*
 * Both ends as files (each referenced) on one pipefs inode and its
 * dentry "pipe:[ino]", as /proc shows them; or -ENOMEM.
 */
static int create_pipe_files(struct file **ends, int flags)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb, S_IFIFO | 0600);
	struct pipe *p = inode ? pipe_alloc() : NULL;
	char name[24];

	if (!p) {
		if (inode)
			kfree_inode(inode);
		return -ENOMEM;
	}
	snprintf(name, sizeof(name), "pipe:[%lu]", inode->i_ino);
	ends[0] = alloc_file_pseudo(inode, pipe_mnt, name, O_RDONLY | (flags & O_NONBLOCK),
				    &pipe_fops);
	if (IS_ERR(ends[0]))
		goto out_free_pipe;
	ends[1] = alloc_file(&ends[0]->f_path, O_WRONLY | (flags & O_NONBLOCK), &pipe_fops);
	if (!ends[1]) {
		ends[0]->f_op = NULL;	/* no release: the pipe is freed below */
		fput(ends[0]);
		goto out_free_pipe;
	}
	ends[0]->private_data = ends[1]->private_data = p;
	return 0;

out_free_pipe:
	pipe_free(p);
	return -ENOMEM;
}

static long do_pipe2(int __user *ufds, int flags)
{
	struct file *ends[2] = { NULL, NULL };
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | 040000 /* O_DIRECT */))
		return -EINVAL;
	err = create_pipe_files(ends, flags);
	if (err)
		return err;
	fds[0] = get_unused_fd_flags(flags);
	fds[1] = fds[0] < 0 ? -EMFILE : get_unused_fd_flags(flags);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			put_unused_fd(fds[0]);
		err = -EMFILE;
		goto out_put;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		put_unused_fd(fds[0]);
		put_unused_fd(fds[1]);
		err = -EFAULT;
		goto out_put;
	}
	fd_install(fds[0], ends[0]);
	fd_install(fds[1], ends[1]);
	return 0;

out_put:
	fput(ends[0]);
	fput(ends[1]);
	return err;
}

SYSCALL_DEFINE1(pipe, int __user *, fds)
{
	return do_pipe2(fds, 0);
}

SYSCALL_DEFINE2(pipe2, int __user *, fds, int, flags)
{
	return do_pipe2(fds, flags);
}

/* ---- F_GETPIPE_SZ, F_SETPIPE_SZ ---- */

/* Linux's rounding: a power of two of pages, at least one; 0 if over 2^31. */
unsigned int round_pipe_size(unsigned long size)
{
	unsigned int r = PAGE_SIZE;

	if (size > (1UL << 31))
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

/* May the caller grow a pipe past pipe-max-size?  CAP_SYS_RESOURCE, as Linux. */
static bool pipe_size_privileged(void)
{
	return capable(CAP_SYS_RESOURCE);
}

/* A new buffer of @size bytes holding the bytes in flight.  pipe->mutex held. */
static int pipe_resize(struct pipe *p, unsigned int size)
{
	char *buf;
	size_t first;

	if (p->len > size)
		return -EBUSY;
	buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	first = min(p->len, p->size - p->head);
	memcpy(buf, p->buf + p->head, first);
	memcpy(buf + first, p->buf, p->len - first);
	kfree(p->buf);
	p->buf = buf;
	p->size = size;
	p->head = 0;
	return 0;
}

/*
 * fcntl F_GETPIPE_SZ / F_SETPIPE_SZ on a pipe or FIFO end: the capacity
 * in bytes, or -EBADF (not a pipe), -EINVAL, -EPERM (over pipe-max-size
 * without privilege), -EBUSY (fewer bytes than are held), -ENOMEM.
 */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->private_data;
	unsigned int size;
	long ret;

	if (f->f_op != &pipe_fops)
		return -EBADF;
	if (cmd == F_GETPIPE_SZ)
		return READ_ONCE(p->size);
	size = round_pipe_size(arg);
	if (!size)
		return -EINVAL;
	/* cppcheck-suppress knownConditionTrueFalse ; until credentials exist */
	if (size > p->size && size > READ_ONCE(pipe_max_size) && !pipe_size_privileged())
		return -EPERM;
	mutex_lock(&p->mutex);
	ret = pipe_resize(p, size) ?: p->size;
	mutex_unlock(&p->mutex);
	wake_up(&p->wr_wait);		/* more room, perhaps */
	return ret;
}
