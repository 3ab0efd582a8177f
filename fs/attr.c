/* Changing a file's attributes: size, times; and the syncs with nothing to do. */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/time.h>

static long truncate_inode(struct inode *inode, loff_t length)
{
	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	return truncate_setsize(inode, length);
}

/* truncate(2) by name: the mount must be writable too. */
static long truncate_name(const char __user *name, loff_t length)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = S_ISREG(path.dentry->d_inode->i_mode) ? mnt_want_write(path.mnt) : 0;
	if (!err)
		err = truncate_inode(path.dentry->d_inode, length);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE3(ftruncate64, int, fd, unsigned long, lo, unsigned long, hi)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = (f->f_mode & FMODE_WRITE) ?
	      truncate_inode(f->f_inode, (loff_t)(((u64)hi << 32) | lo)) : -EINVAL;
	fput(f);
	return err;
}

SYSCALL_DEFINE3(truncate64, const char __user *, path, unsigned long, lo, unsigned long, hi)
{
	return truncate_name(path, (loff_t)(((u64)hi << 32) | lo));
}

/* Applies one timespec (sec, nsec) to *field: UTIME_NOW, UTIME_OMIT or a time. */
static int set_time(long *field, s64 sec, long nsec)
{
	if (nsec == UTIME_OMIT)
		return 0;
	if (nsec == UTIME_NOW) {
		*field = ktime_get_real_seconds();
		return 0;
	}
	if (nsec < 0 || nsec >= 1000000000L)
		return -EINVAL;
	*field = (long)sec;
	return 0;
}

/* times == NULL: both now.  Seconds resolution, as the ramfs keeps them. */
static long do_utimes(int dfd, const char __user *upath, const s64 *sec,
		      const long *nsec, int flags)
{
	struct inode *inode;
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!upath)
		err = dfd_path(dfd, &path);
	else
		err = user_path_at(dfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				   &path);
	if (err)
		return err;
	if (!upath && dfd == AT_FDCWD)
		err = -EFAULT;		/* futimens(AT_FDCWD): Linux reads the NULL name */
	inode = path.dentry->d_inode;
	if (!err && !(inode->i_flags & S_PRIVATE))
		err = mnt_want_write(path.mnt);
	if (err) {
		path_put(&path);
		return err;
	}
	if (!sec) {
		inode->i_atime = inode->i_mtime = ktime_get_real_seconds();
	} else {
		err = set_time(&inode->i_atime, sec[0], nsec[0]);
		if (!err)
			err = set_time(&inode->i_mtime, sec[1], nsec[1]);
	}
	inode->i_ctime = ktime_get_real_seconds();
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, path,
		const struct __kernel_timespec __user *, times, int, flags)
{
	struct __kernel_timespec t[2];
	s64 sec[2];
	long nsec[2];

	if (!times)
		return do_utimes(dfd, path, NULL, NULL, flags);
	if (copy_from_user(t, times, sizeof(t)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		sec[i] = t[i].tv_sec;
		nsec[i] = (long)t[i].tv_nsec;
	}
	return do_utimes(dfd, path, sec, nsec, flags);
}

SYSCALL_DEFINE4(utimensat32, int, dfd, const char __user *, path,
		const struct old_timespec32 __user *, times, int, flags)
{
	struct old_timespec32 t[2];
	s64 sec[2];
	long nsec[2];

	if (!times)
		return do_utimes(dfd, path, NULL, NULL, flags);
	if (copy_from_user(t, times, sizeof(t)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		sec[i] = t[i].tv_sec;
		nsec[i] = t[i].tv_nsec;
	}
	return do_utimes(dfd, path, sec, nsec, flags);
}

/* RAM files are always where they live: nothing to flush, but fd must be valid. */
SYSCALL_DEFINE1(fsync, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

/* The 32-bit forms, for programs built without 64-bit file offsets. */
SYSCALL_DEFINE2(ftruncate, int, fd, long, length)
{
	struct file *f;
	long err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = (f->f_mode & FMODE_WRITE) ? truncate_inode(f->f_inode, (loff_t)length) : -EINVAL;
	fput(f);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	return truncate_name(path, length);
}
