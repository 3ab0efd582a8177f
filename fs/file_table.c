/*
 * struct file: allocation and reference counting.
 *
 * Invariant: every file has a path and an inode (f_inode ==
 * f_path.dentry->d_inode, all referenced), whatever made it.  Files on
 * kernel-internal objects that no directory names (pipes, shared
 * anonymous memory, the fallback console) get a dentry of their own from
 * alloc_file_pseudo(), so no system call ever meets a file without one.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/eventpoll.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/mount.h>
#include <uapi/linux-ish/magic.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

static struct kmem_cache *filp_cachep;

/* Home of inodes that belong to no file system (the fallback console). */
static struct vfsmount *anon_inode_mnt;

static int anon_inodefs_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = ANON_INODE_FS_MAGIC;
	return 0;
}

static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.fill_super = anon_inodefs_fill_super,
};

/* A file open on @path (which gains a reference).  NULL if no memory. */
struct file *alloc_file(const struct path *path, unsigned int flags,
			const struct file_operations *fop)
{
	struct file *f = kmem_cache_alloc(filp_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!f)
		return NULL;
	atomic_set(&f->f_count, 1);
	f->f_flags = flags;
	f->f_mode = ((flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
		    ((flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
	f->f_path = *path;
	path_get(path);
	f->f_inode = path->dentry->d_inode;
	atomic_inc(&f->f_inode->i_count);
	f->f_op = fop;
	INIT_LIST_HEAD(&f->f_ep);
	f->f_wb_err = filemap_sample_wb_err(f->f_inode->i_mapping);	/* fsync's errors from now on */
	return f;
}

/*
 * A file on @inode of @mnt's internal file system, which no directory
 * holds: the inode is marked S_PRIVATE and gets a dentry called @name
 * outside every tree (what /proc shows for it), which takes over the
 * caller's inode reference and goes with the last file.  On failure that
 * reference is dropped too.  Referenced file or ERR_PTR(-ENOMEM).
 */
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       unsigned int flags, const struct file_operations *fop)
{
	struct path path = { mnt, d_alloc(NULL, name, strlen(name)) };
	struct file *f;

	inode->i_flags |= S_PRIVATE;
	if (!path.dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	path.dentry->d_inode = inode;
	path.dentry->d_sb = inode->i_sb;
	path.dentry->d_unlinked = true;	/* not in a tree: the last dput frees it */
	f = alloc_file(&path, flags, fop);
	dput(path.dentry);		/* the file holds its own, or frees it and the inode */
	return f ? f : ERR_PTR(-ENOMEM);
}

/*
 * The console as a file that no directory names: what init gets when the
 * initramfs has no /dev/console.  It stats as the device (5, 1) would.
 * Referenced file or ERR_PTR(-ENOMEM).
 */
struct file *console_file_fallback(void)
{
	struct inode *inode = new_inode(anon_inode_mnt->mnt_sb, S_IFCHR | 0600);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_rdev = MKDEV(5, 1);
	inode->i_fop = &console_fops;
	return alloc_file_pseudo(inode, anon_inode_mnt, "console", O_RDWR, &console_fops);
}

/*
 * A file whose object is @priv (eventfd, epoll): a new mode-0600 inode
 * of no type, as Linux's anonymous inodes have, shown in /proc as
 * "anon_inode:@name".  Referenced file or ERR_PTR(-ENOMEM).
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fop,
				void *priv, unsigned int flags)
{
	struct inode *inode = new_inode(anon_inode_mnt->mnt_sb, 0600);
	char buf[40];
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	snprintf(buf, sizeof(buf), "anon_inode:%s", name);
	f = alloc_file_pseudo(inode, anon_inode_mnt, buf, flags, fop);
	if (!IS_ERR(f))
		f->private_data = priv;
	return f;
}

/*
 * anon_inode_getfile() installed in a new descriptor: @flags may carry
 * O_CLOEXEC (the descriptor) and O_NONBLOCK (the file, opened O_RDWR).
 * The descriptor, or -EMFILE/-ENOMEM with @priv still the caller's.
 */
int anon_inode_getfd(const char *name, const struct file_operations *fop, void *priv,
		     unsigned int flags)
{
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);
	struct file *f;

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fop, priv, O_RDWR | (flags & O_NONBLOCK));
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f);
	return fd;
}

struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}

/* Drops a reference; the last one releases the file. */
void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count)) {
		if (f->f_op && f->f_op->put)
			f->f_op->put(f);
		return;
	}
	fsnotify_file(f, f->f_mode & FMODE_WRITE ? IN_CLOSE_WRITE : IN_CLOSE_NOWRITE);
	locks_remove_file(f);
	eventpoll_release(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_mode & FMODE_WRITER)
		atomic_dec(&f->f_inode->i_sb->s_writers);
	iput(f->f_inode);
	path_put(&f->f_path);
	kmem_cache_free(filp_cachep, f);
}

void files_cache_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
	anon_inode_mnt = kern_mount(&anon_inode_fs_type);
}
