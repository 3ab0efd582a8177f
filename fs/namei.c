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

/*
 * One walk's fixed state: its LOOKUP_* flags and the directory that "/"
 * and ".." stop at -- the process's root, or for a scoped walk
 * (LOOKUP_BENEATH, LOOKUP_IN_ROOT: openat2's RESOLVE_*) the directory
 * the walk started from.  @root is not referenced: the caller holds it.
 */
struct nameidata {
	unsigned int flags;
	struct path root;
};

static int walk(struct nameidata *nd, struct path *path, const char *name,
		unsigned int flags, int depth);

/* The root "/" means for the current task (kernel threads: the tree's). */
const struct path *current_root(void)
{
	return current->fs->root.mnt ? &current->fs->root : &init_root;
}

const char *inode_link_target(const struct inode *inode, char *buf)
{
	if (inode->i_flags & S_PROCSELF) {
		snprintf(buf, LINK_TARGET_BUF, "%d", current->tgid);
		return buf;
	}
	if (inode->i_flags & S_PROCTHREADSELF) {	/* the process, then the thread */
		snprintf(buf, LINK_TARGET_BUF, "%d/task/%d", current->tgid, current->pid);
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

/*
 * "..": up to the parent, never above the walk's root, across mount
 * roots.  At the root, LOOKUP_BENEATH says -EXDEV; crossing a mount
 * with LOOKUP_NO_XDEV too.  On failure *@path is released.
 */
static int step_up(struct nameidata *nd, struct path *path)
{
	for (;;) {
		if (path_equal(path, &nd->root)) {
			if (!(nd->flags & LOOKUP_BENEATH))
				return 0;
			path_put(path);
			return -EXDEV;
		}
		if (path->dentry != path->mnt->mnt_root)
			break;
		if (!follow_up(path))
			return 0;		/* a detached mount's root */
		if (nd->flags & LOOKUP_NO_XDEV) {
			path_put(path);
			return -EXDEV;
		}
	}
	step_to(path, dget(path->dentry->d_parent));
	return 0;
}

/*
 * An absolute symlink's jump to the walk's root: -EXDEV under
 * LOOKUP_BENEATH, or under LOOKUP_NO_XDEV if it changes mounts.  On
 * failure *@path is released.
 */
static int jump_root(struct nameidata *nd, struct path *path)
{
	bool xdev = (nd->flags & LOOKUP_NO_XDEV) && path->mnt != nd->root.mnt;

	path_put(path);
	if ((nd->flags & LOOKUP_BENEATH) || xdev)
		return -EXDEV;
	*path = nd->root;
	path_get(path);
	return 0;
}

/*
 * A magic link's (/proc/<pid>/fd/N, exe, cwd, root) jump to @jump
 * (referenced, consumed), checked as Linux's nd_jump_link: -ELOOP
 * under LOOKUP_NO_MAGICLINKS, -EXDEV to another mount under
 * LOOKUP_NO_XDEV and always in a scoped walk.
 */
static int jump_link(struct nameidata *nd, struct path *path, struct path *jump)
{
	int err = 0;

	if (nd->flags & LOOKUP_NO_MAGICLINKS)
		err = -ELOOP;
	else if ((nd->flags & LOOKUP_NO_XDEV) && jump->mnt != path->mnt)
		err = -EXDEV;
	else if (nd->flags & LOOKUP_IS_SCOPED)
		err = -EXDEV;
	path_put(path);
	if (err)
		path_put(jump);
	else
		*path = *jump;
	return err;
}

/*
 * Resolves the symlink @link, found in the directory *@path, replacing
 * *@path by its target: a string walked from *@path, or for a magic
 * link (i_op->get_path) the path itself.  0 or -errno (then *@path is
 * released).  LOOKUP_NO_SYMLINKS refuses every link (-ELOOP);
 * LOOKUP_CACHED refuses magic links (-EAGAIN: Linux resolves them only
 * outside its RCU walk).
 */
static int follow_link(struct nameidata *nd, struct path *path, struct dentry *link,
		       unsigned int flags, int depth)
{
	const struct inode_operations *iop = link->d_inode->i_op;
	char buf[LINK_TARGET_BUF];
	const char *target;
	int err = 0;

	if (depth >= MAX_SYMLINKS || (nd->flags & LOOKUP_NO_SYMLINKS))
		err = -ELOOP;
	else if (iop && iop->get_path && (nd->flags & LOOKUP_CACHED))
		err = -EAGAIN;
	if (err) {
		path_put(path);
		return err;
	}
	if (iop && iop->get_path) {
		struct path jump;

		err = iop->may_follow ? iop->may_follow(link) : 0;	/* map_files' CAP_SYS_ADMIN */
		if (!err)
			err = iop->get_path(link, &jump);
		if (err) {
			path_put(path);
			return err;
		}
		return jump_link(nd, path, &jump);
	}
	target = inode_link_target(link->d_inode, buf);
	return walk(nd, path, target, flags | LOOKUP_FOLLOW, depth + 1);
}

/* Enters what is mounted on *@path; -EXDEV (*@path released) under LOOKUP_NO_XDEV. */
static int step_down(struct nameidata *nd, struct path *path)
{
	struct vfsmount *mnt = path->mnt;

	follow_mounts(path);
	if (path->mnt == mnt || !(nd->flags & LOOKUP_NO_XDEV))
		return 0;
	path_put(path);
	return -EXDEV;
}

/*
 * One component from the directory *@path; *@path becomes what it names.
 * On failure *@path is released.
 */
static int walk_component(struct nameidata *nd, struct path *path, const struct qstr *q,
			  bool last, unsigned int flags, int depth)
{
	struct dentry *next;

	if (q->len == 1 && q->name[0] == '.')
		return 0;
	if (q->len == 2 && q->name[0] == '.' && q->name[1] == '.')
		return step_up(nd, path);
	next = lookup_one_qstr(path->dentry, q);
	if (IS_ERR(next)) {
		path_put(path);
		return PTR_ERR(next);
	}
	if (S_ISLNK(next->d_inode->i_mode) && (!last || (flags & LOOKUP_FOLLOW))) {
		int err = follow_link(nd, path, next, flags, depth);

		dput(next);		/* its target string was in use until now */
		return err;
	}
	step_to(path, next);
	return step_down(nd, path);
}

/*
 * Walks @name from *@path (which it holds, and replaces by the result),
 * or from the walk's root for "/...".  On failure *@path is released.
 */
static int walk(struct nameidata *nd, struct path *path, const char *name,
		unsigned int flags, int depth)
{
	int err = 0;

	if (*name == '/') {
		err = jump_root(nd, path);
		if (err)
			return err;
	}
	for (;;) {
		struct qstr q;

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
		name += hash_name(name, &q);	/* hashed once, here */
		err = -ENAMETOOLONG;
		if (q.len > NAME_MAX)
			break;
		err = walk_component(nd, path, &q, !*name, flags, depth);
		if (err)
			return err;		/* *@path is released */
	}
	path_put(path);
	return err;
}

/* @name resolved from @base (not consumed) into *@path. */
/*
 * A scoped walk's root is @base; a "/" that starts @name goes there (or,
 * under LOOKUP_BENEATH, is -EXDEV) without the checks a symlink's jump
 * gets, as in Linux's path_init().
 */
int vfs_path_lookup(const struct path *base, const char *name, unsigned int flags,
			    struct path *path)
{
	struct nameidata nd = { .flags = flags };

	if (!*name)
		return -ENOENT;
	nd.root = (flags & LOOKUP_IS_SCOPED) ? *base : *current_root();
	if (*name == '/' && (flags & LOOKUP_BENEATH))
		return -EXDEV;
	*path = *name == '/' ? nd.root : *base;
	path_get(path);
	return walk(&nd, path, name + (*name == '/'), flags, 0);
}

int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return vfs_path_lookup(current->fs->pwd.mnt ? &current->fs->pwd : &init_root,
			       name, flags, path);
}

/*
 * Copies a user path into a kmalloc'd buffer just large enough for most
 * paths (GETNAME_SHORT bytes), or, when it does not fit, into a PATH_MAX
 * one copied afresh (as Linux's names embedded in struct filename).  A
 * fresh 4 KiB buffer per lookup cost more than the lookup: the slab
 * poisons and checks every byte of it.  ERR_PTR on failure.
 */
static char *getname_long(const char __user *upath)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len >= 0 && len < PATH_MAX)
		return name;
	kfree(name);
	return ERR_PTR(len < 0 ? -EFAULT : -ENAMETOOLONG);
}

