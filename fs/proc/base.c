/*
 * procfs files.  Each is a ramfs inode under /proc whose i_private names
 * a show function (and, under /proc/<pid>, the pid).  Opening it runs the
 * show function into a buffer (doubling it until the text fits, up to
 * 256 KiB); read() then serves that snapshot, like Linux's seq_file.
 * A file with a write function also takes write(): each write() is one
 * value (up to PROC_WRITE_MAX bytes, trailing white space ignored),
 * handed to the function with the target task, which must still exist.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/mm.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

#define PROC_BUF_MIN	4096
#define PROC_BUF_MAX	(256 * 1024)
#define PROC_WRITE_MAX	63

struct proc_entry {
	proc_show_t show;
	proc_write_t write;	/* NULL: read-only */
	pid_t pid;		/* 0: a global file */
	/* Instead, for kernel attribute files (debugfs): */
	attr_show_t attr_show;
	attr_write_t attr_write;
	void *data;
};

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

static struct task_struct *find_process(pid_t pid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && !(p->flags & PF_KTHREAD) && !p->exit_state)
			return p;
	return NULL;
}

/* Runs the show function into a buffer big enough.  0, -ESRCH or -ENOMEM. */
static int proc_generate(const struct proc_entry *e, struct seq_buf *m)
{
	struct task_struct *p = NULL;

	for (size_t size = PROC_BUF_MIN; size <= PROC_BUF_MAX; size *= 2) {
		m->buf = kmalloc(size, GFP_KERNEL);
		if (!m->buf)
			return -ENOMEM;
		m->size = size;
		m->len = 0;
		m->overflow = false;
		if (e->pid) {
			p = find_process(e->pid);
			if (!p) {
				kfree(m->buf);
				return -ESRCH;
			}
		}
		if (e->attr_show)
			e->attr_show(m, e->data);
		else
			e->show(m, p);
		if (!m->overflow)
			return 0;
		kfree(m->buf);
	}
	return -ENOMEM;
}

static int proc_open(struct inode *inode, struct file *f)
{
	struct seq_buf *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int err;

	const struct proc_entry *e = inode->i_private;

	if (!m)
		return -ENOMEM;
	if (e && !e->write && !e->attr_write && (f->f_flags & O_ACCMODE) != O_RDONLY) {
		kfree(m);
		return -EACCES;
	}
	if (!e) {			/* the process is gone */
		kfree(m);
		return -ESRCH;
	}
	err = proc_generate(e, m);
	if (err) {
		kfree(m);
		return err;
	}
	f->private_data = m;
	return 0;
}

