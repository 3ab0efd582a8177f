/*
 * Inodes and dentries of RAM file systems.  The dentry tree is the
 * directory structure itself, so d_lookup() is the directory lookup.
 *
 * References: a dentry in the tree holds one on itself; every dentry
 * holds one on its d_parent, so "..", getcwd and path printing stay
 * valid however long an open file or cwd outlives its directory's
 * removal.  A dentry holds one on its inode.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/magic.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/xattr.h>

static struct kmem_cache *inode_cachep, *dentry_cachep;

static struct kmem_cache *dentry_cache_ptr(void)
{
	return dentry_cachep;
}

struct inode *new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = sb->s_op && sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb) :
			      kmem_cache_alloc(inode_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ++sb->s_next_ino;
	sb->s_nr_inodes++;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_xattrs = NULL;
	inode->i_inotify = NULL;
	atomic_set(&inode->i_count, 1);
	address_space_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	return inode;
}

/* Frees an inode that never got a dentry. */
void kfree_inode(struct inode *inode)
{
	const struct super_operations *sop = inode->i_sb->s_op;

	truncate_inode_pages(inode->i_mapping);
	simple_xattrs_free(inode);
	inode->i_sb->s_nr_inodes--;
	if (sop && sop->free_inode)
		sop->free_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

/*
 * A child @name of @parent (the root if @parent is NULL) in no directory
 * list, with one reference: the caller's.  No inode yet.
 */
struct dentry *d_alloc_uncached(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	if (len > NAME_MAX)
		return NULL;
	d = kmem_cache_alloc(dentry_cachep, GFP_KERNEL | __GFP_ZERO);
	if (!d)
		return NULL;
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	atomic_set(&d->d_count, 1);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_child);
	d->d_parent = parent ? dget(parent) : d;
	d->d_sb = parent ? parent->d_sb : NULL;
	d->d_uncached = true;
	return d;
}

/* A new child @name of @parent in the tree (which holds its reference). */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = d_alloc_uncached(parent, name, len);

	if (!d)
		return NULL;
	d->d_uncached = false;
	if (parent)
		list_add_tail(&d->d_child, &parent->d_subdirs);
	return d;
}

/* The child called @name, or NULL.  Not referenced: the tree is permanent. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
		if (strlen(d->d_name) == len && !memcmp(d->d_name, name, len))
			return d;
	return NULL;
}

struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len)
{
	const struct inode_operations *iop = dir->d_inode->i_op;
	struct dentry *d = d_lookup(dir, name, len);
	int err;

	if (d)
		return dget(d);
	if (!iop || !iop->lookup)
		return ERR_PTR(-ENOENT);
	d = d_alloc_uncached(dir, name, len);
	if (!d)
		return ERR_PTR(len > NAME_MAX ? -ENAMETOOLONG : -ENOMEM);
	err = iop->lookup(dir->d_inode, d);
	if (!err && !d->d_inode)
		err = -ENOENT;
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

struct dentry *dget(struct dentry *d)
{
	atomic_inc(&d->d_count);
	return d;
}

/* Drops an inode reference; an unlinked inode goes with its last one. */
void iput(struct inode *inode)
{
	if (!atomic_dec_and_test(&inode->i_count))
		return;
	/* A linked inode is held by its dentry; internal ones count no links. */
	WARN_ON(inode->i_nlink && !(inode->i_flags & S_PRIVATE));
	kfree(inode->i_link);
	kfree_inode(inode);
}

/*
 * Drops a dentry reference.  Once unlinked (d_delete), or if uncached,
 * the last reference frees the dentry, releases its inode and drops the
 * reference it held on its parent, which may free that one in turn (a
 * loop, not recursion: the chain can be as deep as the tree).  An
 * uncached dentry's inode is its own: no other name links it.
 */
void dput(struct dentry *d)
{
	while (d) {
		int left = atomic_dec_return(&d->d_count);
		struct dentry *parent = d->d_parent;

		WARN_ON(left < 0);
		if (left || !(d->d_unlinked || d->d_uncached))
			return;
		if (d->d_inode && d->d_uncached)
			d->d_inode->i_nlink = 0;
		else if (d->d_inode && !d->d_inode->i_nlink)
			fsnotify_inoderemove(d->d_inode);	/* its last name went */
		if (d->d_inode)
			iput(d->d_inode);
		kmem_cache_free(dentry_cache_ptr(), d);
		d = parent == d ? NULL : parent;
	}
}

/* Moves @d under @newdir, carrying its parent reference along. */
void d_move(struct dentry *d, struct dentry *newdir)
{
	struct dentry *old = d->d_parent;

	list_move_tail(&d->d_child, &newdir->d_subdirs);
	d->d_parent = dget(newdir);
	dput(old);
}

/* unlink: takes @d out of its directory; open files keep it alive. */
void d_delete(struct dentry *d)
{
	list_del_init(&d->d_child);
	d->d_unlinked = true;
	d->d_inode->i_nlink--;
	dput(d);			/* the tree's reference */
}

void dcache_init(void)
{
	inode_cachep = kmem_cache_create("inode", sizeof(struct inode), 0, SLAB_PANIC, NULL);
	dentry_cachep = kmem_cache_create("dentry", sizeof(struct dentry), 0, SLAB_PANIC, NULL);
}

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

/*
 * A superblock's tree goes: every dentry below @root is taken out and
 * dropped, deepest first (a loop with an explicit cursor, not recursion:
 * the tree can be deep).  Open files keep theirs (they hold the mount, so
 * this runs only once they are gone, or for a lazily detached mount).
 */
void d_genocide(struct dentry *root)
{
	struct dentry *d = root;

	for (;;) {
		struct dentry *parent;

		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		if (d == root)
			break;
		parent = d->d_parent;
		if (S_ISDIR(d->d_inode->i_mode))
			d->d_inode->i_nlink = 1;	/* "." goes with the name */
		d_delete(d);
		d = parent;
	}
	root->d_unlinked = true;
	root->d_inode->i_nlink = 0;
	dput(root);			/* the superblock's reference */
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
