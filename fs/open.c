/*
 * Opening files.  The root file system is read-only until the
 * read-write VFS arrives: asking to write a regular file or to create
 * one gives -EROFS; devices (the console, /dev/null) open for writing.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>

#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			  O_APPEND | O_NONBLOCK | O_LARGEFILE | O_DIRECTORY | \
			  O_NOFOLLOW | O_CLOEXEC | 0x1000 /* O_DSYNC */ | \
			  0x40000 /* O_NOATIME */ | 0x4000 /* O_DIRECT */ | 0x101000)

static int may_open(struct inode *inode, int flags)
{
	bool write = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && write)
		return -EISDIR;
	if (S_ISREG(inode->i_mode) && write)
		return -EROFS;
	return 0;
}

/* Opens @dentry (the caller's reference stays the caller's). */
struct file *dentry_open(struct dentry *dentry, int flags)
{
	struct inode *inode = dentry->d_inode;
	struct file *f;
	int err = may_open(inode, flags);

	if (err)
		return ERR_PTR(err);
	f = alloc_file(dentry, flags & ~O_CLOEXEC, inode->i_fop);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			f->f_op = NULL;		/* nothing to release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

struct file *filp_open(const char *path, int flags)
{
	struct dentry *d = kern_path(path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	struct file *f;

	if (IS_ERR(d))
		return ERR_CAST(d);
	f = dentry_open(d, flags);
	dput(d);
	return f;
}

static long do_sys_open(int dfd, const char __user *upath, int flags)
{
	struct dentry *d;
	struct file *f;
	int fd;

	if (flags & ~VALID_OPEN_FLAGS)
		return -EINVAL;
	d = user_path_at(dfd, upath, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(d)) {
		if (PTR_ERR(d) == -ENOENT && (flags & O_CREAT))
			return -EROFS;		/* nothing can be created yet */
		return PTR_ERR(d);
	}
	if ((flags & O_CREAT) && (flags & O_EXCL)) {
		dput(d);
		return -EEXIST;
	}
	if ((flags & O_NOFOLLOW) && S_ISLNK(d->d_inode->i_mode)) {
		dput(d);
		return -ELOOP;
	}
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		dput(d);
		return fd;
	}
	f = dentry_open(d, flags);
	dput(d);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, path, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, path, flags);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, path, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, path, flags);
}
