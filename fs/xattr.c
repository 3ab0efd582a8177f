/*
 * Extended attributes: setxattr, getxattr, listxattr, removexattr and
 * their l* (no final symlink) and f* (descriptor) forms, with Linux
 * 6.1's checks in Linux's order: the path, EROFS, the flags (EINVAL),
 * the name (empty or longer than 255: ERANGE), the value's size
 * (E2BIG), then xattr_permission() (trusted.* needs CAP_SYS_ADMIN,
 * user.* only on regular files and directories; security.* and system.*
 * are not checked, and Debian's 6.1 with its LSMs checks no capability
 * for security.* either), then the file system.
 *
 * Only tmpfs (TMPFS_MAGIC: tmpfs, devtmpfs, memfds) stores attributes,
 * and, as 6.1's, only trusted.* and security.* ones; everything else
 * says EOPNOTSUPP and lists none, as Linux's ramfs and procfs.  A
 * tmpfs inode's attributes are a list (i_xattrs) changed only after
 * every allocation is made, so no change sleeps half-way (one CPU, no
 * preemption in the kernel).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/list.h>
#include <linux-ish/mount.h>
#include <linux-ish/permission.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/xattr.h>
#include <uapi/linux-ish/capability.h>
#include <uapi/linux-ish/magic.h>

struct simple_xattrs {
	struct list_head head;		/* of simple_xattr */
};

struct simple_xattr {
	struct list_head list;
	char name[XATTR_NAME_MAX + 1];
	size_t size;
	char value[];
};

static bool has_prefix(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* Whether @inode's file system keeps the attribute @name (else EOPNOTSUPP). */
static bool xattr_supported(const struct inode *inode, const char *name)
{
	if (inode->i_sb->s_magic != TMPFS_MAGIC)
		return false;
	return has_prefix(name, XATTR_TRUSTED_PREFIX) || has_prefix(name, XATTR_SECURITY_PREFIX);
}

/* tmpfs's POSIX ACL names: never any ACL (getxattr ENODATA, removal 0, setting EOPNOTSUPP). */
static bool xattr_is_acl(const struct inode *inode, const char *name)
{
	return inode->i_sb->s_magic == TMPFS_MAGIC &&
	       (!strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) ||
		!strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT));
}

/* Linux's xattr_permission(): 0 or -errno for @mask (MAY_READ/MAY_WRITE) on @name. */
static int xattr_permission(struct inode *inode, const char *name, int mask)
{
	bool write = mask & MAY_WRITE;

	if (has_prefix(name, XATTR_SECURITY_PREFIX) || has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;
	if (has_prefix(name, XATTR_TRUSTED_PREFIX))
		return capable(CAP_SYS_ADMIN) ? 0 : write ? -EPERM : -ENODATA;
	if (has_prefix(name, XATTR_USER_PREFIX)) {
		if (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode))
			return write ? -EPERM : -ENODATA;
		if (S_ISDIR(inode->i_mode) && (inode->i_mode & S_ISVTX) && write &&
		    !inode_owner_or_capable(inode))
			return -EPERM;
	}
	return inode_permission(inode, mask);
}

static struct simple_xattr *xattr_find(const struct inode *inode, const char *name)
{
	struct simple_xattr *x;

	if (!inode->i_xattrs)
		return NULL;
	list_for_each_entry(x, &inode->i_xattrs->head, list)
		if (!strcmp(x->name, name))
			return x;
	return NULL;
}

void simple_xattrs_free(struct inode *inode)
{
	struct simple_xattr *x, *next;

	if (!inode->i_xattrs)
		return;
	list_for_each_entry_safe(x, next, &inode->i_xattrs->head, list)
		kfree(x);
	kfree(inode->i_xattrs);
	inode->i_xattrs = NULL;
}

/*
 * Sets (or with @value NULL removes) @name: XATTR_CREATE of an existing
 * one -EEXIST, XATTR_REPLACE (or removal) of a missing one -ENODATA.
 */
