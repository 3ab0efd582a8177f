/*
 * The i386 stat calls older than stat64: oldstat/oldlstat/oldfstat
 * (18, 84, 28: struct __old_kernel_stat) and stat/lstat/fstat (106-108:
 * struct stat32).  What does not fit the narrower fields is EOVERFLOW,
 * as Linux's cp_old_stat/cp_new_stat: a device beyond 8-bit major and
 * minor (stat32), an inode number or link count that does not fit, a
 * size past 2 GiB - 1; ids above 65535 read as 65534.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

BUILD_BUG_ON(sizeof(struct __old_kernel_stat) != 32);
BUILD_BUG_ON(sizeof(struct stat32) != 64);

#define MAX_NON_LFS	0x7fffffffL
#define OVERFLOW_ID	65534		/* /proc/sys/kernel/overflowuid's default */

static unsigned short high2low_id(unsigned int id)
{
	return id > 0xffff ? OVERFLOW_ID : id;
}

/* Linux's old_valid_dev(): major and minor both below 256 (minors are 8-bit here). */
static bool old_valid_dev(dev_t dev)
{
	return MAJOR(dev) < 256;
}

static unsigned short old_encode_dev(dev_t dev)
{
	return (MAJOR(dev) << 8) | MINOR(dev);
}

static int cp_old_stat(const struct kstat *st, struct __old_kernel_stat __user *ubuf)
{
	struct __old_kernel_stat tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = old_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	tmp.st_nlink = st->nlink;
	if (tmp.st_ino != st->ino || tmp.st_nlink != st->nlink || st->size > MAX_NON_LFS)
		return -EOVERFLOW;
	tmp.st_mode = st->mode;
	tmp.st_uid = high2low_id(st->uid);
	tmp.st_gid = high2low_id(st->gid);
	tmp.st_rdev = old_encode_dev(st->rdev);
	tmp.st_size = st->size;
	tmp.st_atime = st->atime;
	tmp.st_mtime = st->mtime;
	tmp.st_ctime = st->ctime;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

static int cp_new_stat(const struct kstat *st, struct stat32 __user *ubuf)
{
	struct stat32 tmp;

	if (!old_valid_dev(st->dev) || !old_valid_dev(st->rdev) || st->size > MAX_NON_LFS)
		return -EOVERFLOW;
	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = old_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	tmp.st_nlink = st->nlink;
	if (tmp.st_nlink != st->nlink)
		return -EOVERFLOW;
	tmp.st_mode = st->mode;
	tmp.st_uid = high2low_id(st->uid);
	tmp.st_gid = high2low_id(st->gid);
	tmp.st_rdev = old_encode_dev(st->rdev);
	tmp.st_size = st->size;
	tmp.st_blksize = st->blksize;
	tmp.st_blocks = st->blocks;
	tmp.st_atime = st->atime;
	tmp.st_mtime = st->mtime;
	tmp.st_ctime = st->ctime;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* fstat's kstat: O_PATH descriptors count, as Linux's fdget_raw. */
static int fd_kstat(int fd, struct kstat *st)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	generic_fillattr(f->f_inode, st);
	fput(f);
	return 0;
}

SYSCALL_DEFINE2(oldstat, const char __user *, path, struct __old_kernel_stat __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, 0, &st);

	return err ? err : cp_old_stat(&st, buf);
}

SYSCALL_DEFINE2(oldlstat, const char __user *, path, struct __old_kernel_stat __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_old_stat(&st, buf);
}

SYSCALL_DEFINE2(oldfstat, int, fd, struct __old_kernel_stat __user *, buf)
{
	struct kstat st;
	int err = fd_kstat(fd, &st);

	return err ? err : cp_old_stat(&st, buf);
}

SYSCALL_DEFINE2(newstat, const char __user *, path, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, 0, &st);

	return err ? err : cp_new_stat(&st, buf);
}

SYSCALL_DEFINE2(newlstat, const char __user *, path, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_new_stat(&st, buf);
}

SYSCALL_DEFINE2(newfstat, int, fd, struct stat32 __user *, buf)
{
	struct kstat st;
	int err = fd_kstat(fd, &st);

	return err ? err : cp_new_stat(&st, buf);
}
