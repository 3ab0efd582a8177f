/*
 * Names of dentries as paths: d_path (/proc links, mountinfo),
 * dentry_path_raw, and getcwd.  Paths are built right to left by
 * following d_parent and, at a mount's root, its mountpoint.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/magic.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

/* A dentry made by alloc_file_pseudo(): its name is all there is to print. */
static bool d_is_pseudo(const struct dentry *d)
{
	return d->d_parent == d && (!d->d_sb || d->d_sb->s_root != d);
}

/* Prepends "/@name" to the string at *@p, which starts @room bytes into the buffer. */
static int prepend_name(char **p, size_t room, const char *name)
{
	size_t n = strlen(name);

	if (n + 1 > room)
		return -ENAMETOOLONG;
	*p -= n;
	memcpy(*p, name, n);
	*--*p = '/';
	return 0;
}

/*
 * The path of @path seen from @root, built right to left at the end of
 * @buf by following d_parent and, at a mount's root, the mount's
 * mountpoint; a pseudo file's name as it is.  A path not below @root is
 * shown from the top of its tree.  Returns the start of the string
 * inside @buf, or ERR_PTR(-ENAMETOOLONG).
 */
char *__d_path(const struct path *path, const struct path *root, char *buf, size_t size)
{
	const struct dentry *d = path->dentry;
	const struct vfsmount *mnt = path->mnt;
	char *p = buf + size;

	/* A tmpfs object's (memfd, shared memory) as Linux: unlinked at the root. */
	if (d_is_pseudo(d) && d->d_sb && d->d_sb->s_magic == TMPFS_MAGIC)
		return snprintf(buf, size, "/%s (deleted)", d->d_name) < (int)size ? buf :
		       ERR_PTR(-ENAMETOOLONG);
	if (d_is_pseudo(d))
		return strlcpy(buf, d->d_name, size) < size ? buf : ERR_PTR(-ENAMETOOLONG);
	*--p = '\0';
	for (;;) {
		if (d == root->dentry && mnt == root->mnt)
			break;
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				break;		/* the top, or a detached mount */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (d->d_parent == d)
			break;			/* a tree no mount holds any more */
		if (prepend_name(&p, p - buf, d->d_name))
			return ERR_PTR(-ENAMETOOLONG);
		d = d->d_parent;
	}
	if (!*p) {
		if (p == buf)
			return ERR_PTR(-ENAMETOOLONG);
		*--p = '/';
	}
	return p;
}

/* The path of @d inside its own file system (a bind mount's root in mountinfo). */
char *dentry_path_raw(const struct dentry *d, char *buf, size_t size)
{
	char *p = buf + size;

	*--p = '\0';
	for (; d->d_parent != d; d = d->d_parent)
		if (prepend_name(&p, p - buf, d->d_name))
			return ERR_PTR(-ENAMETOOLONG);
	if (!*p)
		*--p = '/';
	return p;
}

/*
 * What /proc shows for an open file: the path, with " (deleted)" once
 * unlinked (Linux's d_path).  Start of the string in @buf, or ERR_PTR.
 */
char *d_path(const struct path *path, char *buf, size_t size)
{
	static const char deleted[] = " (deleted)";
	char *p;

	if (!path->dentry->d_unlinked || d_is_pseudo(path->dentry))
		return __d_path(path, current_root(), buf, size);
	if (size < sizeof(deleted))
		return ERR_PTR(-ENAMETOOLONG);
	p = __d_path(path, current_root(), buf, size - (sizeof(deleted) - 1));
	if (!IS_ERR(p))
		memcpy(p + strlen(p), deleted, sizeof(deleted));
	return p;
}

/* getcwd: the working directory's path; -ENOENT once it was removed, as Linux. */
/* Does walking up from @path meet @root (not only the top of the tree)? */
static bool path_reaches(const struct path *path, const struct path *root)
{
	const struct dentry *d = path->dentry;
	const struct vfsmount *mnt = path->mnt;

	for (;;) {
		if (d == root->dentry && mnt == root->mnt)
			return true;
		if (d == mnt->mnt_root) {
			if (mnt->mnt_parent == mnt)
				return false;
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
		} else if (d->d_parent == d) {
			return false;
		} else {
			d = d->d_parent;
		}
	}
}

#define UNREACHABLE	"(unreachable)"

/*
 * A working directory outside the caller's root (chroot) is reported as
 * "(unreachable)" followed by its path from the top, as Linux does
 * (glibc's getcwd() turns that into ENOENT).
 */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	char *p;
	long ret;

	if (!path)
		return -ENOMEM;
	p = current->fs->pwd.dentry->d_unlinked ? ERR_PTR(-ENOENT) :
	    __d_path(&current->fs->pwd, current_root(), path, PATH_MAX);
	if (!IS_ERR(p) && !path_reaches(&current->fs->pwd, current_root())) {
		if (p - path < (long)sizeof(UNREACHABLE) - 1) {
			p = ERR_PTR(-ENAMETOOLONG);
		} else {
			p -= sizeof(UNREACHABLE) - 1;
			memcpy(p, UNREACHABLE, sizeof(UNREACHABLE) - 1);
		}
	}
	if (IS_ERR(p)) {
		ret = PTR_ERR(p);
	} else {
		size_t len = strlen(p) + 1;

		if (len > size)
			ret = -ERANGE;
		else
			ret = copy_to_user(buf, p, len) ? -EFAULT : (long)len;
	}
	kfree(path);
	return ret;
}
