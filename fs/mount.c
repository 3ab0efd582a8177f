/*
 * mount(2) and umount2(2).
 *
 * What Linnet's mount(2) does, with Linux's flag values:
 *   new mount     a new instance of a registered type (ENODEV if none),
 *                 or the single one (proc, debugfs), on a directory
 *   MS_BIND       the source directory's instance, seen from that
 *                 directory, mounted again at the target (no MS_REC:
 *                 submounts are not copied, so MS_REC gives EINVAL)
 *   MS_REMOUNT    new per-mount flags; without MS_BIND also the
 *                 instance's (read-only) and its options
 *   MS_PRIVATE... propagation: every Linnet mount is private, so
 *                 MS_PRIVATE (and MS_REC with it) succeed doing nothing;
 *                 MS_SHARED, MS_SLAVE, MS_UNBINDABLE give EINVAL
 * MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOATIME, MS_NODIRATIME
 * and MS_RELATIME are kept per mount and shown in /proc/mounts; nosuid
 * needs no check (Linnet has no set-id execution); the atime flags
 * change nothing (Linnet updates atime only when asked).  MS_MOVE gives
 * EINVAL.  Everyone is root, so there is no EPERM.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/mount.h>

static const struct { unsigned long ms; int mnt; } mnt_flag_map[] = {
	{ MS_RDONLY, MNT_RDONLY }, { MS_NOSUID, MNT_NOSUID }, { MS_NODEV, MNT_NODEV },
	{ MS_NOEXEC, MNT_NOEXEC }, { MS_NOATIME, MNT_NOATIME },
	{ MS_NODIRATIME, MNT_NODIRATIME }, { MS_RELATIME, MNT_RELATIME },
};

static int ms_to_mnt_flags(unsigned long flags)
{
	int mnt_flags = 0;

	for (size_t i = 0; i < ARRAY_SIZE(mnt_flag_map); i++)
		if (flags & mnt_flag_map[i].ms)
			mnt_flags |= mnt_flag_map[i].mnt;
	return mnt_flags;
}

/* A user string (device, type) of at most a page.  kmalloc'd or ERR_PTR; NULL stays NULL. */
static char *copy_mount_string(const char __user *ustr)
{
	char *s;
	long len;

	if (!ustr)
		return NULL;
	s = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(s, ustr, PAGE_SIZE);
	if (len < 0 || len == PAGE_SIZE) {
		kfree(s);
		return ERR_PTR(len < 0 ? -EFAULT : -EINVAL);
	}
	return s;
}

/* The option data: a page at most, and a fault at its end only cuts it short. */
static char *copy_mount_options(const void __user *data)
{
	char *s;
	size_t n = 0;

	if (!data)
		return NULL;
	s = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	while (n < PAGE_SIZE - 1 && !copy_from_user(s + n, (const char __user *)data + n, 1) &&
	       s[n])
		n++;
	if (!n && copy_from_user(s, data, 1)) {
		kfree(s);
		return ERR_PTR(-EFAULT);
	}
	s[n] = '\0';
	return s;
}

/* Is @path the root of its mount (what remount and umount act on)? */
static bool path_mounted(const struct path *path)
{
	return path->dentry == path->mnt->mnt_root;
}

static long do_remount(const struct path *path, unsigned long flags, char *data)
{
	struct super_block *sb = path->mnt->mnt_sb;
	unsigned long sb_flags = (flags & MS_RDONLY) ? SB_RDONLY : 0;

	if (!path_mounted(path))
		return -EINVAL;
	if (!(flags & MS_BIND)) {
		int err = sb_may_remount_ro(sb, sb_flags);

		/* Without a remount_fs, options are ignored (as ramfs does). */
		if (!err && sb->s_op && sb->s_op->remount_fs)
			err = sb->s_op->remount_fs(sb, &sb_flags, data);
		if (err)
			return err;
		sb->s_flags = (sb->s_flags & ~SB_RDONLY) | sb_flags;
	}
	path->mnt->mnt_flags = (path->mnt->mnt_flags & MNT_INTERNAL) | ms_to_mnt_flags(flags);
	return 0;
}

