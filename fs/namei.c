/*
 * Path lookup: walk a path component by component from the process's
 * root (for "/...") or a base directory, following symbolic links (at
 * most MAX_SYMLINKS deep) except, with LOOKUP_FOLLOW clear, in the last
 * component.  A walk holds a struct path (mount and dentry referenced)
 * at every step; entering a dentry that is mounted on continues at the
 * top mount's root, and ".." at a mount's root continues from its
 * mountpoint.  ".." of the process's root is that root.  Every directory
 * walked through needs search (x) permission: EACCES otherwise.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/mount.h>
#include <linux-ish/permission.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

static int walk(struct path *path, const char *name, unsigned int flags, int depth);

/* The root "/" means for the current task (kernel threads: the tree's). */
const struct path *current_root(void)
{
	return current->fs_root.mnt ? &current->fs_root : &init_root;
}

const char *inode_link_target(const struct inode *inode, char *buf)
{
	if (inode->i_flags & S_PROCSELF) {
		snprintf(buf, LINK_TARGET_BUF, "%d", current->pid);
		return buf;
	}
	if (inode->i_flags & S_PROCTHREADSELF) {	/* one thread per process: tid = pid */
		snprintf(buf, LINK_TARGET_BUF, "%d/task/%d", current->pid, current->pid);
		return buf;
	}
	return inode->i_link;
}

/* Replaces *@path by @next (a referenced dentry of the same mount). */
static void step_to(struct path *path, struct dentry *next)
{
	dput(path->dentry);
	path->dentry = next;
}

/* "..": up to the parent, never above the process's root, across mount roots. */
static void step_up(struct path *path)
{
	for (;;) {
		if (path_equal(path, current_root()))
			return;
		if (path->dentry != path->mnt->mnt_root)
			break;
		if (!follow_up(path))
			return;			/* a detached mount's root */
	}
	step_to(path, dget(path->dentry->d_parent));
}

/*
 * Resolves the symlink @link, found in the directory *@path, replacing
 * *@path by its target: a string walked from *@path, or for a magic
 * link (i_op->get_path) the path itself.  0 or -errno (then *@path is
 * released).
 */
static int follow_link(struct path *path, struct dentry *link, unsigned int flags, int depth)
{
	const struct inode_operations *iop = link->d_inode->i_op;
	char buf[LINK_TARGET_BUF];
	const char *target;

	if (depth >= MAX_SYMLINKS) {
		path_put(path);
		return -ELOOP;
	}
	if (iop && iop->get_path) {
		struct path jump;
		int err = iop->may_follow ? iop->may_follow(link) : 0;

		if (!err)
			err = iop->get_path(link, &jump);

		path_put(path);
		if (!err)
			*path = jump;
		return err;
	}
	target = inode_link_target(link->d_inode, buf);
	return walk(path, target, flags | LOOKUP_FOLLOW, depth + 1);
}

/*
 * One component from the directory *@path; *@path becomes what it names.
 * On failure *@path is released.
 */
static int walk_component(struct path *path, const char *name, size_t len,
			  bool last, unsigned int flags, int depth)
{
	struct dentry *next;

	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		step_up(path);
		return 0;
	}
	next = lookup_one(path->dentry, name, len);
	if (IS_ERR(next)) {
		path_put(path);
		return PTR_ERR(next);
	}
	if (S_ISLNK(next->d_inode->i_mode) && (!last || (flags & LOOKUP_FOLLOW))) {
		int err = follow_link(path, next, flags, depth);

		dput(next);		/* its target string was in use until now */
		return err;
	}
	step_to(path, next);
	follow_mounts(path);
	return 0;
}

/*
 * Walks @name from *@path (which it holds, and replaces by the result),
 * or from the process's root for "/...".  On failure *@path is released.
 */
