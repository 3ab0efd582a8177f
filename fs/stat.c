/* stat64, fstat64, lstat64, fstatat64, statx and readlink. */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

BUILD_BUG_ON(sizeof(struct stat64) != 96);
BUILD_BUG_ON(sizeof(struct statx) != 256);
BUILD_BUG_ON(offsetof(struct statx, __spare2) != 0x90);

/* st_blksize and st_blocks of @inode. */
static unsigned long inode_blksize(const struct inode *inode)
{
	return inode->i_sb->s_blocksize ? inode->i_sb->s_blocksize : PAGE_SIZE;
}

static unsigned long long inode_blocks(const struct inode *inode)
{
	return (inode->i_flags & S_DISKBLOCKS) ? inode->i_blocks :
	       (unsigned long long)inode->i_mapping->nrpages << (PAGE_SHIFT - 9);
}

void generic_fillattr(struct inode *inode, struct kstat *st)
{
	st->ino = inode->i_ino;
	st->dev = inode->i_sb->s_dev;
	st->rdev = inode->i_rdev;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->size = inode->i_size;
	st->blksize = inode_blksize(inode);
	st->blocks = inode_blocks(inode);
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
}

static int cp_stat64(const struct kstat *st, struct stat64 __user *ubuf)
{
	struct stat64 tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.st_dev = st->dev;
	tmp.__st_ino = st->ino;
	tmp.st_ino = st->ino;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	tmp.st_uid = st->uid;
	tmp.st_gid = st->gid;
	tmp.st_rdev = st->rdev;
	tmp.st_size = st->size;
	tmp.st_blksize = st->blksize;
	tmp.st_blocks = st->blocks;
	tmp.st_atime = st->atime;
	tmp.st_mtime = st->mtime;
	tmp.st_ctime = st->ctime;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/*
 * What stat of @dfd/@name finds, referenced in *@path, or @dfd itself
 * with AT_EMPTY_PATH and "".
 */
static int stat_lookup(int dfd, const char __user *name, int flags, struct path *path)
{
	char c = 1;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */ |
		      0x6000 /* AT_STATX_SYNC_TYPE */))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && !get_user(c, name) && !c) {
		struct file *f = fget_raw(dfd);

		if (!f)
			return -EBADF;
		*path = f->f_path;
		path_get(path);
		fput(f);
		return 0;
	}
	return user_path_at(dfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, path);
}

/* stat of @dfd/@path, or of @dfd itself with AT_EMPTY_PATH and "". */
int vfs_statx(int dfd, const char __user *name, int flags, struct kstat *st)
{
	struct path path;
	int err = stat_lookup(dfd, name, flags, &path);

	if (err)
		return err;
	generic_fillattr(path.dentry->d_inode, st);
	path_put(&path);
	return 0;
}

SYSCALL_DEFINE2(stat64, const char __user *, path, struct stat64 __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, 0, &st);

	return err ? err : cp_stat64(&st, buf);
}

SYSCALL_DEFINE2(lstat64, const char __user *, path, struct stat64 __user *, buf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_stat64(&st, buf);
}

SYSCALL_DEFINE2(fstat64, int, fd, struct stat64 __user *, buf)
{
	struct file *f = fget_raw(fd);
	struct kstat st;

	if (!f)
		return -EBADF;
	generic_fillattr(f->f_inode, &st);
	fput(f);
	return cp_stat64(&st, buf);
}

SYSCALL_DEFINE4(fstatat64, int, dfd, const char __user *, path,
		struct stat64 __user *, buf, int, flags)
{
	struct kstat st;
	int err = vfs_statx(dfd, path, flags, &st);

	return err ? err : cp_stat64(&st, buf);
}

static __always_inline void fill_statx_time(struct statx_timestamp *t, long sec)
{
	t->tv_sec = sec;
	t->tv_nsec = 0;
	t->__reserved = 0;
}

/*
 * The part of struct statx before __spare2, every byte set from @inode
 * (no memset of the whole 256 bytes first: the spare tail is cleared in
 * the user's copy instead, by copy_to_user_padded's rep stosl).
 */
#define STATX_FILLED	offsetof(struct statx, __spare2)

