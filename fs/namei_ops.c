/*
 * Operations on names: mkdir, rmdir, link, symlink, rename (and their
 * *at forms).  The ramfs dentry tree is the directory structure, so each
 * is a change to that tree; inodes follow their link counts (a directory
 * has 2 + its subdirectories, as on Linux).  All run with the kernel
 * non-preemptible and never sleep between looking a name up and changing
 * it, so no directory lock is needed on one CPU.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/mount.h>
#include <linux-ish/cred.h>
#include <linux-ish/permission.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>


/*
 * The parent directory of @upath (referenced) and its last component;
 * @slash says the path ended in '/' (so it must name a directory).
 */
struct name_target {
	char *path;
	struct path parent;
	struct dentry *dir;		/* parent.dentry */
	const char *last;
	bool slash;
};

/* Fills @t for a name about to change: its parent must be writable (EROFS). */
static int target_get(int dfd, const char __user *upath, struct name_target *t)
{
	size_t len;
	int err;

	t->path = getname(upath);
	if (IS_ERR(t->path))
		return PTR_ERR(t->path);
	len = strlen(t->path);
	t->slash = len && t->path[len - 1] == '/';
	err = lookup_parent(dfd, t->path, &t->last, &t->parent);
	if (!err) {
		err = mnt_want_write(t->parent.mnt);
		if (err)
			path_put(&t->parent);
	}
	if (err) {
		kfree(t->path);
		return err;
	}
	t->dir = t->parent.dentry;
	return 0;
}

/* target_get() for a name about to be created: the root "exists". */
static int new_target_get(int dfd, const char __user *upath, struct name_target *t)
{
	int err = target_get(dfd, upath, t);

	return err == -EBUSY ? -EEXIST : err;
}

static void target_put(struct name_target *t)
{
	path_put(&t->parent);
	kfree(t->path);
}

/* A name that a mount hides or that is a mount's root cannot go or move. */
static bool d_busy(const struct name_target *t, const struct dentry *d)
{
	return d->d_mounted || d == t->parent.mnt->mnt_root;
}

static struct dentry *target_lookup(const struct name_target *t)
{
	return d_lookup(t->dir, t->last, strlen(t->last));
}

/* A name may be made in @t: it does not exist (EEXIST), the directory is writable. */
static long may_create_target(const struct name_target *t)
{
	return target_lookup(t) ? -EEXIST : may_create_in(t->dir->d_inode);
}

/*
 * A new name in @dir: the file system's i_op->mknod for a disk (which
 * writes it there), else ramfs_mknod (and ramfs_symlink for @target).
 */
int vfs_mknod_in(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		 const char *target, struct dentry **out)
{
	int err;

	if (dir->d_inode->i_op && dir->d_inode->i_op->mknod)
		return dir->d_inode->i_op->mknod(dir, name, mode, dev, target, out);
	if (!target)
		return ramfs_mknod(dir, name, mode, dev, out);
	err = ramfs_symlink(dir, name, target, strlen(target));
	if (!err && out)
		*out = d_lookup(dir, name, strlen(name));
	return err;
}

/* vfs_mknod_in() of a checked name, owned by the caller (inode_init_owner). */
static long make_node(const struct name_target *t, umode_t mode, dev_t dev)
{
	struct dentry *d;
	long err = vfs_mknod_in(t->dir, t->last, mode, dev, NULL, &d);

	if (!err) {
		inode_init_owner(d->d_inode, t->dir->d_inode);
		fsnotify_create(t->dir, d);
	}
	return err;
}

static void touch_dir(struct dentry *dir)
{
	dir->d_inode->i_mtime = dir->d_inode->i_ctime = ktime_get_real_seconds();
}

static long do_mkdirat(int dfd, const char __user *upath, umode_t mode)
{
	struct name_target t;
	long err = new_target_get(dfd, upath, &t);

	if (err)
		return err;
	err = may_create_target(&t);
	if (!err)
		err = make_node(&t, S_IFDIR | (mode & (0777 | S_ISVTX) & ~current->fs->umask), 0);
	if (!err)
		touch_dir(t.dir);
	target_put(&t);
	return err;
}

