/*
 * ramfs: a file system that is nothing but the VFS's own objects.  The
 * dentry tree is the directory structure and each file's data is its page
 * cache.  It is the root file system, filled from the initramfs; it is
 * read-only to user space until the read-write VFS arrives.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>

static struct super_block ramfs_sb = { .s_type = "ramfs", .s_dev = MKDEV(0, 1) };

static const struct file_operations ramfs_file_ops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = generic_file_llseek,
	.mmap = generic_file_mmap,
};

static const struct file_operations ramfs_dir_ops = {
	.llseek = generic_file_llseek,
};

static struct inode *ramfs_get_inode(umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(&ramfs_sb, mode);

	if (!inode)
		return NULL;
	inode->i_mtime = inode->i_atime = inode->i_ctime = ktime_get_real_seconds();
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_fop = &ramfs_file_ops;
		break;
	case S_IFDIR:
		inode->i_fop = &ramfs_dir_ops;
		inode->i_nlink = 2;
		break;
	case S_IFCHR:
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = dev;
		break;
	default:
		break;
	}
	return inode;
}

/* Creates @name in @dir.  0, -EEXIST or -ENOMEM; *out (if given) gets the dentry. */
int ramfs_mknod(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		struct dentry **out)
{
	size_t len = strlen(name);
	struct inode *inode;
	struct dentry *d;

	if (d_lookup(dir, name, len))
		return -EEXIST;
	inode = ramfs_get_inode(mode, dev);
	if (!inode)
		return -ENOMEM;
	d = d_alloc(dir, name, len);
	if (!d) {
		kfree_inode(inode);
		return -ENOMEM;
	}
	d->d_inode = inode;
	if (S_ISDIR(mode))
		dir->d_inode->i_nlink++;
	if (out)
		*out = d;
	return 0;
}

/* A symlink @name in @dir pointing at the @len bytes of @target. */
int ramfs_symlink(struct dentry *dir, const char *name, const char *target, size_t len)
{
	struct dentry *d;
	char *link;
	int err;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	link = kmalloc(len + 1, GFP_KERNEL);
	if (!link)
		return -ENOMEM;
	memcpy(link, target, len);
	link[len] = '\0';
	err = ramfs_mknod(dir, name, S_IFLNK | 0777, 0, &d);
	if (err) {
		kfree(link);
		return err;
	}
	d->d_inode->i_link = link;
	d->d_inode->i_size = len;
	return 0;
}

struct super_block *ramfs_mount(void)
{
	struct inode *inode = ramfs_get_inode(S_IFDIR | 0755, 0);
	struct dentry *root = d_alloc(NULL, "/", 1);

	if (!inode || !root)
		panic("ramfs_mount: no memory for the root");
	root->d_inode = inode;
	ramfs_sb.s_root = root;
	return &ramfs_sb;
}