static void fill_statx(struct statx *x, const struct inode *inode)
{
	dev_t dev = inode->i_sb->s_dev;

	x->stx_mask = STATX_BASIC_STATS;
	x->stx_blksize = inode_blksize(inode);
	x->stx_attributes = 0;
	x->stx_nlink = inode->i_nlink;
	x->stx_uid = inode->i_uid;
	x->stx_gid = inode->i_gid;
	x->stx_mode = inode->i_mode;
	x->__spare0 = 0;
	x->stx_ino = inode->i_ino;
	x->stx_size = inode->i_size;
	x->stx_blocks = inode_blocks(inode);
	x->stx_attributes_mask = 0;
	fill_statx_time(&x->stx_atime, inode->i_atime);
	fill_statx_time(&x->stx_btime, 0);
	fill_statx_time(&x->stx_ctime, inode->i_ctime);
	fill_statx_time(&x->stx_mtime, inode->i_mtime);
	x->stx_rdev_major = MAJOR(inode->i_rdev);
	x->stx_rdev_minor = MINOR(inode->i_rdev);
	x->stx_dev_major = MAJOR(dev);
	x->stx_dev_minor = MINOR(dev);
}

/*
 * statx's lookup and record.  Without AT_EMPTY_PATH, when the lockless
 * walk answers, the record is filled from its inode before anything
 * can sleep, and no reference is taken or dropped.
 */
static __always_inline int statx_lookup_fill(int dfd, const char __user *upath, int flags,
					     struct statx *x)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	char buf[GETNAME_SHORT], *name;
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | 0x800 | 0x6000)) {
		err = stat_lookup(dfd, upath, flags, &p);	/* EINVAL, or AT_EMPTY_PATH */
		if (err)
			return err;
		fill_statx(x, p.dentry->d_inode);
		path_put(&p);
		return 0;
	}
	name = getname_buf(upath, buf);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = walk_cached(dfd, name, lookup, &p);
	if (!err) {
		fill_statx(x, p.dentry->d_inode);
	} else if (err == WALK_FALLBACK) {
		err = path_lookupat_ref(dfd, name, lookup, &p);
		if (!err) {
			fill_statx(x, p.dentry->d_inode);
			path_put(&p);
		}
	}
	putname_buf(name, buf);
	return err;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, path, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buf)
{
	struct statx tmp;
	int err;

	if (mask & 0x80000000U)		/* STATX__RESERVED */
		return -EINVAL;
	err = statx_lookup_fill(dfd, path, flags, &tmp);
	if (err)
		return err;
	if (copy_to_user_padded(buf, &tmp, STATX_FILLED, sizeof(tmp)))
		return -EFAULT;
	return 0;
}

/* A magic link's target as readlink shows it: d_path of where it leads. */
static int magic_link_text(struct dentry *link, char *buf, const char **target)
{
	struct path p;
	int err = link->d_inode->i_op->get_path(link, &p);

	if (err)
		return err;
	*target = d_path(&p, buf, PATH_MAX);
	path_put(&p);
	return IS_ERR(*target) ? PTR_ERR(*target) : 0;
}

static long do_readlinkat(int dfd, const char __user *path, char __user *ubuf, int size)
{
	const struct inode_operations *iop;
	struct path p;
	const char *target;
	char buf[LINK_TARGET_BUF], *page = NULL, c = 1;
	bool empty;
	int ret;

	if (size <= 0)
		return -EINVAL;
	/* An empty path reads @dfd itself: an O_PATH|O_NOFOLLOW handle on a link. */
	empty = !get_user(c, path) && !c;
	ret = empty ? dfd_path(dfd, &p) : user_path_at(dfd, path, 0, &p);
	if (ret)
		return ret;
	iop = p.dentry->d_inode->i_op;
	if (!S_ISLNK(p.dentry->d_inode->i_mode)) {
		ret = empty ? -ENOENT : -EINVAL;
	} else if (iop && iop->get_path) {
		page = kmalloc(PATH_MAX, GFP_KERNEL);
		ret = page ? magic_link_text(p.dentry, page, &target) : -ENOMEM;
	} else {
		target = inode_link_target(p.dentry->d_inode, buf);
	}
	if (!ret) {
		size_t len = min_t(size_t, strlen(target), size);

		ret = copy_to_user(ubuf, target, len) ? -EFAULT : (int)len;
	}
	kfree(page);
	path_put(&p);
	return ret;
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, size)
{
	return do_readlinkat(AT_FDCWD, path, buf, size);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, path, char __user *, buf, int, size)
{
	return do_readlinkat(dfd, path, buf, size);
}