static long do_bind_mount(const struct path *where, const char *dev_name, unsigned long flags)
{
	struct vfsmount *mnt;
	struct path from;
	long err;

	if (flags & MS_REC)
		return -EINVAL;
	if (!dev_name)
		return -EFAULT;
	err = kern_path(dev_name, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	err = S_ISDIR(from.dentry->d_inode->i_mode) ? 0 : -ENOTDIR;
	mnt = err ? NULL : clone_mnt(&from, ms_to_mnt_flags(flags) & ~MNT_RDONLY);
	path_put(&from);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	if (err)
		return err;
	err = attach_mount(mnt, where);
	if (err)
		mntput(mnt);
	return err;
}

static long do_new_mount(const struct path *where, const char *type_name,
			 const char *dev_name, unsigned long flags, char *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	long err;

	if (!type_name)
		return -EFAULT;
	type = get_fs_type(type_name);
	if (!type || !(type->fs_flags & FS_USERMOUNT))
		return -ENODEV;
	if (!S_ISDIR(where->dentry->d_inode->i_mode))
		return -ENOTDIR;
	mnt = vfs_kern_mount(type, ms_to_mnt_flags(flags), dev_name ? dev_name : "none", data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	if (flags & MS_RDONLY)
		mnt->mnt_sb->s_flags |= SB_RDONLY;
	err = attach_mount(mnt, where);
	if (err)
		mntput(mnt);
	return err;
}

static long do_mount(const char *dev_name, const struct path *where, const char *type,
		     unsigned long flags, char *data)
{
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_REMOUNT)
		return do_remount(where, flags, data);
	if (flags & MS_BIND)
		return do_bind_mount(where, dev_name, flags);
	if (flags & (MS_SHARED | MS_SLAVE | MS_UNBINDABLE | MS_MOVE))
		return -EINVAL;
	if (flags & MS_PRIVATE)
		return path_mounted(where) ? 0 : -EINVAL;
	return do_new_mount(where, type, dev_name, flags, data);
}

SYSCALL_DEFINE5(mount, const char __user *, udev, const char __user *, udir,
		const char __user *, utype, unsigned long, flags, const void __user *, udata)
{
	char *dev, *type = NULL, *data = NULL;
	struct path where;
	long err;

	dev = copy_mount_string(udev);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	type = copy_mount_string(utype);
	err = PTR_ERR_OR_ZERO(type);
	if (!err) {
		data = copy_mount_options(udata);
		err = PTR_ERR_OR_ZERO(data);
	}
	if (!err)
		err = user_path_at(AT_FDCWD, udir, LOOKUP_FOLLOW, &where);
	if (!err) {
		err = capable(CAP_SYS_ADMIN) ? do_mount(dev, &where, type, flags, data) : -EPERM;
		path_put(&where);
	}
	if (!IS_ERR(data))
		kfree(data);
	if (!IS_ERR(type))
		kfree(type);
	kfree(dev);
	return err;
}

/*
 * Takes the mount at @path (its root) out of the tree.  Busy (EBUSY) if
 * anything but the tree and this walk holds it, or something is mounted
 * below it, unless MNT_DETACH: then it and its submounts go now and are
 * freed when their last users let go.
 */
static long do_umount(struct path *path, int flags)
{
	struct vfsmount *mnt = path->mnt;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!path_mounted(path))
		return -EINVAL;
	if (mnt->mnt_parent == mnt)
		return mnt == init_root.mnt ? -EBUSY : -EINVAL;
	if (!(flags & MNT_DETACH) &&
	    (atomic_read(&mnt->mnt_count) > 2 || !list_empty(&mnt->mnt_mounts)))
		return -EBUSY;
	umount_tree(mnt);
	return 0;
}

SYSCALL_DEFINE2(umount2, const char __user *, name, int, flags)
{
	struct path path;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (flags & (MNT_FORCE | MNT_EXPIRE))
		return -EINVAL;		/* nothing to force or expire in memory */
	err = user_path_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = do_umount(&path, flags);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(umount, const char __user *, name)
{
	return __do_sys_umount2(name, 0);
}
