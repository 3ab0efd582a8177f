/*
 * Opening files.  Regular files of the root ramfs can be created
 * (O_CREAT, in an existing directory, minus the umask), written and
 * truncated (O_TRUNC); directories cannot be opened for writing.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/string.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>

#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			  O_APPEND | O_NONBLOCK | O_LARGEFILE | O_DIRECTORY | \
			  O_NOFOLLOW | O_CLOEXEC | 0x1000 /* O_DSYNC */ | \
			  0x40000 /* O_NOATIME */ | 0x4000 /* O_DIRECT */ | 0x101000)

static int may_open(struct inode *inode, int flags)
{
	bool write = (flags & O_ACCMODE) != O_RDONLY;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
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
	f = alloc_file(dentry, flags & ~(O_CLOEXEC | O_CREAT | O_EXCL | O_TRUNC), inode->i_fop);
	if (!f)
		return ERR_PTR(-ENOMEM);
	if ((flags & O_TRUNC) && (f->f_mode & FMODE_WRITE) && S_ISREG(inode->i_mode))
		truncate_to_zero(inode);
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

/* O_CREAT of a missing file: a new regular file in the (existing) parent. */
static struct dentry *create_file(int dfd, char *path, umode_t mode)
{
	struct dentry *dir, *d;
	const char *last;
	int err;

	if (path[0] && path[strlen(path) - 1] == '/')
		return ERR_PTR(-EISDIR);
	dir = lookup_parent(dfd, path, &last);
	if (IS_ERR(dir))
		return dir;
	err = ramfs_mknod(dir, last, S_IFREG | (mode & 07777 & ~current->umask), 0, &d);
	dput(dir);
	return err ? ERR_PTR(err) : dget(d);
}

static long do_sys_open(int dfd, const char __user *upath, int flags, umode_t mode)
{
	struct dentry *d;
	struct file *f;
	char *path;
	int fd;

	if (flags & ~VALID_OPEN_FLAGS)
		return -EINVAL;
	path = getname(upath);
	if (IS_ERR(path))
		return PTR_ERR(path);
	d = path_lookup_at(dfd, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(d) && PTR_ERR(d) == -ENOENT && (flags & O_CREAT))
		d = create_file(dfd, path, mode);
	else if (!IS_ERR(d) && (flags & O_CREAT) && (flags & O_EXCL)) {
		dput(d);
		d = ERR_PTR(-EEXIST);
	}
	kfree(path);
	if (IS_ERR(d))
		return PTR_ERR(d);
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
	return do_sys_open(AT_FDCWD, path, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, path, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, path, flags, mode);
}

/* unlink: the name goes now; the file's data when the last opener closes it. */
static long do_unlinkat(int dfd, const char __user *upath)
{
	char *path = getname(upath);
	struct dentry *d;
	long err = 0;

	if (IS_ERR(path))
		return PTR_ERR(path);
	d = path_lookup_at(dfd, path, 0);
	kfree(path);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (S_ISDIR(d->d_inode->i_mode))
		err = -EISDIR;
	else if (d == root_dentry)
		err = -EBUSY;
	else if (d_immutable(d))
		err = -EPERM;
	else
		d_delete(d);
	dput(d);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, path)
{
	return do_unlinkat(AT_FDCWD, path);
}

#define AT_REMOVEDIR	0x200

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return do_rmdirat(dfd, path);
	return do_unlinkat(dfd, path);
}

/* ---- the working directory and the umask ---- */

static long set_pwd(struct dentry *d)
{
	if (!S_ISDIR(d->d_inode->i_mode)) {
		dput(d);
		return -ENOTDIR;
	}
	if (current->fs_pwd)
		dput(current->fs_pwd);
	current->fs_pwd = d;		/* the caller's reference moves here */
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, path)
{
	struct dentry *d = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW);

	return IS_ERR(d) ? PTR_ERR(d) : set_pwd(d);
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget(fd);
	struct dentry *d;

	if (!f)
		return -EBADF;
	d = f->f_dentry ? dget(f->f_dentry) : NULL;
	fput(f);
	return d ? set_pwd(d) : -ENOTDIR;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	unsigned int old = current->umask;

	current->umask = mask & 0777;
	return old;
}

/* chmod: the permission bits (and set-id/sticky) change; the type stays. */
static long chmod_inode(struct inode *inode, umode_t mode)
{
	inode->i_mode = (inode->i_mode & S_IFMT) | (mode & 07777);
	inode->i_ctime = ktime_get_real_seconds();
	return 0;
}

SYSCALL_DEFINE2(fchmod, int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_inode ? chmod_inode(f->f_inode, mode) : -EBADF;
	fput(f);
	return err;
}

static long do_fchmodat(int dfd, const char __user *upath, umode_t mode)
{
	struct dentry *d = user_path_at(dfd, upath, LOOKUP_FOLLOW);
	long err;

	if (IS_ERR(d))
		return PTR_ERR(d);
	err = chmod_inode(d->d_inode, mode);
	dput(d);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, path, umode_t, mode)
{
	return do_fchmodat(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, path, umode_t, mode)
{
	return do_fchmodat(dfd, path, mode);
}

#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

/* Everyone is root: only execute permission can be missing (no x bit at all). */
static long do_faccessat(int dfd, const char __user *upath, int mode, int flags)
{
	struct dentry *d;
	long err = 0;

	if (mode & ~(F_OK | X_OK | W_OK | R_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | 0x200 /* AT_EACCESS */ | AT_EMPTY_PATH))
		return -EINVAL;
	d = user_path_at(dfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if ((mode & X_OK) && !S_ISDIR(d->d_inode->i_mode) && !(d->d_inode->i_mode & 0111))
		err = -EACCES;
	dput(d);
	return err;
}

SYSCALL_DEFINE2(access, const char __user *, path, int, mode)
{
	return do_faccessat(AT_FDCWD, path, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, path, int, mode)
{
	return do_faccessat(dfd, path, mode, 0);
}