/*
 * mknod: a regular file (type 0 or S_IFREG), a character or block device
 * node, a FIFO or a socket node, minus the umask; a directory is EPERM
 * (mkdir makes those), another type EINVAL.  @dev is Linux's 32-bit
 * encoding; Linnet's device numbers have 8-bit minors (EINVAL beyond).
 * A device node needs CAP_MKNOD (EPERM).
 */
static long do_mknodat(int dfd, const char __user *upath, umode_t mode, unsigned int dev)
{
	unsigned int major = (dev & 0xfff00) >> 8, minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
	umode_t type = (mode & S_IFMT) ? (mode & S_IFMT) : S_IFREG;
	struct name_target t;
	long err;

	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO &&
	    type != S_IFSOCK)
		return -EINVAL;
	if ((type == S_IFCHR || type == S_IFBLK) && minor > 0xff)
		return -EINVAL;
	err = new_target_get(dfd, upath, &t);
	if (err)
		return err;
	err = may_create_target(&t);
	if (!err && (type == S_IFCHR || type == S_IFBLK) && !capable(CAP_MKNOD))
		err = -EPERM;
	if (!err)
		err = make_node(&t, type | (mode & 07777 & ~current->fs->umask), MKDEV(major, minor));
	if (!err)
		touch_dir(t.dir);
	target_put(&t);
	return err;
}

SYSCALL_DEFINE3(mknod, const char __user *, path, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, path, mode, dev);
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, path, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(dfd, path, mode, dev);
}