static int walk(struct path *path, const char *name, unsigned int flags, int depth)
{
	int err = 0;

	if (*name == '/') {
		path_put(path);
		*path = *current_root();
		path_get(path);
	}
	for (;;) {
		const char *start;
		size_t len;

		while (*name == '/')
			name++;
		if (!*name)
			return 0;
		err = -ENOTDIR;
		if (!S_ISDIR(path->dentry->d_inode->i_mode))
			break;
		err = inode_permission(path->dentry->d_inode, MAY_EXEC);
		if (err)
			break;			/* search permission on every directory */
		start = name;
		while (*name && *name != '/')
			name++;
		len = name - start;
		err = -ENAMETOOLONG;
		if (len > NAME_MAX)
			break;
		err = walk_component(path, start, len, !*name, flags, depth);
		if (err)
			return err;		/* *@path is released */
	}
	path_put(path);
	return err;
}

/* @name resolved from @base (not consumed) into *@path. */
int vfs_path_lookup(const struct path *base, const char *name, unsigned int flags,
			    struct path *path)
{
	if (!*name)
		return -ENOENT;
	*path = *base;
	path_get(path);
	return walk(path, name, flags, 0);
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return vfs_path_lookup(current->fs_pwd.mnt ? &current->fs_pwd : &init_root,
			       name, flags, path);
}

/* Copies a user path into a kmalloc'd buffer; ERR_PTR on failure. */
char *getname(const char __user *upath)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len < 0 || len == PATH_MAX) {
		kfree(name);
		return ERR_PTR(len < 0 ? -EFAULT : -ENAMETOOLONG);
	}
	return name;
}

/* What @dfd stands for (AT_FDCWD: the working directory), referenced. */
int dfd_path(int dfd, struct path *path)
{
	struct file *f;

	if (dfd == AT_FDCWD) {
		*path = current->fs_pwd.mnt ? current->fs_pwd : init_root;
		path_get(path);
		return 0;
	}
	f = fget_raw(dfd);		/* O_PATH descriptors name directories too */
	if (!f)
		return -EBADF;
	*path = f->f_path;
	path_get(path);
	fput(f);
	return 0;
}

int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct path base;
	int err = dfd_path(dfd, &base);

	if (err)
		return err;
	err = vfs_path_lookup(&base, name, flags, path);
	path_put(&base);
	return err;
}

/* The directory @name's last component would live in (referenced). */
static int parent_of(int dfd, const char *name, const char *slash, struct path *dir)
{
	char *parent;
	int err;

	if (!slash)
		return dfd_path(dfd, dir);
	if (slash == name) {
		*dir = *current_root();
		path_get(dir);
		return 0;
	}
	parent = kmalloc(slash - name + 1, GFP_KERNEL);
	if (!parent)
		return -ENOMEM;
	memcpy(parent, name, slash - name);
	parent[slash - name] = '\0';
	err = path_lookupat(dfd, parent, LOOKUP_FOLLOW, dir);
	kfree(parent);
	return err;
}

/*
 * The directory that would hold @name's last component, referenced, with
 * *last pointing at that component inside @name.  Trailing slashes are
 * cut off @name first ("dir/" names "dir").  Errors: -EBUSY for the root
 * itself, -EEXIST for "." and "..", -ENOTDIR if the parent is not a
 * directory, -ENOENT if it has been removed (nothing may be created in a
 * deleted directory), -EPERM in a kernel-owned directory.
 */
int lookup_parent(int dfd, char *name, const char **last, struct path *dir)
{
	size_t len = strlen(name);
	const char *slash;
	int err;

	while (len > 1 && name[len - 1] == '/')
		name[--len] = '\0';
	if (!strcmp(name, "/"))
		return -EBUSY;
	if (!len)
		return -ENOENT;
	slash = strrchr(name, '/');
	*last = slash ? slash + 1 : name;
	if (!strcmp(*last, ".") || !strcmp(*last, ".."))
		return -EEXIST;
	if (strlen(*last) > NAME_MAX)
		return -ENAMETOOLONG;
	err = parent_of(dfd, name, slash, dir);
	if (err)
		return err;
	if (!S_ISDIR(dir->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else if (dir->dentry->d_unlinked)
		err = -ENOENT;
	else if (d_immutable(dir->dentry))
		err = -EPERM;
	if (err)
		path_put(dir);
	return err;
}

/* Looks up a user path relative to @dfd into *@path.  0 or -errno. */
int user_path_at(int dfd, const char __user *uname, unsigned int flags, struct path *path)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_lookupat(dfd, name, flags, path);
	kfree(name);
	return err;
}
