/* Changing a file's attributes: size, times; and the syncs with nothing to do. */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/mount.h>
#include <linux-ish/cred.h>
#include <linux-ish/permission.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/time.h>

int vfs_setsize(struct inode *inode, loff_t size)
{
	if (inode->i_op && inode->i_op->setsize)
		return inode->i_op->setsize(inode, size);
	return truncate_setsize(inode, size);
}

static long truncate_inode(struct dentry *d, loff_t length)
{
	struct inode *inode = d->d_inode;
	long err;

	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	/* Linux's inode_newsize_ok: an active swap file may not shrink. */
	if (IS_SWAPFILE(inode) && length <= inode->i_size)
		return -ETXTBSY;
	err = seal_check_setsize(inode, length) ?: vfs_setsize(inode, length);
	if (!err)
		fsnotify_dentry(d, IN_MODIFY);
	return err;
}

/* truncate(2) by name: the mount must be writable too, and the file by the caller. */
static long truncate_name(const char __user *name, loff_t length)
{
	struct path path;
	struct inode *inode;
	long err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = S_ISREG(inode->i_mode) ? mnt_want_write(path.mnt) : 0;
	if (!err && S_ISREG(inode->i_mode))
		err = inode_permission(inode, MAY_WRITE);
	if (!err)
		err = truncate_inode(path.dentry, length);
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
	      truncate_inode(f->f_path.dentry, (loff_t)(((u64)hi << 32) | lo)) : -EINVAL;
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

/* A time other than UTIME_NOW / UTIME_OMIT is set explicitly. */
static bool time_explicit(long nsec)
{
	return nsec != UTIME_NOW && nsec != UTIME_OMIT;
}

/*
 * Who may change @inode's times: explicit times only its owner (or
 * CAP_FOWNER): EPERM; "now" also whoever may write it: EACCES.
 */
static long may_utimes(const struct inode *inode, const long *nsec)
{
	if (inode_owner_or_capable(inode))
		return 0;
	if (nsec && (time_explicit(nsec[0]) || time_explicit(nsec[1])))
		return -EPERM;
	return inode_permission(inode, MAY_WRITE);
}

/* times == NULL: both now.  Seconds resolution, as the ramfs keeps them. */
/* What a utimes tells inotify, as Linux: both times ATTRIB, one ACCESS or MODIFY. */
static u32 utimes_event(const s64 *sec, const long *nsec)
{
	bool atime = !sec || nsec[0] != UTIME_OMIT, mtime = !sec || nsec[1] != UTIME_OMIT;

	return atime && mtime ? IN_ATTRIB : atime ? IN_ACCESS : IN_MODIFY;
}

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
	if (!err)
		err = may_utimes(inode, nsec);
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
	if (!err)
		fsnotify_dentry(path.dentry, utimes_event(sec, nsec));
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

/* The old calls' times: struct old_timeval32 pairs in microseconds (NULL: now). */
static long utimes_timeval(int dfd, const char __user *upath,
			   const struct old_timeval32 __user *utv)
{
	struct old_timeval32 tv[2];
	s64 sec[2];
	long nsec[2];

	if (!utv)
		return do_utimes(dfd, upath, NULL, NULL, 0);
	if (copy_from_user(tv, utv, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		sec[i] = tv[i].tv_sec;
		nsec[i] = tv[i].tv_usec * 1000L;
	}
	return do_utimes(dfd, upath, sec, nsec, 0);
}

SYSCALL_DEFINE2(utimes, const char __user *, path, const struct old_timeval32 __user *, tv)
{
	return path ? utimes_timeval(AT_FDCWD, path, tv) : -EFAULT;
}

/* futimesat(dfd, NULL, tv) works on @dfd itself, as on Linux. */
SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, path,
		const struct old_timeval32 __user *, tv)
{
	return utimes_timeval(dfd, path, tv);
}

/* utime: struct utimbuf, seconds only (NULL: now). */
SYSCALL_DEFINE2(utime, const char __user *, path, const s32 __user *, times)
{
	s32 t[2];
	s64 sec[2];
	long nsec[2] = { 0, 0 };

	if (!path)
		return -EFAULT;
	if (!times)
		return do_utimes(AT_FDCWD, path, NULL, NULL, 0);
	if (copy_from_user(t, times, sizeof(t)))
		return -EFAULT;
	sec[0] = t[0];
	sec[1] = t[1];
	return do_utimes(AT_FDCWD, path, sec, nsec, 0);
}

/* ---- chown ---- */

/*
 * May the caller give @inode owner @uid and group @gid (-1: unchanged)?
 * As Linux: a new owner needs CAP_CHOWN; the owner may set the group to
 * one of its own groups (or leave it), anyone else needs CAP_CHOWN.
 */
static bool may_chown(const struct inode *inode, uid_t uid, gid_t gid)
{
	bool owner = inode->i_uid == current_fsuid();

	if (capable(CAP_CHOWN))
		return true;
	if (uid != (uid_t)-1 && !(owner && uid == inode->i_uid))
		return false;
	if (gid != (gid_t)-1 && !(owner && (gid == inode->i_gid || in_group_p(gid))))
		return false;
	return true;
}

/*
 * New owner and group (-1: unchanged).  As Linux does for everyone since
 * 2.2.13, a regular file loses its set-user-ID bit, and its set-group-ID
 * bit when group-executable.
 */
static long chown_path(const struct path *path, uid_t uid, gid_t gid)
{
	struct inode *inode = path->dentry->d_inode;
	long err = (inode->i_flags & S_PRIVATE) ? 0 : mnt_want_write(path->mnt);

	if (err)
		return err;
	if (d_immutable(path->dentry) || !may_chown(inode, uid, gid))
		return -EPERM;
	if (uid != (uid_t)-1)
		inode->i_uid = uid;
	if (gid != (gid_t)-1)
		inode->i_gid = gid;
	if (S_ISREG(inode->i_mode)) {
		inode->i_mode &= ~S_ISUID;
		if (inode->i_mode & S_IXGRP)
			inode->i_mode &= ~S_ISGID;
	}
	inode->i_ctime = ktime_get_real_seconds();
	fsnotify_dentry(path->dentry, IN_ATTRIB);
	return 0;
}

static long do_fchownat(int dfd, const char __user *upath, uid_t uid, gid_t gid, int flags)
{
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);
	if (err == -ENOENT && (flags & AT_EMPTY_PATH)) {
		char c = 1;

		if (!get_user(c, upath) && !c)
			err = dfd_path(dfd, &path);
	}
	if (err)
		return err;
	err = chown_path(&path, uid, gid);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, path, uid_t, uid, gid_t, gid,
		int, flags)
{
	return do_fchownat(dfd, path, uid, gid, flags);
}