SYSCALL_DEFINE2(mkdir, const char __user *, path, umode_t, mode)
{
	return do_mkdirat(AT_FDCWD, path, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, path, umode_t, mode)
{
	return do_mkdirat(dfd, path, mode);
}

/* Removes directory @d (empty, not a mountpoint); @notify: rmdir's events. */
static long remove_dir(struct dentry *dir, struct dentry *d, bool notify)
{
	if (!S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	if (d->d_mounted)
		return -EBUSY;
	if (d_immutable(d))
		return -EPERM;
	if (d_has_children(d))
		return -ENOTEMPTY;
	if (notify && dir->d_inode->i_op && dir->d_inode->i_op->rmdir) {
		long err = dir->d_inode->i_op->rmdir(dir, d);	/* the disk's side */

		if (err)
			return err;
	}
	d->d_inode->i_nlink = 1;	/* "." goes with it; d_delete drops the last */
	dir->d_inode->i_nlink--;	/* its ".." */
	if (notify)
		fsnotify_unlink(dir, d, true);
	d_delete(d);
	touch_dir(dir);
	return 0;
}

long do_rmdirat(int dfd, const char __user *upath)
{
	struct name_target t;
	struct dentry *d;
	long err = target_get(dfd, upath, &t);

	if (err)
		return err == -EEXIST ? -EINVAL : err;	/* "." or ".." */
	d = target_lookup(&t);
	err = !d ? -ENOENT : may_delete_in(t.dir->d_inode, d->d_inode);
	if (!err)
		err = d_busy(&t, d) ? -EBUSY : remove_dir(t.dir, d, true);
	target_put(&t);
	return err;
}

SYSCALL_DEFINE1(rmdir, const char __user *, path)
{
	return do_rmdirat(AT_FDCWD, path);
}

/* A second name for a non-directory inode. */
static long do_linkat(int olddfd, const char __user *oldpath, int newdfd,
		      const char __user *newpath, int flags)
{
	struct name_target t;
	struct path oldp;
	struct dentry *old;
	char c = 1;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* AT_EMPTY_PATH with "": the file @olddfd is open on (an O_PATH one too). */
	if ((flags & AT_EMPTY_PATH) && !get_user(c, oldpath) && !c)
		err = dfd_path(olddfd, &oldp);
	else
		err = user_path_at(olddfd, oldpath, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0,
				   &oldp);
	if (err)
		return err;
	old = oldp.dentry;
	err = S_ISDIR(old->d_inode->i_mode) || d_immutable(old) ? -EPERM :
	      new_target_get(newdfd, newpath, &t);
	if (err) {
		path_put(&oldp);
		return err;
	}
	if (t.parent.mnt != oldp.mnt) {
		err = -EXDEV;
	} else if ((err = may_create_target(&t))) {
		;
	} else if (!old->d_inode->i_nlink) {
		err = -ENOENT;		/* unlinked (AT_EMPTY_PATH): no name comes back */
	} else if (t.dir->d_inode->i_op && t.dir->d_inode->i_op->link &&
		   (err = t.dir->d_inode->i_op->link(old, t.dir, t.last))) {
		;			/* the disk refused */
	} else {
		struct dentry *d = d_alloc(t.dir, t.last, strlen(t.last));

		if (!d) {
			err = -ENOMEM;
		} else {
			d_instantiate(d, old->d_inode);
			atomic_inc(&old->d_inode->i_count);	/* the new name's */
			old->d_inode->i_nlink++;
			old->d_inode->i_ctime = ktime_get_real_seconds();
			touch_dir(t.dir);
			fsnotify_inode(old->d_inode, IN_ATTRIB);
			fsnotify_create(t.dir, d);
		}
	}
	target_put(&t);
	path_put(&oldp);
	return err;
}

SYSCALL_DEFINE2(link, const char __user *, oldpath, const char __user *, newpath)
{
	return do_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldpath, int, newdfd,
		const char __user *, newpath, int, flags)
{
	return do_linkat(olddfd, oldpath, newdfd, newpath, flags);
}

static long do_symlinkat(const char __user *utarget, int dfd, const char __user *upath)
{
	char *target = getname(utarget);
	struct name_target t;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = *target ? new_target_get(dfd, upath, &t) : -ENOENT;
	if (!err) {
		struct dentry *d;

		err = may_create_target(&t);
		if (!err)
			err = vfs_mknod_in(t.dir, t.last, S_IFLNK | 0777, 0, target, &d);
		if (!err) {
			inode_init_owner(d->d_inode, t.dir->d_inode);
			touch_dir(t.dir);
			fsnotify_create(t.dir, d);
		}
		target_put(&t);
	}
	kfree(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, target, const char __user *, path)
{
	return do_symlinkat(target, AT_FDCWD, path);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, target, int, dfd, const char __user *, path)
{
	return do_symlinkat(target, dfd, path);
}

/* Is @d equal to @ancestor or somewhere below it? */
static bool is_subdir(const struct dentry *d, const struct dentry *ancestor)
{
	for (;;) {
		if (d == ancestor)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}

/* Checks whether @old may replace @victim (both present).  0 or -errno. */
static long may_replace(struct dentry *old, struct dentry *victim)
{
	bool old_dir = S_ISDIR(old->d_inode->i_mode);
	bool victim_dir = S_ISDIR(victim->d_inode->i_mode);

	if (old_dir && !victim_dir)
		return -ENOTDIR;
	if (!old_dir && victim_dir)
		return -EISDIR;
	if (victim_dir && d_has_children(victim))
		return -ENOTEMPTY;
	return 0;
}

/*
 * Moves @old under @newdir as @name, replacing @victim if there is one.
 * The victim is held to the end so that its DELETE_SELF follows the move's
 * events, as on Linux.
 */
static long rename_dentry(struct dentry *old, struct dentry *newdir, const char *name,
			  struct dentry *victim)
{
	char old_name[NAME_MAX + 1];
	struct dentry *old_dir = old->d_parent;
	size_t len = strlen(name);

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(old_name, old->d_name, sizeof(old_name));
	if (victim) {
		dget(victim);
		if (S_ISDIR(victim->d_inode->i_mode))
			remove_dir(newdir, victim, false);
		else
			d_delete(victim);
	}
	if (S_ISDIR(old->d_inode->i_mode) && old->d_parent != newdir) {
		old->d_parent->d_inode->i_nlink--;
		newdir->d_inode->i_nlink++;
	}
	touch_dir(old->d_parent);
	touch_dir(newdir);
	dget(old_dir);			/* d_move drops old's hold on it */
	d_move(old, newdir, name, len);
	fsnotify_move(old_dir, old_name, newdir, old, victim ? victim->d_inode : NULL);
	dput(old_dir);
	if (victim)
		dput(victim);
	return 0;
}

/*
 * The caller may move @old out of @from into @to, replacing @victim:
 * deleting from one directory and creating in (or deleting from) the
 * other, with the sticky rules; a directory changing parent must itself
 * be writable (its ".." changes).  0, -EACCES or -EPERM.
 */
static long may_rename(const struct name_target *from, struct dentry *old,
		       const struct name_target *to, struct dentry *victim)
{
	long err = may_delete_in(from->dir->d_inode, old->d_inode);

	if (!err)
		err = victim ? may_delete_in(to->dir->d_inode, victim->d_inode) :
			       may_create_in(to->dir->d_inode);
	if (!err && S_ISDIR(old->d_inode->i_mode) && from->dir != to->dir)
		err = inode_permission(old->d_inode, MAY_WRITE);
	return err;
}

static long do_renameat2(int olddfd, const char __user *oldpath, int newdfd,
			 const char __user *newpath, unsigned int flags)
{
	struct name_target from, to;
	struct dentry *old, *victim;
	long err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;		/* RENAME_EXCHANGE, WHITEOUT: not supported */
	err = target_get(olddfd, oldpath, &from);
	if (err)
		return err == -EEXIST ? -EBUSY : err;
	err = target_get(newdfd, newpath, &to);
	if (err) {
		target_put(&from);
		return err == -EEXIST ? -EBUSY : err;
	}
	old = target_lookup(&from);
	victim = target_lookup(&to);
	if (!old)
		err = -ENOENT;
	else if (from.parent.mnt != to.parent.mnt)
		err = -EXDEV;
	else if ((err = may_rename(&from, old, &to, victim)))
		;
	else if (d_busy(&from, old) || (victim && d_busy(&to, victim)))
		err = -EBUSY;
	else if (d_immutable(old) || (victim && d_immutable(victim)))
		err = -EPERM;
	else if (!S_ISDIR(old->d_inode->i_mode) && (from.slash || to.slash))
		err = -ENOTDIR;
	else if (victim && old->d_inode == victim->d_inode)
		err = 0;		/* the same file: nothing to do, as POSIX says */
	else if (victim && (flags & RENAME_NOREPLACE))
		err = -EEXIST;
	else if (S_ISDIR(old->d_inode->i_mode) && is_subdir(to.dir, old))
		err = -EINVAL;		/* into itself */
	else if (victim && (err = may_replace(old, victim)))
		;
	else if (strlen(to.last) > NAME_MAX)
		err = -ENAMETOOLONG;
	else if (to.dir->d_inode->i_op && to.dir->d_inode->i_op->rename &&
		 (err = to.dir->d_inode->i_op->rename(old, to.dir, to.last, victim)))
		;			/* the disk refused */
	else
		err = rename_dentry(old, to.dir, to.last, victim);
	target_put(&to);
	target_put(&from);
	return err;
}

SYSCALL_DEFINE2(rename, const char __user *, oldpath, const char __user *, newpath)
{
	return do_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldpath, int, newdfd,
		const char __user *, newpath)
{
	return do_renameat2(olddfd, oldpath, newdfd, newpath, 0);
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldpath, int, newdfd,
		const char __user *, newpath, unsigned int, flags)
{
	return do_renameat2(olddfd, oldpath, newdfd, newpath, flags);
}
