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
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

static struct kmem_cache *inode_cachep, *dentry_cachep;

static struct kmem_cache *dentry_cache_ptr(void)
{
	return dentry_cachep;
}

struct inode *new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ++sb->s_next_ino;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	atomic_set(&inode->i_count, 1);
	address_space_init(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	return inode;
}

/* Frees an inode that never got a dentry. */
void kfree_inode(struct inode *inode)
{
	truncate_inode_pages(inode->i_mapping);
	kmem_cache_free(inode_cachep, inode);
}

/* A new child @name of @parent (the root if @parent is NULL); no inode yet. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
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
 * Drops a dentry reference.  Once unlinked (d_delete), the last reference
 * frees the dentry, releases its inode and drops the reference it held on
 * its parent, which may free that one in turn (a loop, not recursion: the
 * chain can be as deep as the tree).
 */
void dput(struct dentry *d)
{
	while (d) {
		int left = atomic_dec_return(&d->d_count);
		struct dentry *parent = d->d_parent;

		WARN_ON(left < 0);
		if (left || !d->d_unlinked)
			return;
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
	return d->d_parent == d && d != root_dentry;
}

/*
 * The path of @d from the root, built right to left at the end of @buf
 * by following d_parent; a pseudo file's name as it is.  Returns the
 * start of the string inside @buf, or ERR_PTR(-ENAMETOOLONG).
 */
static char *__d_path(const struct dentry *d, char *buf, size_t size)
{
	char *p = buf + size;

	if (d_is_pseudo(d))
		return strlcpy(buf, d->d_name, size) < size ? buf : ERR_PTR(-ENAMETOOLONG);
	*--p = '\0';
	for (; d != root_dentry && d->d_parent != d; d = d->d_parent) {
		size_t n = strlen(d->d_name);

		if (n + 1 > (size_t)(p - buf))
			return ERR_PTR(-ENAMETOOLONG);
		p -= n;
		memcpy(p, d->d_name, n);
		*--p = '/';
	}
	if (!*p) {
		if (p == buf)
			return ERR_PTR(-ENAMETOOLONG);
		*--p = '/';
	}
	return p;
}

/*
 * What /proc shows for an open file: the path, with " (deleted)" once
 * unlinked (Linux's d_path).  Start of the string in @buf, or ERR_PTR.
 */
char *d_path(const struct dentry *d, char *buf, size_t size)
{
	static const char deleted[] = " (deleted)";
	char *p;

	if (!d->d_unlinked || d_is_pseudo(d))
		return __d_path(d, buf, size);
	if (size < sizeof(deleted))
		return ERR_PTR(-ENAMETOOLONG);
	p = __d_path(d, buf, size - (sizeof(deleted) - 1));
	if (!IS_ERR(p))
		memcpy(p + strlen(p), deleted, sizeof(deleted));
	return p;
}

/* getcwd: the working directory's path; -ENOENT once it was removed, as Linux. */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	const char *p;
	long ret;

	if (!path)
		return -ENOMEM;
	p = current->fs_pwd->d_unlinked ? ERR_PTR(-ENOENT) :
	    __d_path(current->fs_pwd, path, PATH_MAX);
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