static int simple_xattr_set(struct inode *inode, const char *name, const void *value,
			    size_t size, int flags)
{
	struct simple_xattr *old = xattr_find(inode, name), *new = NULL;

	if (old && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!old && ((flags & XATTR_REPLACE) || !value))
		return -ENODATA;
	if (!inode->i_xattrs) {
		inode->i_xattrs = kmalloc(sizeof(*inode->i_xattrs), GFP_KERNEL);
		if (!inode->i_xattrs)
			return -ENOMEM;
		INIT_LIST_HEAD(&inode->i_xattrs->head);
	}
	if (value) {
		new = kmalloc(offsetof(struct simple_xattr, value) + size, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		strlcpy(new->name, name, sizeof(new->name));
		new->size = size;
		memcpy(new->value, value, size);
		list_add_tail(&new->list, &inode->i_xattrs->head);
	}
	if (old) {
		list_del(&old->list);
		kfree(old);
	}
	return 0;
}

/* The name at @uname: 0, -EFAULT, or -ERANGE if empty or over XATTR_NAME_MAX. */
static int xattr_name_copy(char *kname, const char __user *uname)
{
	long len = strncpy_from_user(kname, uname, XATTR_NAME_MAX + 1);

	if (len == 0 || len == XATTR_NAME_MAX + 1)
		return -ERANGE;
	return len < 0 ? (int)len : 0;
}

static long do_setxattr(const struct path *path, const char __user *uname,
			const void __user *uvalue, size_t size, int flags)
{
	struct inode *inode = path->dentry->d_inode;
	char kname[XATTR_NAME_MAX + 1];
	void *kvalue = NULL;
	long err = mnt_want_write(path->mnt);

	if (!err && (flags & ~(XATTR_CREATE | XATTR_REPLACE)))
		err = -EINVAL;
	if (!err)
		err = xattr_name_copy(kname, uname);
	if (!err && size > XATTR_SIZE_MAX)
		err = -E2BIG;
	if (err)
		return err;
	kvalue = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!kvalue)
		return -ENOMEM;
	if (copy_from_user(kvalue, uvalue, size))
		err = -EFAULT;
	if (!err)
		err = xattr_permission(inode, kname, MAY_WRITE);
	if (!err)
		err = xattr_supported(inode, kname) ?
		      simple_xattr_set(inode, kname, kvalue, size, flags) : -EOPNOTSUPP;
	if (!err) {
		inode->i_ctime = ktime_get_real_seconds();
		fsnotify_dentry(path->dentry, IN_ATTRIB);
	}
	kfree(kvalue);
	return err;
}

static long do_getxattr(const struct path *path, const char __user *uname,
			void __user *uvalue, size_t size)
{
	struct inode *inode = path->dentry->d_inode;
	char kname[XATTR_NAME_MAX + 1];
	struct simple_xattr *x;
	long err = xattr_name_copy(kname, uname);

	if (!err)
		err = xattr_permission(inode, kname, MAY_READ);
	if (err)
		return err;
	if (xattr_is_acl(inode, kname))
		return -ENODATA;
	if (!xattr_supported(inode, kname))
		return -EOPNOTSUPP;
	x = xattr_find(inode, kname);
	if (!x)
		return -ENODATA;
	if (!size)
		return x->size;
	if (size < x->size)
		return -ERANGE;
	return copy_to_user(uvalue, x->value, x->size) ? -EFAULT : (long)x->size;
}

/* The names, NUL-terminated one after another (trusted.* for CAP_SYS_ADMIN only). */
static long do_listxattr(const struct path *path, char __user *ulist, size_t size)
{
	struct inode *inode = path->dentry->d_inode;
	bool trusted = capable(CAP_SYS_ADMIN);
	struct simple_xattr *x;
	size_t used = 0;

	if (!inode->i_xattrs)
		return 0;
	if (size > XATTR_LIST_MAX)
		size = XATTR_LIST_MAX;
	list_for_each_entry(x, &inode->i_xattrs->head, list) {
		size_t len = strlen(x->name) + 1;

		if (!trusted && has_prefix(x->name, XATTR_TRUSTED_PREFIX))
			continue;
		if (size && used + len > size)
			return size >= XATTR_LIST_MAX ? -E2BIG : -ERANGE;
		if (size && copy_to_user(ulist + used, x->name, len))
			return -EFAULT;
		used += len;
	}
	return used;
}

