/*
 * Opening files.  Regular files of in-memory file systems can be created
 * (O_CREAT, in an existing directory, minus the umask), written and
 * truncated (O_TRUNC) unless the mount is read-only (EROFS); directories
 * cannot be opened for writing; device files on a "nodev" mount cannot
 * be opened at all (EACCES).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/string.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>

#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
			  O_APPEND | O_NONBLOCK | O_LARGEFILE | O_DIRECTORY | \
			  O_NOFOLLOW | O_CLOEXEC | 0x1000 /* O_DSYNC */ | \
			  0x40000 /* O_NOATIME */ | 0x4000 /* O_DIRECT */ | 0x101000 | O_PATH)
/* What O_PATH keeps of the flags (Linux ignores the others). */
#define O_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Whether @path may be opened with @flags.  0 or -errno. */
static int may_open(const struct path *path, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	bool write = (flags & O_ACCMODE) != O_RDONLY;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
	if (S_ISCHR(inode->i_mode) && (path->mnt->mnt_flags & MNT_NODEV))
		return -EACCES;
	if (S_ISREG(inode->i_mode) && (write || (flags & O_TRUNC)))
		return mnt_want_write(path->mnt);
	return 0;
}

/* Opens @path (the caller's reference stays the caller's). */
struct file *dentry_open(const struct path *path, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f;
	int err = may_open(path, flags);

	/* O_TRUNC of a sealed memfd (through /proc/self/fd): F_SEAL_SHRINK says EPERM. */
	if (!err && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY && S_ISREG(inode->i_mode))
		err = seal_check_setsize(inode, 0);
	if (err)
		return ERR_PTR(err);
	f = alloc_file(path, flags & ~(O_CLOEXEC | O_CREAT | O_EXCL | O_TRUNC), inode->i_fop);
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

/*
 * O_PATH: a handle on @path that no file operation accepts (fget() says
 * EBADF), without the open checks or the driver's ->open (a FIFO does not
 * wait, a device is not touched).  What it allows is in fget_raw()'s users.
 */
static struct file *path_open(const struct path *path, int flags)
{
	struct file *f;

	if ((flags & O_DIRECTORY) && !S_ISDIR(path->dentry->d_inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	f = alloc_file(path, flags & ~O_CLOEXEC, NULL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_mode = FMODE_PATH;
	return f;
}

struct file *filp_open(const char *name, int flags)
{
	struct path path;
	struct file *f;
	int err = kern_path(name, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);

	if (err)
		return ERR_PTR(err);
	f = dentry_open(&path, flags);
	path_put(&path);
	return f;
}

/* O_CREAT of a missing file: a new regular file in the (existing) parent. */
static int create_file(int dfd, char *name, umode_t mode, struct path *path)
{
	struct dentry *d;
	const char *last;
	int err;

	if (name[0] && name[strlen(name) - 1] == '/')
		return -EISDIR;
	err = lookup_parent(dfd, name, &last, path);
	if (err)
		return err;
	err = mnt_want_write(path->mnt);
	if (!err)
		err = ramfs_mknod(path->dentry, last, S_IFREG | (mode & 07777 & ~current->umask),
				  0, &d);
	if (err) {
		path_put(path);
		return err;
	}
	dput(path->dentry);
	path->dentry = dget(d);
	return 0;
}

/* The file @name opens (created with O_CREAT), with O_EXCL and O_NOFOLLOW applied. */
static int open_lookup(int dfd, char *name, int flags, umode_t mode, struct path *path)
{
	int err = path_lookupat(dfd, name, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, path);

	if (err == -ENOENT && (flags & O_CREAT))
		return create_file(dfd, name, mode, path);
	if (err)
		return err;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		err = -EEXIST;
	else if ((flags & O_NOFOLLOW) && !(flags & O_PATH) &&
		 S_ISLNK(path->dentry->d_inode->i_mode))
		err = -ELOOP;		/* O_PATH|O_NOFOLLOW: a handle on the link itself */
	if (err)
		path_put(path);
	return err;
}

static long do_sys_open(int dfd, const char __user *upath, int flags, umode_t mode)
{
	struct path path;
	struct file *f;
	char *name;
	int fd, err;

	if (flags & ~VALID_OPEN_FLAGS)
		return -EINVAL;
	if (flags & O_PATH)
		flags &= O_PATH_FLAGS;
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = open_lookup(dfd, name, flags, mode, &path);
	kfree(name);
	if (err)
		return err;
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		path_put(&path);
		return fd;
	}
	f = (flags & O_PATH) ? path_open(&path, flags) : dentry_open(&path, flags);
	path_put(&path);
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

SYSCALL_DEFINE2(creat, const char __user *, path, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/* unlink: the name goes now; the file's data when the last opener closes it. */
static long do_unlinkat(int dfd, const char __user *upath)
{
	struct path path;
	struct dentry *d;
	long err = user_path_at(dfd, upath, 0, &path);

	if (err)
		return err;
	d = path.dentry;
	if (S_ISDIR(d->d_inode->i_mode))
		err = -EISDIR;
	else if (d == path.mnt->mnt_root || d->d_mounted)
		err = -EBUSY;
	else if (d_immutable(d))
		err = -EPERM;
	else
		err = mnt_want_write(path.mnt);
	if (!err)
		d_delete(d);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, path)
{
	return do_unlinkat(AT_FDCWD, path);
}


SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, path, int, flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return do_rmdirat(dfd, path);
	return do_unlinkat(dfd, path);
}

/* ---- the working directory and the umask ---- */

/* chdir's common part: @path (the caller's reference stays the caller's). */
long set_fs_pwd(const struct path *path)
{
	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		return -ENOTDIR;
	path_get(path);
	if (current->fs_pwd.mnt)
		path_put(&current->fs_pwd);
	current->fs_pwd = *path;
	return 0;
}

SYSCALL_DEFINE1(chdir, const char __user *, name)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = set_fs_pwd(&path);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget_raw(fd);
	long err;

	if (!f)
		return -EBADF;
	err = set_fs_pwd(&f->f_path);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	unsigned int old = current->umask;

	current->umask = mask & 0777;
	return old;
}

/* chmod: the permission bits (and set-id/sticky) change; the type stays. */
static long chmod_path(const struct path *path, umode_t mode)
{
	struct inode *inode = path->dentry->d_inode;
	long err = (inode->i_flags & S_PRIVATE) ? 0 : mnt_want_write(path->mnt);

	if (err)
		return err;
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
	err = chmod_path(&f->f_path, mode);
	fput(f);
	return err;
}

static long do_fchmodat(int dfd, const char __user *upath, umode_t mode)
{
	struct path path;
	long err = user_path_at(dfd, upath, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_path(&path, mode);
	path_put(&path);
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


/* Everyone is root: only execute permission can be missing (no x bit at all). */
static long do_faccessat(int dfd, const char __user *upath, int mode, int flags)
{
	struct inode *inode;
	struct path path;
	long err;

	if (mode & ~(F_OK | X_OK | W_OK | R_OK))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | 0x200 /* AT_EACCESS */ | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	if ((mode & X_OK) && !S_ISDIR(inode->i_mode) &&
	    (!(inode->i_mode & 0111) || (path.mnt->mnt_flags & MNT_NOEXEC)))
		err = -EACCES;
	else if ((mode & W_OK) && !S_ISCHR(inode->i_mode))
		err = mnt_want_write(path.mnt);
	path_put(&path);
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
