/*
 * statfs, fstatfs, statfs64, fstatfs64: what a file system instance says
 * of itself (its magic number, sizes and free counts) through the mount
 * a path is on (whose flags become f_flags).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/statfs.h>

BUILD_BUG_ON(sizeof(struct statfs) != 64);
BUILD_BUG_ON(sizeof(struct statfs64) != 84);
BUILD_BUG_ON(sizeof(struct ustat) != 20);

static const struct { int mnt; long st; } st_flag_map[] = {
	{ MNT_RDONLY, ST_RDONLY }, { MNT_NOSUID, ST_NOSUID }, { MNT_NODEV, ST_NODEV },
	{ MNT_NOEXEC, ST_NOEXEC }, { MNT_NOATIME, ST_NOATIME },
	{ MNT_NODIRATIME, ST_NODIRATIME }, { MNT_RELATIME, ST_RELATIME },
};

static void vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;

	memset(buf, 0, sizeof(*buf));
	buf->f_type = sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sb->s_op && sb->s_op->statfs)
		sb->s_op->statfs(sb, buf);
	buf->f_frsize = buf->f_frsize ? buf->f_frsize : buf->f_bsize;
	buf->f_flags = ST_VALID | ((sb->s_flags & SB_RDONLY) ? ST_RDONLY : 0);
	for (size_t i = 0; i < ARRAY_SIZE(st_flag_map); i++)
		if (path->mnt->mnt_flags & st_flag_map[i].mnt)
			buf->f_flags |= st_flag_map[i].st;
}

static int statfs_name(const char __user *name, struct kstatfs *st)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, name, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	vfs_statfs(&path, st);
	path_put(&path);
	return 0;
}

static int statfs_fd(int fd, struct kstatfs *st)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	vfs_statfs(&f->f_path, st);
	fput(f);
	return 0;
}

static bool fits32(u64 v)
{
	return v <= 0xffffffffULL || v == ~0ULL;
}

/* The same fields into either layout (their widths differ). */
#define FILL_STATFS(buf, st) do {					\
	memset(&(buf), 0, sizeof(buf));					\
	(buf).f_type = (st)->f_type;					\
	(buf).f_bsize = (st)->f_bsize;					\
	(buf).f_blocks = (st)->f_blocks;				\
	(buf).f_bfree = (st)->f_bfree;					\
	(buf).f_bavail = (st)->f_bavail;				\
	(buf).f_files = (st)->f_files;					\
	(buf).f_ffree = (st)->f_ffree;					\
	memcpy((buf).f_fsid, (st)->f_fsid, sizeof((buf).f_fsid));	\
	(buf).f_namelen = (st)->f_namelen;				\
	(buf).f_frsize = (st)->f_frsize;				\
	(buf).f_flags = (st)->f_flags;					\
} while (0)

static int put_statfs(const struct kstatfs *st, struct statfs __user *ubuf)
{
	struct statfs buf;

	if (!fits32(st->f_blocks) || !fits32(st->f_bfree) || !fits32(st->f_bavail) ||
	    !fits32(st->f_files) || !fits32(st->f_ffree))
		return -EOVERFLOW;
	FILL_STATFS(buf, st);
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

static int put_statfs64(const struct kstatfs *st, struct statfs64 __user *ubuf)
{
	struct statfs64 buf;

	FILL_STATFS(buf, st);
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, name, struct statfs __user *, buf)
{
	struct kstatfs st;
	int err = statfs_name(name, &st);

	return err ? err : put_statfs(&st, buf);
}

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs __user *, buf)
{
	struct kstatfs st;
	int err = statfs_fd(fd, &st);

	return err ? err : put_statfs(&st, buf);
}

SYSCALL_DEFINE3(statfs64, const char __user *, name, size_t, size,
		struct statfs64 __user *, buf)
{
	struct kstatfs st;
	int err;

	if (size != sizeof(*buf))
		return -EINVAL;
	err = statfs_name(name, &st);
	return err ? err : put_statfs64(&st, buf);
}

SYSCALL_DEFINE3(fstatfs64, int, fd, size_t, size, struct statfs64 __user *, buf)
{
	struct kstatfs st;
	int err;

	if (size != sizeof(*buf))
		return -EINVAL;
	err = statfs_fd(fd, &st);
	return err ? err : put_statfs64(&st, buf);
}

/*
 * ustat(2): free blocks and inodes of the mounted file system whose device
 * is @dev (Linux's new_encode_dev form), EINVAL if none is mounted.
 * Obsolete (glibc has no wrapper since 2.28); Linux 6.1 still answers it.
 */
SYSCALL_DEFINE2(ustat, unsigned int, dev, struct ustat __user *, ubuf)
{
	unsigned int major = (dev & 0xfff00) >> 8, minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
	struct vfsmount *mnt = NULL, *m;
	struct kstatfs st;
	struct ustat u;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(m, &mount_list, mnt_list) {
		if (minor <= 0xff && m->mnt_sb->s_dev == MKDEV(major, minor)) {
			mnt = mntget(m);
			break;
		}
	}
	spin_unlock_irqrestore(&mount_lock, flags);
	if (!mnt)
		return -EINVAL;
	vfs_statfs(&(struct path){ .mnt = mnt, .dentry = mnt->mnt_root }, &st);
	mntput(mnt);
	memset(&u, 0, sizeof(u));
	u.f_tfree = (int)st.f_bfree;
	u.f_tinode = st.f_ffree > UINT_MAX ? UINT_MAX : (unsigned long)st.f_ffree;
	return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}