static long do_removexattr(const struct path *path, const char __user *uname)
{
	struct inode *inode = path->dentry->d_inode;
	char kname[XATTR_NAME_MAX + 1];
	long err = mnt_want_write(path->mnt);

	if (!err)
		err = xattr_name_copy(kname, uname);
	if (!err)
		err = xattr_permission(inode, kname, MAY_WRITE);
	if (!err && xattr_is_acl(inode, kname))
		return inode_owner_or_capable(inode) ? 0 : -EPERM;
	if (!err)
		err = xattr_supported(inode, kname) ?
		      simple_xattr_set(inode, kname, NULL, 0, XATTR_REPLACE) : -EOPNOTSUPP;
	if (!err) {
		inode->i_ctime = ktime_get_real_seconds();
		fsnotify_dentry(path->dentry, IN_ATTRIB);
	}
	return err;
}

/* ---- the twelve entry points: a path (followed or not) or a descriptor ---- */

enum xattr_op { XA_SET, XA_GET, XA_LIST, XA_REMOVE };

static long xattr_dispatch(enum xattr_op op, const struct path *path, const char __user *name,
			   void __user *value, size_t size, int flags)
{
	switch (op) {
	case XA_SET:
		return do_setxattr(path, name, value, size, flags);
	case XA_GET:
		return do_getxattr(path, name, value, size);
	case XA_LIST:
		return do_listxattr(path, (char __user *)value, size);
	default:
		return do_removexattr(path, name);
	}
}

static long path_xattr(enum xattr_op op, const char __user *upath, unsigned int lookup,
		       const char __user *name, void __user *value, size_t size, int flags)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, upath, lookup, &path);

	if (err)
		return err;
	err = xattr_dispatch(op, &path, name, value, size, flags);
	path_put(&path);
	return err;
}

static long fd_xattr(enum xattr_op op, int fd, const char __user *name, void __user *value,
		     size_t size, int flags)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = xattr_dispatch(op, &f->f_path, name, value, size, flags);
	fput(f);
	return err;
}

SYSCALL_DEFINE5(setxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	return path_xattr(XA_SET, path, LOOKUP_FOLLOW, name, (void __user *)value, size, flags);
}

SYSCALL_DEFINE5(lsetxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	return path_xattr(XA_SET, path, 0, name, (void __user *)value, size, flags);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	return fd_xattr(XA_SET, fd, name, (void __user *)value, size, flags);
}

SYSCALL_DEFINE4(getxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	return path_xattr(XA_GET, path, LOOKUP_FOLLOW, name, value, size, 0);
}

SYSCALL_DEFINE4(lgetxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	return path_xattr(XA_GET, path, 0, name, value, size, 0);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char __user *, name, void __user *, value,
		size_t, size)
{
	return fd_xattr(XA_GET, fd, name, value, size, 0);
}

SYSCALL_DEFINE3(listxattr, const char __user *, path, char __user *, list, size_t, size)
{
	return path_xattr(XA_LIST, path, LOOKUP_FOLLOW, NULL, list, size, 0);
}

SYSCALL_DEFINE3(llistxattr, const char __user *, path, char __user *, list, size_t, size)
{
	return path_xattr(XA_LIST, path, 0, NULL, list, size, 0);
}

SYSCALL_DEFINE3(flistxattr, int, fd, char __user *, list, size_t, size)
{
	return fd_xattr(XA_LIST, fd, NULL, list, size, 0);
}

SYSCALL_DEFINE2(removexattr, const char __user *, path, const char __user *, name)
{
	return path_xattr(XA_REMOVE, path, LOOKUP_FOLLOW, name, NULL, 0, 0);
}

SYSCALL_DEFINE2(lremovexattr, const char __user *, path, const char __user *, name)
{
	return path_xattr(XA_REMOVE, path, 0, name, NULL, 0, 0);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char __user *, name)
{
	return fd_xattr(XA_REMOVE, fd, name, NULL, 0, 0);
}
