/*
 * /proc/<pid>/fd/ and fdinfo/: one name per open descriptor, made on
 * lookup from the process's file table.  fd/<n> is a magic link: it
 * leads to the open file's own path (so opening it reopens that file)
 * and readlink shows d_path of it ("pipe:[ino]" for pipes).  fdinfo/<n>
 * shows the position, flags, mount id and inode number, as Linux does,
 * then the file's own lines (f_op->show_fdinfo: pidfds' Pid).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/string.h>
#include "internal.h"

/* The file of the fd/<n> or fdinfo/<n> inode, referenced, or NULL. */
static struct file *proc_inode_file(struct inode *inode)
{
	struct task_struct *p = proc_task(inode);

	return p ? fget_task(p, PROC_I(inode)->fd) : NULL;
}

static int proc_fd_get_path(struct dentry *link, struct path *path)
{
	struct file *f = proc_inode_file(link->d_inode);

	if (!f)
		return -ENOENT;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

static const struct inode_operations proc_fd_link_iops = {
	.get_path = proc_fd_get_path,
};

static bool fd_close_on_exec(struct task_struct *p, int fd)
{
	return fd_is_close_on_exec(p->files, fd);
}

static void show_fdinfo(struct seq_buf *m, struct task_struct *p, int fd)
{
	struct file *f = fget_task(p, fd);
	unsigned int flags;

	if (!f)
		return;
	flags = f->f_flags | (fd_close_on_exec(p, fd) ? O_CLOEXEC : 0);
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", f->f_pos, flags,
		   f->f_path.mnt ? f->f_path.mnt->mnt_id : 0, f->f_inode->i_ino);
	if (f->f_op && f->f_op->show_fdinfo)
		f->f_op->show_fdinfo(m, f);
	fput(f);
}

static const struct proc_entry fdinfo_entry = { .show_fd = show_fdinfo };

/* fd/<n> (a link, @info false) or fdinfo/<n>, if descriptor <n> is open. */
static int proc_fd_instantiate(struct inode *dir, struct dentry *dentry, bool info)
{
	long fd = proc_name_number(dentry->d_name);
	struct task_struct *p = proc_task(dir);
	struct file *f = p && fd >= 0 ? fget_task(p, fd) : NULL;
	umode_t mode = S_IFREG | 0444;
	struct inode *inode;

	if (!f)
		return -ENOENT;
	if (!info)
		mode = S_IFLNK | ((f->f_mode & FMODE_READ) ? 0500 : 0) |
		       ((f->f_mode & FMODE_WRITE) ? 0300 : 0);
	fput(f);
	inode = proc_make_inode(dentry, mode, PROC_I(dir)->pid);
	if (!inode)
		return -ENOMEM;
	PROC_I(inode)->fd = fd;
	if (info) {
		inode->i_fop = &proc_file_ops;
		inode->i_private = (void *)&fdinfo_entry;
	} else {
		inode->i_op = &proc_fd_link_iops;
	}
	return 0;
}

static int proc_fd_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_fd_instantiate(dir, dentry, false);
}

static int proc_fdinfo_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_fd_instantiate(dir, dentry, true);
}

/* The open descriptors from ctx->pos - 2 on; position 2 + fd. */
static int proc_fd_iterate(struct file *f, struct dir_context *ctx, bool info)
{
	struct task_struct *p = proc_task(f->f_inode);
	char name[16];

	if (!p)
		return -ENOENT;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (int fd = ctx->pos - 2; fd >= 0; fd++) {
		p = proc_task(f->f_inode);	/* dir_emit may have slept */
		fd = p ? fd_next_open(p, fd) : -1;
		if (fd < 0)
			break;
		ctx->pos = 2 + fd;
		snprintf(name, sizeof(name), "%d", fd);
		if (!dir_emit(ctx, name, 0x20000000UL + fd, info ? DT_REG : DT_LNK))
			return 0;
	}
	ctx->pos = 2 + (loff_t)INT_MAX;	/* past every descriptor */
	return 0;
}

static int proc_fd_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_fd_iterate(f, ctx, false);
}

static int proc_fdinfo_readdir(struct file *f, struct dir_context *ctx)
{
	return proc_fd_iterate(f, ctx, true);
}

const struct inode_operations proc_fd_iops = { .lookup = proc_fd_lookup };
const struct inode_operations proc_fdinfo_iops = { .lookup = proc_fdinfo_lookup };
const struct file_operations proc_fd_fops = {
	.iterate = proc_fd_readdir,
	.llseek = generic_file_llseek,
};
const struct file_operations proc_fdinfo_fops = {
	.iterate = proc_fdinfo_readdir,
	.llseek = generic_file_llseek,
};