static ssize_t proc_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	const struct seq_buf *m = f->private_data;
	size_t n;

	if (*pos >= (loff_t)m->len)
		return 0;
	n = min_t(size_t, count, m->len - *pos);
	if (copy_to_user(buf, m->buf + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/*
 * The entry is looked at only after copy_from_user(), which may sleep on
 * a page fault: a /proc/<pid> entry is freed when its process exits.
 */
static ssize_t proc_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	const struct proc_entry *e;
	struct task_struct *p = NULL;
	char kbuf[PROC_WRITE_MAX + 1];
	size_t n = min_t(size_t, count, PROC_WRITE_MAX);
	int err;

	if (copy_from_user(kbuf, buf, n))
		return -EFAULT;
	e = f->f_inode->i_private;
	if (!e)
		return -ESRCH;		/* the process is gone */
	if (!e->write && !e->attr_write)
		return -EINVAL;
	while (n && (kbuf[n - 1] == '\n' || kbuf[n - 1] == ' ' || kbuf[n - 1] == '\t'))
		n--;
	kbuf[n] = '\0';
	if (e->attr_write) {
		err = e->attr_write(e->data, kbuf);
		return err ? err : (ssize_t)count;
	}
	if (e->pid && !(p = find_process(e->pid)))
		return -ESRCH;
	err = e->write(p, kbuf);
	return err ? err : (ssize_t)count;
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

static const struct file_operations proc_file_ops = {
	.open = proc_open,
	.read = proc_read,
	.write = proc_write,
	.llseek = proc_llseek,
	.release = proc_release,
};

/* Makes the immutable file @name in @dir served by @e (consumed). */
static int proc_install(struct dentry *dir, const char *name, unsigned int mode,
			struct proc_entry *e)
{
	struct dentry *d;
	int err = ramfs_mknod(dir, name, S_IFREG | mode, 0, &d);

	if (err) {
		kfree(e);
		return err;
	}
	d->d_inode->i_fop = &proc_file_ops;
	d->d_inode->i_private = e;
	d->d_inode->i_flags |= S_IMMUTABLE;
	return 0;
}

/*
 * A file @name in @dir showing @show for @pid, writable through @write if
 * that is not NULL.  0 or -errno.
 */
static int proc_create_rw(struct dentry *dir, const char *name, proc_show_t show,
			  proc_write_t write, pid_t pid)
{
	struct proc_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	e->show = show;
	e->write = write;
	e->pid = pid;
	return proc_install(dir, name, write ? 0644 : 0444, e);
}

static int proc_create(struct dentry *dir, const char *name, proc_show_t show, pid_t pid)
{
	return proc_create_rw(dir, name, show, NULL, pid);
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
	return proc_install(dir, name, mode, e);
}

/* ---- /proc/<pid> ---- */

static struct vfsmount *proc_mnt;

static char vma_perm(const struct vm_area_struct *vma, unsigned long flag, char c)
{
	return (vma->vm_flags & flag) ? c : '-';
}

/* The path of an open file, as d_path() gives it. */
static void seq_file_path(struct seq_buf *m, const struct file *f)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	const char *p = buf ? d_path(&f->f_path, buf, PATH_MAX) : ERR_PTR(-ENOMEM);

	seq_printf(m, "%s", IS_ERR(p) ? "?" : p);
	kfree(buf);
}

/* One line of /proc/<pid>/maps in Linux's format (32-bit kernel widths). */
static void show_map_vma(struct seq_buf *m, const struct vm_area_struct *vma,
			 const struct mm_struct *mm)
{
	const struct inode *inode = vma->vm_file ? vma->vm_file->f_inode : NULL;
	size_t start = m->len;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   vma_perm(vma, VM_READ, 'r'), vma_perm(vma, VM_WRITE, 'w'),
		   vma_perm(vma, VM_EXEC, 'x'), (vma->vm_flags & VM_MAYSHARE) ? 's' : 'p',
		   inode ? vma->vm_pgoff << PAGE_SHIFT : 0,
		   inode ? MAJOR(inode->i_sb->s_dev) : 0, inode ? MINOR(inode->i_sb->s_dev) : 0,
		   inode ? inode->i_ino : 0);
	if (vma->vm_file) {
		while (m->len - start < 48 && !m->overflow)
			seq_putc(m, ' ');
		seq_putc(m, ' ');
		seq_file_path(m, vma->vm_file);
	} else if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk) {
		while (m->len - start < 48 && !m->overflow)
			seq_putc(m, ' ');
		seq_printf(m, " [heap]");
	} else if (vma->vm_start <= mm->start_stack - 1 && vma->vm_end >= mm->start_stack) {
		while (m->len - start < 48 && !m->overflow)
			seq_putc(m, ' ');
		seq_printf(m, " [stack]");
	}
	seq_putc(m, '\n');
}

static void show_maps(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);	/* @p may exit while we wait for the lock */
	struct vm_area_struct *vma;

	if (!mm)
		return;
	mutex_lock(&mm->mmap_lock);	/* open() holds no mmap_lock: safe for self too */
	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		show_map_vma(m, vma, mm);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
}

static void show_status(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);
	const char *state = p->sig.stopped ? "T (stopped)" :
			    p->state == TASK_RUNNING ? "R (running)" : "S (sleeping)";

	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n",
		   p->comm, p->umask, state, p->pid, p->pid, p->parent ? p->parent->pid : 0);
	seq_printf(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	if (mm) {
		seq_printf(m, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
			   "RssFile:\t%8lu kB\nVmPTE:\t%8lu kB\n",
			   mm->total_vm << 2, (mm->rss_anon + mm->rss_file) << 2,
			   mm->rss_anon << 2, mm->rss_file << 2, mm->nr_ptes << 2);
		mmput(mm);
	}
	seq_printf(m, "Threads:\t1\nSigPnd:\t%016llx\nSigBlk:\t%016llx\n",
		   p->sig.pending, p->sig.blocked);
}