SYSCALL_DEFINE3(chown32, const char __user *, path, uid_t, uid, gid_t, gid)
{
	return do_fchownat(AT_FDCWD, path, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown32, const char __user *, path, uid_t, uid, gid_t, gid)
{
	return do_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown32, int, fd, uid_t, uid, gid_t, gid)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = chown_path(&f->f_path, uid, gid);
	fput(f);
	return err;
}

/* The 16-bit calls: 0xffff means "unchanged", as -1 does in the 32-bit ones. */
static uid_t high_id(unsigned short id)
{
	return id == 0xffff ? (uid_t)-1 : id;
}

SYSCALL_DEFINE3(chown16, const char __user *, path, unsigned short, uid, unsigned short, gid)
{
	return do_fchownat(AT_FDCWD, path, high_id(uid), high_id(gid), 0);
}

SYSCALL_DEFINE3(lchown16, const char __user *, path, unsigned short, uid, unsigned short, gid)
{
	return do_fchownat(AT_FDCWD, path, high_id(uid), high_id(gid), AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown16, int, fd, unsigned short, uid, unsigned short, gid)
{
	return __do_sys_fchown32(fd, high_id(uid), high_id(gid));
}

/*
 * fsync/fdatasync: the file's ->fsync writes back and waits (page-cache
 * files: generic_file_fsync, with the writeback error once per open
 * file); RAM files have no ->fsync and nothing to flush: 0.
 */
static long do_fsync(int fd, int datasync)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_fsync(f, datasync);
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return do_fsync(fd, 1);
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
	err = (f->f_mode & FMODE_WRITE) ? truncate_inode(f->f_path.dentry, (loff_t)length) : -EINVAL;
	fput(f);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	return truncate_name(path, length);
}
