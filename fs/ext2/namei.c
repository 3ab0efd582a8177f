/*
 * ext2's inode operations: the VFS checks names and permissions and
 * changes the dentry tree; these make the same change on the disk first
 * (a failure, -ENOSPC or -EIO, leaves the tree as it was).  Every
 * directory the VFS changes has been read into the dcache
 * (i_op->populate from lookup_parent), so the VFS's "does it exist"
 * answers are the disk's.  Link counts live in the VFS inode and reach
 * the disk with ext2_write_inode.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>

#define EXT2_LINK_MAX	32000

static int ext2_lookup(struct inode *dir, struct dentry *d)
{
	int err;

	ext2_lock(dir->i_sb);
	err = ext2_populate(dir, d->d_parent, d);
	ext2_unlock(dir->i_sb);
	if (err)
		return err;
	return d->d_inode ? 0 : -ENOENT;
}

static int ext2_dir_populate(struct dentry *dir)
{
	int err;

	ext2_lock(dir->d_sb);
	err = ext2_populate(dir->d_inode, dir, NULL);
	ext2_unlock(dir->d_sb);
	return err;
}

/* A symlink's target into the new inode: in i_data if short, else a block. */
static int write_link(struct inode *inode, const char *target, size_t len)
{
	struct super_block *sb = inode->i_sb;
	char *link = kmalloc(len + 1, GFP_KERNEL);
	int err = 0;

	if (!link)
		return -ENOMEM;
	memcpy(link, target, len);
	link[len] = '\0';
	if (len < sizeof(EXT2_I(inode)->i_data)) {
		memcpy(EXT2_I(inode)->i_data, target, len);
	} else {
		struct page *page;
		u32 blk;
		char *p;

		err = ext2_get_block(inode, 0, true, &blk);
		p = err ? NULL : ext2_bzero(sb, blk, &page);
		if (IS_ERR(p))
			err = PTR_ERR(p);
		if (!err) {
			memcpy(p, target, len);
			put_page(page);
		}
	}
	if (err) {
		kfree(link);
		return err;
	}
	inode->i_link = link;
	inode->i_size = len;
	return 0;
}

/* A new inode's contents: a directory's first block, a symlink's target. */
static int init_new(struct inode *inode, struct inode *dir, const char *target)
{
	if (S_ISDIR(inode->i_mode)) {
		inode->i_nlink = 2;
		return ext2_make_empty(inode, dir);
	}
	if (S_ISLNK(inode->i_mode))
		return write_link(inode, target, strlen(target));
	return 0;
}

/*
 * Creates @name in @dd: a file of @mode (@dev for device nodes, @target
 * for a symlink).  As ramfs_mknod: *out gets the dentry.  0, -EEXIST,
 * -ENOSPC, -EMLINK, -EIO, -ENOMEM.
 */
