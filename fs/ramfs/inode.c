/*
 * ramfs: a file system that is nothing but the VFS's own objects.  The
 * dentry tree is the directory structure and each file's data is its page
 * cache.  Its helpers build every in-memory tree (tmpfs, devtmpfs, proc,
 * debugfs).  Two types use it as it is: "rootfs", the instance at the
 * root of the mount tree that the initramfs fills (not mountable again,
 * as on Linux), and "ramfs", which mount(2) makes.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <uapi/linux-ish/magic.h>


static const struct file_operations ramfs_file_ops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = ramfs_file_llseek,
	.mmap = generic_file_mmap,
	.fallocate = simple_fallocate,
};

static const struct file_operations ramfs_dir_ops = {
	.open = dcache_dir_open,
	.release = dcache_dir_close,
	.llseek = dcache_dir_lseek,
};

static struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb, mode);

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
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/*
 * Creates @name in @dir.  0, -EEXIST, -ENOMEM or -ENOSPC (the instance's
 * nr_inodes limit); *out (if given) gets the dentry.
 */
int ramfs_mknod(struct dentry *dir, const char *name, umode_t mode, dev_t dev,
		struct dentry **out)
{
	struct inode *inode;
	struct dentry *d;
	struct qstr q;

	hash_name(name, &q);
	d = __d_lookup(dir, &q);
	if (d && d->d_inode)
		return -EEXIST;
	if (dir->d_sb->s_max_inodes && dir->d_sb->s_nr_inodes >= dir->d_sb->s_max_inodes)
		return -ENOSPC;
	inode = ramfs_get_inode(dir->d_sb, mode, dev);
	if (!inode)
		return -ENOMEM;
	if (!d)
		d = d_alloc_qstr(dir, &q);
	if (!d) {
		kfree_inode(inode);
		return -ENOMEM;
	}
	d_instantiate(d, inode);		/* a cached miss turns positive */
	if (S_ISDIR(mode))
		dir->d_inode->i_nlink++;
	if (out)
		*out = d;
	return 0;
}

/*
 * O_TMPFILE: a regular file in @dir's file system that no directory
 * names (nlink 0, gone with its last opener), as ramfs and tmpfs make
 * them; other in-memory trees (proc, debugfs) -EOPNOTSUPP, as Linux's
 * have no ->tmpfile.  *out gets its dentry ("#<ino>", outside the tree,
 * referenced).  0, -EOPNOTSUPP, -ENOSPC or -ENOMEM.
 */
int ramfs_tmpfile(struct dentry *dir, umode_t mode, struct dentry **out)
{
	struct super_block *sb = dir->d_sb;
	struct inode *inode;
	char name[16];
	struct dentry *d;

	if (sb->s_magic != RAMFS_MAGIC && sb->s_magic != TMPFS_MAGIC)
		return -EOPNOTSUPP;
	if (sb->s_max_inodes && sb->s_nr_inodes >= sb->s_max_inodes)
		return -ENOSPC;
	inode = ramfs_get_inode(sb, mode, 0);
	if (!inode)
		return -ENOMEM;
	snprintf(name, sizeof(name), "#%lu", inode->i_ino);
	d = d_alloc_uncached(dir, name, strlen(name));
	if (!d) {
		kfree_inode(inode);
		return -ENOMEM;
	}
	d->d_inode = inode;
	d->d_unlinked = true;		/* /proc/<pid>/fd shows "(deleted)", as Linux */
	inode->i_nlink = 0;
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

/* The root directory of a new instance.  0 or -ENOMEM. */
int ramfs_fill_root(struct super_block *sb, umode_t mode)
{
	struct inode *inode = ramfs_get_inode(sb, S_IFDIR | mode, 0);
	struct dentry *root = inode ? d_alloc(NULL, "/", 1) : NULL;

	if (!root) {
		if (inode)
			kfree_inode(inode);
		return -ENOMEM;
	}
	root->d_inode = inode;
	root->d_sb = sb;
	sb->s_root = root;
	return 0;
}

/* The instance is going: so does its whole tree (every mount is gone). */
void generic_kill_sb(struct super_block *sb)
{
	d_genocide(sb->s_root);
}

void simple_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
}

static const struct super_operations ramfs_ops = {
	.statfs = simple_statfs,
};

static int ramfs_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	return ramfs_fill_root(sb, 0755);
}

static struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.fill_super = ramfs_fill_super,
	.kill_sb = generic_kill_sb,
};

/* fsconfig: ramfs takes and ignores every option, as Linux's. */
static int ramfs_check_option(const char *key, const char *val, bool is_string, char *msg,
			      size_t size)
{
	return 1;
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.fs_flags = FS_USERMOUNT,
	.fill_super = ramfs_fill_super,
	.kill_sb = generic_kill_sb,
	.check_option = ramfs_check_option,
};

void ramfs_init(void)
{
	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
}
