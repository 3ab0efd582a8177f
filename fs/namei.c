/*
 * Path lookup: walk a path component by component from the root (for
 * "/...") or a base directory, following symbolic links (at most
 * MAX_SYMLINKS deep) except, with LOOKUP_FOLLOW clear, in the last
 * component.  ".." of the root is the root.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>

struct dentry *root_dentry;

static struct dentry *walk(struct dentry *base, const char *path, unsigned int flags,
			   int depth);

const char *inode_link_target(const struct inode *inode, char *buf)
{
	if (inode->i_flags & S_PROCSELF) {
		snprintf(buf, 16, "%d", current->pid);
		return buf;
	}
	return inode->i_link;
}

/* Resolves the symlink @d found in @dir. */
static struct dentry *follow_link(struct dentry *dir, struct dentry *d,
				  unsigned int flags, int depth)
{
	char buf[16];

	if (depth >= MAX_SYMLINKS)
		return ERR_PTR(-ELOOP);
	return walk(dir, inode_link_target(d->d_inode, buf), flags | LOOKUP_FOLLOW, depth + 1);
}

static struct dentry *walk(struct dentry *base, const char *path, unsigned int flags,
			   int depth)
{
	struct dentry *d = *path == '/' ? root_dentry : base;

	for (;;) {
		const char *name;
		size_t len;
		struct dentry *next;

		while (*path == '/')
			path++;
		if (!*path)
			return d;
		if (!S_ISDIR(d->d_inode->i_mode))
			return ERR_PTR(-ENOTDIR);
		name = path;
		while (*path && *path != '/')
			path++;
		len = path - name;
		if (len > NAME_MAX)
			return ERR_PTR(-ENAMETOOLONG);
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			d = d->d_parent;
			continue;
		}
		next = d_lookup(d, name, len);
		if (!next)
			return ERR_PTR(-ENOENT);
		if (S_ISLNK(next->d_inode->i_mode) && (*path || (flags & LOOKUP_FOLLOW))) {
			next = follow_link(d, next, flags, depth);
			if (IS_ERR(next))
				return next;
		}
		d = next;
	}
}

/* @path resolved from @base; a referenced dentry or ERR_PTR. */
struct dentry *path_lookup(struct dentry *base, const char *path, unsigned int flags)
{
	struct dentry *d;

	if (!*path)
		return ERR_PTR(-ENOENT);
	d = walk(base, path, flags, 0);
	return IS_ERR(d) ? d : dget(d);
}

struct dentry *kern_path(const char *path, unsigned int flags)
{
	struct dentry *cwd = current->fs_pwd ? current->fs_pwd : root_dentry;

	return path_lookup(cwd, path, flags);
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

/* The directory @dfd stands for (AT_FDCWD: the working directory), referenced. */
struct dentry *dfd_dentry(int dfd)
{
	struct file *f;
	struct dentry *d;

	if (dfd == AT_FDCWD)
		return dget(current->fs_pwd ? current->fs_pwd : root_dentry);
	f = fget(dfd);
	if (!f)
		return ERR_PTR(-EBADF);
	d = f->f_dentry ? dget(f->f_dentry) : ERR_PTR(-ENOTDIR);
	fput(f);
	return d;
}

/* Looks up a kernel path relative to @dfd.  Referenced dentry or ERR_PTR. */
struct dentry *path_lookup_at(int dfd, const char *path, unsigned int flags)
{
	struct dentry *base = dfd_dentry(dfd), *d;

	if (IS_ERR(base))
		return base;
	d = path_lookup(base, path, flags);
	dput(base);
	return d;
}

/* The directory @path's last component would live in (referenced). */
static struct dentry *parent_of(int dfd, const char *path, const char *slash)
{
	struct dentry *dir;
	char *parent;

	if (!slash)
		return dfd_dentry(dfd);
	if (slash == path)
		return dget(root_dentry);
	parent = kmalloc(slash - path + 1, GFP_KERNEL);
	if (!parent)
		return ERR_PTR(-ENOMEM);
	memcpy(parent, path, slash - path);
	parent[slash - path] = '\0';
	dir = path_lookup_at(dfd, parent, LOOKUP_FOLLOW);
	kfree(parent);
	return dir;
}

/*
 * The directory that would hold @path's last component, referenced, with
 * *last pointing at that component inside @path.  Trailing slashes are
 * cut off @path first ("dir/" names "dir").  Errors: -EBUSY for the root
 * itself, -EEXIST for "." and "..", -ENOTDIR if the parent is not a
 * directory, -ENOENT if it has been removed (nothing may be created in a
 * deleted directory).
 */
struct dentry *lookup_parent(int dfd, char *path, const char **last)
{
	size_t len = strlen(path);
	const char *slash;
	struct dentry *dir;

	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
	if (!strcmp(path, "/"))
		return ERR_PTR(-EBUSY);
	if (!len)
		return ERR_PTR(-ENOENT);
	slash = strrchr(path, '/');
	*last = slash ? slash + 1 : path;
	if (!strcmp(*last, ".") || !strcmp(*last, ".."))
		return ERR_PTR(-EEXIST);
	if (strlen(*last) > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	dir = parent_of(dfd, path, slash);
	if (IS_ERR(dir))
		return dir;
	if (!S_ISDIR(dir->d_inode->i_mode) || dir->d_unlinked) {
		long err = S_ISDIR(dir->d_inode->i_mode) ? -ENOENT : -ENOTDIR;

		dput(dir);
		return ERR_PTR(err);
	}
	if (d_immutable(dir)) {
		dput(dir);
		return ERR_PTR(-EPERM);
	}
	return dir;
}

/* Looks up a user path relative to @dfd.  Referenced dentry or ERR_PTR. */
struct dentry *user_path_at(int dfd, const char __user *upath, unsigned int flags)
{
	char *name = getname(upath);
	struct dentry *base, *d;

	if (IS_ERR(name))
		return ERR_CAST(name);
	base = dfd_dentry(dfd);
	if (IS_ERR(base)) {
		kfree(name);
		return base;
	}
	d = path_lookup(base, name, flags);
	dput(base);
	kfree(name);
	return d;
}