static int ext2_mknod(struct dentry *dd, const char *name, umode_t mode, dev_t dev,
		      const char *target, struct dentry **out)
{
	struct inode *dir = dd->d_inode, *inode;
	struct super_block *sb = dir->i_sb;
	size_t len = strlen(name);
	struct dentry *d;
	int err;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (S_ISDIR(mode) && dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock(sb);
	if (d_lookup(dd, name, len)) {
		ext2_unlock(sb);
		return -EEXIST;		/* made while we slept */
	}
	inode = ext2_new_inode(dir, mode, dev);
	if (IS_ERR(inode)) {
		ext2_unlock(sb);
		return PTR_ERR(inode);
	}
	err = init_new(inode, dir, target);
	if (!err)
		err = ext2_add_entry(dir, name, len, inode);
	if (!err)
		err = ext2_write_inode(inode);
	d = err ? NULL : d_alloc(dd, name, len);
	if (!err && !d) {
		ext2_remove_entry(dir, name, len);
		err = -ENOMEM;
	}
	if (err) {
		inode->i_nlink = 0;	/* eviction gives its blocks and number back */
		ext2_unlock(sb);
		iput(inode);
		return err;
	}
	d_instantiate(d, inode);
	if (S_ISDIR(mode))
		dir->i_nlink++;
	ext2_unlock(sb);
	if (out)
		*out = d;
	return 0;
}

/* The disk side of link(2): a record for @old's inode in @dd. */
static int ext2_link(struct dentry *old, struct dentry *dd, const char *name)
{
	struct inode *inode = old->d_inode;
	size_t len = strlen(name);
	int err;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (inode->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock(dd->d_sb);
	err = ext2_add_entry(dd->d_inode, name, len, inode);
	ext2_unlock(dd->d_sb);
	return err;
}

static int ext2_unlink(struct dentry *dd, struct dentry *d)
{
	int err;

	ext2_lock(dd->d_sb);
	err = ext2_remove_entry(dd->d_inode, d->d_name, d->d_len);
	ext2_unlock(dd->d_sb);
	if (!err)
		d->d_inode->i_ctime = ktime_get_real_seconds();
	return err;
}

/* rmdir's disk side: the directory must be empty on the disk too. */
static int ext2_rmdir(struct dentry *dd, struct dentry *d)
{
	int err;

	ext2_lock(dd->d_sb);
	err = ext2_dir_is_empty(d->d_inode);
	if (err == 0)
		err = -ENOTEMPTY;
	else if (err > 0)
		err = ext2_remove_entry(dd->d_inode, d->d_name, d->d_len);
	ext2_unlock(dd->d_sb);
	return err;
}

/*
 * rename's disk side: @old's inode under @name in @newdir (repointing
 * @victim's record, or a new one), its old record removed, and a moved
 * directory's ".." repointed.
 */
static int ext2_rename(struct dentry *old, struct dentry *newdir, const char *name,
		       struct dentry *victim)
{
	struct inode *inode = old->d_inode, *nd = newdir->d_inode, *od = old->d_parent->d_inode;
	struct super_block *sb = inode->i_sb;
	size_t len = strlen(name);
	bool isdir = S_ISDIR(inode->i_mode);
	int err = 0;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (isdir && od != nd && !victim && nd->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock(sb);
	if (victim && S_ISDIR(victim->d_inode->i_mode)) {
		err = ext2_dir_is_empty(victim->d_inode);
		if (err == 0)
			err = -ENOTEMPTY;
		else if (err > 0)
			err = 0;
	}
	if (!err)
		err = victim ? ext2_set_entry(nd, name, len, inode) :
			       ext2_add_entry(nd, name, len, inode);
	if (!err)
		err = ext2_remove_entry(od, old->d_name, old->d_len);
	if (!err && isdir && od != nd)
		err = ext2_set_entry(inode, "..", 2, nd);
	ext2_unlock(sb);
	if (!err) {
		inode->i_ctime = ktime_get_real_seconds();
		if (victim)
			victim->d_inode->i_ctime = inode->i_ctime;
	}
	return err;
}

/* truncate/ftruncate/O_TRUNC: the cache first (without our lock), then the blocks. */
static int ext2_setsize(struct inode *inode, loff_t size)
{
	struct super_block *sb = inode->i_sb;
	loff_t old = inode->i_size;
	int err;

	if ((u64)size > ((u64)ext2_max_blocks(sb) << EXT2_SB(sb)->bits) ||
	    (u64)size > (0xffffffffULL << 9))
		return -EFBIG;
	err = truncate_setsize(inode, size);
	if (err || size >= old)
		return err;
	ext2_lock(sb);
	err = ext2_truncate_blocks(inode, size);
	ext2_unlock(sb);
	return err;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.populate = ext2_dir_populate,
	.mknod = ext2_mknod,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rmdir = ext2_rmdir,
	.rename = ext2_rename,
};

const struct inode_operations ext2_file_iops = {
	.setsize = ext2_setsize,
};