/* The argument strings, NUL-separated, as they are in the process's memory. */
static void show_cmdline(struct seq_buf *m, struct task_struct *p)
{
	struct mm_struct *mm = get_task_mm(p);	/* as in show_maps() */
	int len, n;

	if (!mm)
		return;
	len = min_t(int, mm->arg_end - mm->arg_start, m->size - 1);
	mutex_lock(&mm->mmap_lock);
	n = read_remote_vm(mm, mm->arg_start, m->buf, len);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	m->len = n;
}

/* make-it-fail: 1 puts the task under task-filtered fault injection. */
static void show_make_it_fail(struct seq_buf *m, struct task_struct *p)
{
	seq_printf(m, "%d\n", p->make_it_fail);
}

static int write_make_it_fail(struct task_struct *p, const char *buf)
{
	long v;

	if (kstrtol(buf, 0, &v))
		return -EINVAL;
	if (v < 0 || v > 1)
		return -EINVAL;
	p->make_it_fail = v;
	return 0;
}

/* The mount table from the process's root. */
static void show_pid_mounts(struct seq_buf *m, struct task_struct *p)
{
	show_mounts(m, &p->fs_root);
}

static void show_pid_mountinfo(struct seq_buf *m, struct task_struct *p)
{
	show_mountinfo(m, &p->fs_root);
}

void proc_register_task(struct task_struct *p)
{
	char name[16];
	struct dentry *proc = proc_mnt ? proc_mnt->mnt_root : NULL, *dir;

	if (!proc || p->proc_dir)
		return;
	snprintf(name, sizeof(name), "%d", p->pid);
	if (ramfs_mknod(proc, name, S_IFDIR | 0555, 0, &dir))
		return;		/* no memory: the process just has no /proc entry */
	p->proc_dir = dir;
	dir->d_inode->i_flags |= S_IMMUTABLE;
	proc_create(dir, "maps", show_maps, p->pid);
	proc_create(dir, "status", show_status, p->pid);
	proc_create(dir, "cmdline", show_cmdline, p->pid);
	proc_create(dir, "mounts", show_pid_mounts, p->pid);
	proc_create(dir, "mountinfo", show_pid_mountinfo, p->pid);
	proc_create_rw(dir, "make-it-fail", show_make_it_fail, write_make_it_fail, p->pid);
}

static void proc_remove_entry(struct dentry *d)
{
	if (d->d_inode->i_private) {
		kfree(d->d_inode->i_private);
		d->d_inode->i_private = NULL;
	}
	d_delete(d);
}

void proc_unregister_task(struct task_struct *p)
{
	struct dentry *dir = p->proc_dir, *d, *n;

	if (!dir)
		return;
	p->proc_dir = NULL;
	list_for_each_entry_safe(d, n, &dir->d_subdirs, d_child)
		proc_remove_entry(d);
	dir->d_inode->i_nlink = 1;
	dir->d_parent->d_inode->i_nlink--;
	d_delete(dir);
}

/* /proc itself, the global files and /proc/self. */
void proc_show_globals(struct dentry *proc);

#define PROC_SUPER_MAGIC	0x9fa0

static const struct super_operations proc_sops = {
	.statfs = simple_statfs,
};

static int proc_fill_super(struct super_block *sb, char *data)
{
	struct dentry *proc;
	int err = ramfs_fill_root(sb, 0555);

	if (err)
		return err;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	proc = sb->s_root;
	proc_show_globals(proc);
	ramfs_symlink(proc, "mounts", "self/mounts", 11);
	if (!ramfs_symlink(proc, "self", "", 0)) {
		struct dentry *self = d_lookup(proc, "self", 4);

		self->d_inode->i_flags |= S_PROCSELF | S_IMMUTABLE;
	}
	proc->d_inode->i_flags |= S_IMMUTABLE;	/* last: the files above go in first */
	return 0;
}

/*
 * One instance, shared by every mount ("mount -t proc proc /x" shows the
 * same processes as /proc); the kernel's own mount keeps it alive.
 */
static struct file_system_type proc_fs_type = {
	.name = "proc",
	.fs_flags = FS_SINGLE | FS_USERMOUNT,
	.fill_super = proc_fill_super,
};

void proc_init(void)
{
	register_filesystem(&proc_fs_type);
	proc_mnt = kern_mount(&proc_fs_type);
}

int proc_create_global(struct dentry *dir, const char *name, proc_show_t show);
int proc_create_global(struct dentry *dir, const char *name, proc_show_t show)
{
	return proc_create(dir, name, show, 0);
}
