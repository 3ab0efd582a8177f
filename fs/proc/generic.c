/*
 * procfs files and inodes.  A text file's show function runs when the
 * file is opened, into a buffer (doubled until the text fits, up to
 * 256 KiB); read() serves that snapshot, and a read at offset 0 after
 * that makes a new one, like Linux's seq_file.  A file
 * with a write function also takes write(): each write() is one value
 * (up to PROC_WRITE_MAX bytes, trailing white space ignored), handed to
 * the function with the target task, which must still exist.  Binary
 * files (pagemap, mem, kpagecount) have file_operations of their own.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include "internal.h"

#define PROC_BUF_MIN	4096
#define PROC_BUF_MAX	(256 * 1024)
#define PROC_WRITE_MAX	63

void seq_printf(struct seq_buf *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->len, m->size - m->len, fmt, ap);
	va_end(ap);
	if (m->len + n >= m->size)
		m->overflow = true;
	else
		m->len += n;
}

void seq_putc(struct seq_buf *m, char c)
{
	if (m->len + 1 >= m->size)
		m->overflow = true;
	else
		m->buf[m->len++] = c;
}

/*
 * A task /proc knows: user tasks and kernel threads (kthreadd, ...; not
 * the idle task, pid 0), zombies included, until reaped.  /proc/<tid>
 * of a thread is found but not listed (as Linux).
 */
static bool proc_knows(const struct task_struct *p)
{
	return p->pid > 0 && p->exit_state != EXIT_DEAD;
}

/* A process /proc lists: a thread-group leader. */
static bool proc_lists(const struct task_struct *p)
{
	return proc_knows(p) && thread_group_leader(p);
}

struct task_struct *proc_find_task(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && proc_knows(p))
			return p;
	return NULL;
}

struct task_struct *proc_task(struct inode *inode)
{
	return proc_find_task(PROC_I(inode)->pid);
}

pid_t proc_next_pid(pid_t from)
{
	struct task_struct *p;
	pid_t best = 0;

	list_for_each_entry(p, &task_list, tasks)
		if (proc_lists(p) && p->pid >= from && (!best || p->pid < best))
			best = p->pid;
	return best;
}