char *getname(const char __user *upath)
{
	char *name = kmalloc(GETNAME_SHORT, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, GETNAME_SHORT);
	if (len >= 0 && len < GETNAME_SHORT)
		return name;
	kfree(name);
	return len < 0 ? ERR_PTR(-EFAULT) : getname_long(upath);
}

/*
 * getname_buf() (fs.h, inline) copies into @buf (GETNAME_SHORT bytes)
 * when it fits, else here, afresh into a PATH_MAX one: a lookup that
 * keeps the name only while it runs allocates nothing.  Under
 * CONFIG_DEBUG_VM each short kmalloc'd name cost about 450 instructions
 * (the slab's poison fill at kfree and its check at the next kmalloc),
 * a quarter of an lstat.
 */
char *getname_buf_long(const char __user *upath, long len)
{
	return len < 0 ? ERR_PTR(-EFAULT) : getname_long(upath);
}

void putname_long(char *name)
{
	kfree(name);
}

/* What @dfd stands for (AT_FDCWD: the working directory), referenced. */
int dfd_path(int dfd, struct path *path)
{
	struct file *f;

	if (dfd == AT_FDCWD) {
		*path = current->fs->pwd.mnt ? current->fs->pwd : init_root;
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

/*
 * @name from @dfd: the lockless walk's answer if it has one, else the
 * reference walk's.  An absolute name does not look at @dfd (Linux's
 * path_init: openat(-1, "/etc/passwd") opens), unless the walk is scoped
 * to it; a relative one walks on with dfd_path's reference instead of
 * taking a second.
 */
int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path)
{
	int err = walk_cached(dfd, name, flags, path);

	if (err != WALK_FALLBACK) {
		if (!err)
			path_get(path);
		return err;
	}
	return path_lookupat_ref(dfd, name, flags, path);
}

/* path_lookupat() by the reference walk alone. */
int path_lookupat_ref(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata nd = { .flags = flags };
	struct path base;
	int err;

	if (!(flags & LOOKUP_IS_SCOPED) && *name) {
		nd.root = *current_root();
		if (*name == '/') {
			*path = nd.root;
			path_get(path);
			return walk(&nd, path, name + 1, flags, 0);
		}
		err = dfd_path(dfd, path);
		return err ? err : walk(&nd, path, skip_dot_slashes(name), flags, 0);
	}
	err = dfd_path(dfd, &base);
	if (err)
		return err;
	err = vfs_path_lookup(&base, name, flags, path);
	path_put(&base);
	return err;
}

/* The directory @name's last component would live in (referenced). */
static int parent_of(int dfd, const char *name, const char *slash, struct path *dir,
		     unsigned int flags)
{
	size_t len;
	char *parent;
	int err;

	if (!slash)
		return dfd_path(dfd, dir);
	len = slash == name ? 1 : (size_t)(slash - name);
	if (slash == name && !(flags & ~LOOKUP_FOLLOW)) {
		*dir = *current_root();
		path_get(dir);
		return 0;
	}
	parent = kmalloc(len + 1, GFP_KERNEL);
	if (!parent)
		return -ENOMEM;
	memcpy(parent, name, len);
	parent[len] = '\0';
	err = path_lookupat(dfd, parent, flags | LOOKUP_FOLLOW, dir);
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
int lookup_parent_flags(int dfd, char *name, const char **last, struct path *dir,
			unsigned int flags)
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
	err = parent_of(dfd, name, slash, dir, flags);
	if (err)
		return err;
	if (!S_ISDIR(dir->dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else if (dir->dentry->d_unlinked)
		err = -ENOENT;
	else if (d_immutable(dir->dentry))
		err = -EPERM;
	else if (dir->dentry->d_inode->i_op && dir->dentry->d_inode->i_op->populate)
		err = dir->dentry->d_inode->i_op->populate(dir->dentry);	/* a disk's directory */
	if (err)
		path_put(dir);
	return err;
}

int lookup_parent(int dfd, char *name, const char **last, struct path *dir)
{
	return lookup_parent_flags(dfd, name, last, dir, 0);
}

/* Looks up a user path relative to @dfd into *@path.  0 or -errno. */
int user_path_at(int dfd, const char __user *uname, unsigned int flags, struct path *path)
{
	char buf[GETNAME_SHORT];
	char *name = getname_buf(uname, buf);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_lookupat(dfd, name, flags, path);
	putname_buf(name, buf);
	return err;
}