long proc_name_number(const char *name)
{
	long v = 0;

	if (!*name || (name[0] == '0' && name[1]))
		return -1;
	for (; *name; name++) {
		int d = *name - '0';

		if (d < 0 || d > 9 || v > (INT_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	return v;
}

/* Runs the file's show function into a buffer big enough.  0, -ESRCH or -ENOMEM. */
static int proc_generate(struct inode *inode, struct seq_buf *m)
{
	const struct proc_entry *e = inode->i_private;
	pid_t pid = e->attr_show ? 0 : PROC_I(inode)->pid;
	struct task_struct *p = NULL;

	for (size_t size = PROC_BUF_MIN; size <= PROC_BUF_MAX; size *= 2) {
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->len = 0;
		m->overflow = false;
		if (pid && !(p = proc_find_task(pid))) {
			kfree(m->buf);
			return -ESRCH;
		}
		if (p)
			get_task_struct(p);	/* a show may sleep (mmput, a fault) */
		if (e->attr_show)
			e->attr_show(m, e->data);
		else if (e->show_fd)
			e->show_fd(m, p, PROC_I(inode)->fd);
		else
			e->show(m, p);
		if (p)
			put_task_struct(p);
		if (!m->overflow)
			return 0;
		kfree(m->buf);
	}
	return -ENOMEM;
}

static int proc_open(struct inode *inode, struct file *f)
{
	const struct proc_entry *e = inode->i_private;
	struct seq_buf *m;
	int err;

	if (!e->write && !e->attr_write && (f->f_flags & O_ACCMODE) != O_RDONLY)
		return -EACCES;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->consumed = e->at_read;	/* the first read at 0 shows it */
	err = e->at_read ? 0 : proc_generate(inode, m);
	if (err) {
		kfree(m);
		return err;
	}
	f->private_data = m;
	return 0;
}

/*
 * Serves the snapshot.  A read at offset 0 of a snapshot already read
 * (pread(fd, 0), or after lseek to 0) makes a fresh one first, as
 * Linux's seq_file does: a program that polls /proc/uptime through one
 * descriptor sees it change.
 */
static ssize_t proc_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct seq_buf *m = f->private_data;
	size_t n;

	if (*pos == 0 && m->consumed) {
		struct seq_buf fresh = { NULL, 0, 0, false, false };
		int err = proc_generate(f->f_inode, &fresh);

		if (err)
			return err;
		kfree(m->buf);
		*m = fresh;
	}
	m->consumed = true;
	if (*pos >= (loff_t)m->len)
		return 0;
	n = min_t(size_t, count, m->len - *pos);
	if (copy_to_user(buf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/*
 * The task is looked up only after copy_from_user(), which may sleep on
 * a page fault; it may have been reaped by then (ESRCH).
 */
static ssize_t proc_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	const struct proc_entry *e = f->f_inode->i_private;
	struct task_struct *p = NULL;
	char kbuf[PROC_WRITE_MAX + 1];
	size_t n = min_t(size_t, count, PROC_WRITE_MAX);
	int err;

	if (copy_from_user(kbuf, buf, n))
		return -EFAULT;
	if (!e->write && !e->attr_write)
		return -EINVAL;
	while (n && (kbuf[n - 1] == '\n' || kbuf[n - 1] == ' ' || kbuf[n - 1] == '\t'))
		n--;
	kbuf[n] = '\0';
	if (e->attr_write) {
		err = e->attr_write(e->data, kbuf);
	} else {
		pid_t pid = PROC_I(f->f_inode)->pid;

		if (pid && !(p = proc_find_task(pid)))
			return -ESRCH;
		if (p)
			get_task_struct(p);
		err = e->write(p, kbuf);
		if (p)
			put_task_struct(p);
	}
	if (err)
		return err;
	/* A rewind and read (stdio's "r+" streams) sees the new value. */
	((struct seq_buf *)f->private_data)->consumed = true;
	return count;
}

static loff_t proc_llseek(struct file *f, loff_t offset, int whence)
{
	const struct seq_buf *m = f->private_data;
	loff_t pos = whence == SEEK_SET ? offset : whence == SEEK_CUR ? f->f_pos + offset :
		     whence == SEEK_END ? (loff_t)m->len + offset : -1;

	if (pos < 0 || whence > SEEK_END)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static int proc_release(struct inode *inode, struct file *f)
{
	struct seq_buf *m = f->private_data;

	if (m) {
		kfree(m->buf);
		kfree(m);
	}
	return 0;
}

const struct file_operations proc_file_ops = {
	.open = proc_open,
	.read = proc_read,
	.write = proc_write,
	.llseek = proc_llseek,
	.release = proc_release,
};

const struct file_operations proc_dir_fops = {
	.llseek = generic_file_llseek,
};

/* Makes the immutable file @name in @dir with @fop, serving @e (consumed). */
static int proc_install(struct dentry *dir, const char *name, unsigned int mode,
			const struct file_operations *fop, struct proc_entry *e)
{
	struct dentry *d;
	int err = ramfs_mknod(dir, name, S_IFREG | mode, 0, &d);

	if (err) {
		kfree(e);
		return err;
	}
	d->d_inode->i_fop = fop;
	d->d_inode->i_private = e;
	d->d_inode->i_flags |= S_IMMUTABLE;
	return 0;
}

/* A global file @name in @dir showing @show (its task argument is NULL). */
int proc_create_global(struct dentry *dir, const char *name, proc_show_t show)
{
	struct proc_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	e->show = show;
	return proc_install(dir, name, 0444, &proc_file_ops, e);
}

/* A global file with operations of its own (binary files). */
int proc_create_fops(struct dentry *dir, const char *name, umode_t mode,
		     const struct file_operations *fop)
{
	struct proc_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	return proc_install(dir, name, mode, fop, e);
}

int attr_file_create(struct dentry *dir, const char *name, unsigned int mode,
		     attr_show_t show, attr_write_t write, void *data)
{
	struct proc_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	e->attr_show = show;
	e->attr_write = write;
	e->data = data;
	return proc_install(dir, name, mode, &proc_file_ops, e);
}

/*
 * A /proc/<pid> inode belongs to the task's effective ids while it is
 * dumpable, to root otherwise (Linux's task_dump_owner); global ones to root.
 */
static void proc_set_owner(struct inode *inode, pid_t pid)
{
	struct task_struct *p = pid > 0 ? proc_find_task(pid) : NULL;

	if (p && p->dumpable) {
		inode->i_uid = p->cred->euid;
		inode->i_gid = p->cred->egid;
	}
}

struct inode *proc_make_inode(struct dentry *dentry, umode_t mode, pid_t pid)
{
	struct inode *inode = new_inode(dentry->d_sb, mode);

	if (!inode)
		return NULL;
	inode->i_mtime = inode->i_atime = inode->i_ctime = ktime_get_real_seconds();
	inode->i_flags |= S_IMMUTABLE;
	if (S_ISDIR(mode))
		inode->i_nlink = 2;
	PROC_I(inode)->pid = pid;
	proc_set_owner(inode, pid);
	dentry->d_inode = inode;
	return inode;
}

/* The inode of table entry @e as @dentry, for @pid.  0 or -ENOMEM. */
static int proc_table_instantiate(struct dentry *dentry, pid_t pid, const struct pid_entry *e)
{
	struct inode *inode = proc_make_inode(dentry, e->mode, pid);

	if (!inode)
		return -ENOMEM;
	inode->i_op = e->iop;
	inode->i_fop = e->fop ? e->fop : S_ISREG(e->mode) ? &proc_file_ops : NULL;
	inode->i_private = (void *)&e->show;
	return 0;
}

int proc_table_lookup(struct dentry *dentry, pid_t pid, const struct pid_entry *table,
		      unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (!strcmp(dentry->d_name, table[i].name))
			return proc_table_instantiate(dentry, pid, &table[i]);
	return -ENOENT;
}

/* The dots, then the table's names; positions 2 + index. */
int proc_table_readdir(struct file *f, struct dir_context *ctx,
		       const struct pid_entry *table, unsigned int n)
{
	unsigned long ino = f->f_inode->i_ino;

	if (!proc_task(f->f_inode))
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (loff_t i = ctx->pos - 2; i < n; i++)
		if (!dir_emit(ctx, table[i].name, ino + 1 + i, fs_umode_to_dtype(table[i].mode)))
			break;
	return 0;
}
