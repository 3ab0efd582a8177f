/*
 * ext2 instances: mount (the superblock checked, features refused by
 * name), statfs, sync, remount ro/rw and unmount.  The superblock's page
 * of the device's cache stays referenced while mounted (sbi->es points
 * into it); the device counts the instance as an opener, so no other
 * file's last close drops the cache under us.
 *
 * State on disk: a read-write mount clears EXT2_VALID_FS, counts the
 * mount and stamps s_mtime at once; a clean unmount (or remount ro)
 * writes everything, then sets EXT2_VALID_FS and s_wtime.  A crash in
 * between leaves "not clean": e2fsck checks it (ext2.md).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mount.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>

/*
 * Mounted instances, so that a device already mounted is refused (EBUSY;
 * Linux shares the instance instead).  Checked and changed without
 * sleeping in between.
 */
static LIST_HEAD(ext2_instances);

struct feature_name {
	u32 bit;
	const char *name;
};

static const struct feature_name incompat_names[] = {
	{ 0x0001, "compression" }, { 0x0004, "needs_recovery" }, { 0x0008, "journal_dev" },
	{ 0x0010, "meta_bg" }, { 0x0040, "extent" }, { 0x0080, "64bit" }, { 0x0100, "mmp" },
	{ 0x0200, "flex_bg" }, { 0x0400, "ea_inode" }, { 0x1000, "dirdata" },
	{ 0x2000, "metadata_csum_seed" }, { 0x4000, "large_dir" }, { 0x8000, "inline_data" },
	{ 0x10000, "encrypt" }, { 0x20000, "casefold" },
};

static const struct feature_name ro_compat_names[] = {
	{ 0x0004, "btree_dir" }, { 0x0008, "huge_file" }, { 0x0010, "uninit_bg" },
	{ 0x0020, "dir_nlink" }, { 0x0040, "extra_isize" }, { 0x0080, "snapshot" },
	{ 0x0100, "quota" }, { 0x0200, "bigalloc" }, { 0x0400, "metadata_csum" },
	{ 0x0800, "replica" }, { 0x1000, "read-only" }, { 0x2000, "project" },
	{ 0x8000, "verity" },
};

/* Names the first unsupported feature of @bits in @table (or its bit). */
static void report_feature(const char *dev, const char *kind, u32 bits,
			   const struct feature_name *table, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bits & table[i].bit) {
			pr_err("EXT2-fs (%s): couldn't mount: unsupported %s feature \"%s\"\n", dev,
			       kind, table[i].name);
			return;
		}
	pr_err("EXT2-fs (%s): couldn't mount: unsupported %s feature bits 0x%x\n", dev, kind, bits);
}

#define INCOMPAT_OK	EXT2_FEATURE_INCOMPAT_FILETYPE
#define RO_COMPAT_OK	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* Features Linnet cannot honour: 0 or -EINVAL with the feature's name. */
static int check_features(struct ext2_super_block *es, const char *dev, bool rdonly)
{
	u32 bad = es->s_feature_incompat & ~INCOMPAT_OK;

	if (bad) {
		report_feature(dev, "incompatible", bad, incompat_names, ARRAY_SIZE(incompat_names));
		return -EINVAL;
	}
	bad = es->s_feature_ro_compat & ~RO_COMPAT_OK;
	if (bad && !rdonly) {
		report_feature(dev, "read-only compatible", bad, ro_compat_names,
			       ARRAY_SIZE(ro_compat_names));
		return -EINVAL;
	}
	return 0;
}

/* Does group @g hold a superblock backup (sparse_super: 0, 1, powers of 3, 5, 7)? */
static bool group_has_super(const struct ext2_super_block *es, u32 g)
{
	if (!(es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER) || g <= 1)
		return true;
	for (u32 base = 3; base <= 7; base += 2) {
		u32 p = base;

		while (p < g)
			p *= base;
		if (p == g)
			return true;
	}
	return false;
}

/* Blocks statfs leaves out: superblocks, descriptors, bitmaps, inode tables (as Linux's ext4). */
static u32 compute_overhead(struct ext2_sb_info *sbi)
{
	u32 gdb = (sbi->groups + sbi->desc_per_block - 1) / sbi->desc_per_block;
	u32 itb = (sbi->inodes_per_group * sbi->inode_size + sbi->blocksize - 1) >> sbi->bits;
	u32 o = sbi->first_data_block;

	for (u32 g = 0; g < sbi->groups; g++) {
		if (group_has_super(sbi->es, g))
			o += 1 + gdb + sbi->es->s_reserved_gdt_blocks;
		o += 2 + itb;
	}
	return o;
}

/* The geometry from a checked superblock.  0 or -EINVAL with a message. */
static int read_geometry(struct ext2_sb_info *sbi, const char *dev)
{
	struct ext2_super_block *es = sbi->es;

	if (es->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG) {
		pr_err("EXT2-fs (%s): unsupported blocksize %u\n", dev, 1024u << es->s_log_block_size);
		return -EINVAL;
	}
	sbi->bits = EXT2_MIN_BLOCK_LOG + es->s_log_block_size;
	sbi->blocksize = 1u << sbi->bits;
	sbi->addr_per_block = sbi->blocksize / 4;
	sbi->addr_bits = sbi->bits - 2;
	sbi->blocks_count = es->s_blocks_count;
	sbi->inodes_count = es->s_inodes_count;
	sbi->first_data_block = es->s_first_data_block;
	sbi->blocks_per_group = es->s_blocks_per_group;
	sbi->inodes_per_group = es->s_inodes_per_group;
	sbi->desc_per_block = sbi->blocksize / sizeof(struct ext2_group_desc);
	if (es->s_rev_level == 0) {
		sbi->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		sbi->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		sbi->inode_size = es->s_inode_size;
		sbi->first_ino = es->s_first_ino;
	}
	if (sbi->inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->inode_size > sbi->blocksize ||
	    (sbi->inode_size & (sbi->inode_size - 1)) || !sbi->blocks_per_group ||
	    sbi->blocks_per_group > 8 * sbi->blocksize || !sbi->inodes_per_group ||
	    sbi->inodes_per_group > 8 * sbi->blocksize ||
	    sbi->first_data_block != (sbi->bits == 10 ? 1u : 0u) ||
	    sbi->blocks_count <= sbi->first_data_block || sbi->first_ino <= EXT2_ROOT_INO) {
		pr_err("EXT2-fs (%s): corrupt superblock geometry\n", dev);
		return -EINVAL;
	}
	sbi->groups = (sbi->blocks_count - sbi->first_data_block + sbi->blocks_per_group - 1) /
		      sbi->blocks_per_group;
	if ((u64)sbi->groups * sbi->inodes_per_group != sbi->inodes_count) {
		pr_err("EXT2-fs (%s): inodes count does not match the groups\n", dev);
		return -EINVAL;
	}
	sbi->overhead = compute_overhead(sbi);
	return 0;
}

/* Writes every in-memory inode and then the metadata blocks.  Caller holds ext2_lock. */
static int write_all(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = 0, ret;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	for (u32 h = 0; h < EXT2_IHASH; h++) {
		struct ext2_inode_info *ei;

		list_for_each_entry(ei, &sbi->ihash[h], i_list) {
			int e = ext2_write_inode(&ei->vfs_inode);

			if (e && !err)
				err = e;
		}
	}
	sbi->es->s_wtime = ktime_get_real_seconds();
	ext2_bdirty(sb, sbi->first_data_block);
	ret = ext2_write_meta(sb);
	return ret ? ret : err;
}

/*
 * sync(2), syncfs(2), umount (fs/fs-writeback.c sync_filesystem), after
 * the data: the inodes and the metadata, written and waited for whatever
 * @wait says (ext2 writes its metadata blocks itself, synchronously).
 */
static int ext2_sync_fs(struct super_block *sb, int wait)
{
	int err;

	ext2_lock(sb);
	err = write_all(sb);
	ext2_unlock(sb);
	return err;
}

/* Data of every in-memory inode (at unmount and remount ro; nobody else runs on it). */
static int write_all_data(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = 0;

	for (u32 h = 0; h < EXT2_IHASH; h++) {
		struct ext2_inode_info *ei;

		list_for_each_entry(ei, &sbi->ihash[h], i_list) {
			int e = filemap_write_and_wait(ei->vfs_inode.i_mapping);

			if (e && !err)
				err = e;
		}
	}
	return err;
}

static void ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	u64 fsid = 0;

	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = buf->f_frsize = sbi->blocksize;
	buf->f_blocks = sbi->blocks_count - sbi->overhead;
	buf->f_bfree = es->s_free_blocks_count;
	buf->f_bavail = es->s_free_blocks_count > es->s_r_blocks_count ?
			es->s_free_blocks_count - es->s_r_blocks_count : 0;
	buf->f_files = sbi->inodes_count;
	buf->f_ffree = es->s_free_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	for (int i = 0; i < 8; i++)
		fsid |= (u64)(es->s_uuid[i] ^ es->s_uuid[i + 8]) << (8 * i);
	buf->f_fsid[0] = (u32)fsid;
	buf->f_fsid[1] = (u32)(fsid >> 32);
}

/* Marks the disk mounted read-write (not clean) and writes that at once. */
static int mark_mounted(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;
	const char *dev = sbi->bdev->bd_disk->disk_name;

	if (!(es->s_state & EXT2_VALID_FS))
		pr_warn("EXT2-fs (%s): warning: mounting unchecked fs, running e2fsck is recommended\n",
			dev);
	else if (es->s_state & EXT2_ERROR_FS)
		pr_warn("EXT2-fs (%s): warning: mounting fs with errors, running e2fsck is recommended\n",
			dev);
	es->s_state &= ~EXT2_VALID_FS;
	es->s_mnt_count++;
	es->s_mtime = ktime_get_real_seconds();
	ext2_bdirty(sb, sbi->first_data_block);
	return ext2_write_meta(sb);
}

/* Writes everything and marks the disk clean (unmount, remount ro). */
static int mark_clean(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err = write_all_data(sb), e;

	ext2_lock(sb);
	e = write_all(sb);
	if (e)
		err = e;
	if (!err && !(sb->s_flags & SB_RDONLY)) {
		sbi->es->s_state |= EXT2_VALID_FS;
		ext2_bdirty(sb, sbi->first_data_block);
		err = ext2_write_meta(sb);
	}
	ext2_unlock(sb);
	return err;
}

/* cppcheck-suppress constParameter ; the super_operations signature */
static int ext2_remount(struct super_block *sb, unsigned long *flags, char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	bool was_ro = sb->s_flags & SB_RDONLY, ro = *flags & SB_RDONLY;
	int err;

	if (was_ro == ro)
		return 0;
	if (ro)
		return mark_clean(sb);
	if (sbi->bdev->bd_read_only)
		return -EACCES;
	err = check_features(sbi->es, sbi->bdev->bd_disk->disk_name, false);
	if (err)
		return err;
	sb->s_flags &= ~SB_RDONLY;
	ext2_lock(sb);
	err = mark_mounted(sb);
	ext2_unlock(sb);
	if (err)
		sb->s_flags |= SB_RDONLY;
	return err;
}

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	return ei ? &ei->vfs_inode : NULL;
}

static void ext2_free_inode(struct inode *inode)
{
	kfree(EXT2_I(inode));
}

static const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.free_inode = ext2_free_inode,
	.evict_inode = ext2_evict_inode,
	.statfs = ext2_statfs,
	.remount_fs = ext2_remount,
	.sync_fs = ext2_sync_fs,
};

/* The block device the mount's source names, counted as an opener.  ERR_PTR. */
static struct block_device *get_source_bdev(const char *source)
{
	struct ext2_sb_info *other;
	struct block_device *bdev;
	struct path path;
	dev_t dev;
	int err;

	if (!source || !*source)
		return ERR_PTR(-EINVAL);
	err = kern_path(source, LOOKUP_FOLLOW, &path);
	if (err)
		return ERR_PTR(err);
	dev = path.dentry->d_inode->i_rdev;
	err = S_ISBLK(path.dentry->d_inode->i_mode) ? 0 : -ENOTBLK;
	path_put(&path);
	if (err)
		return ERR_PTR(err);
	bdev = bdev_by_dev(dev);
	if (!bdev || (bdev->bd_partno && !bdev->bd_nr_sectors))
		return ERR_PTR(-ENXIO);
	list_for_each_entry(other, &ext2_instances, instances)
		if (other->bdev == bdev)
			return ERR_PTR(-EBUSY);
	if (bd_claim(bdev, &ext2_instances))	/* swap, an O_EXCL opener: EBUSY, as Linux */
		return ERR_PTR(-EBUSY);
	err = blkdev_get(bdev);
	if (err) {
		bd_unclaim(bdev, &ext2_instances);
		return ERR_PTR(err);
	}
	return bdev;
}

/* The mount's claim and open end: at the last close a loop device set to autoclear unbinds. */
static void put_bdev(struct block_device *bdev)
{
	bd_unclaim(bdev, &ext2_instances);
	blkdev_put(bdev);
}

static void free_sbi(struct ext2_sb_info *sbi)
{
	list_del(&sbi->instances);
	if (sbi->sb_page)
		put_page(sbi->sb_page);
	kfree(sbi->ihash);
	blkdev_flush_buffers(sbi->bdev);	/* no stale copies for the next user */
	put_bdev(sbi->bdev);
	kfree(sbi);
}

static int setup_sbi(struct super_block *sb, struct ext2_sb_info *sbi, const char *dev)
{
	struct page *page;
	int err;

	page = read_mapping_page(sbi->bmap, 0, NULL);
	if (IS_ERR(page)) {
		pr_err("EXT2-fs (%s): unable to read superblock\n", dev);
		return PTR_ERR(page);
	}
	sbi->sb_page = page;
	sbi->es = (struct ext2_super_block *)((char *)page_address(page) + EXT2_SUPER_OFFSET);
	if (sbi->es->s_magic != EXT2_SUPER_MAGIC) {
		pr_err("EXT2-fs (%s): can't find an ext2 filesystem on dev %s.\n", dev, dev);
		return -EINVAL;
	}
	err = read_geometry(sbi, dev);
	if (!err)
		err = check_features(sbi->es, dev, sb->s_flags & SB_RDONLY);
	if (err)
		return err;
	sbi->ihash = kmalloc(EXT2_IHASH * sizeof(*sbi->ihash), GFP_KERNEL);
	sbi->dirty_map = kzalloc(ext2_dirty_groups(sbi) * sizeof(*sbi->dirty_map), GFP_KERNEL);
	if (!sbi->ihash || !sbi->dirty_map)
		return -ENOMEM;
	for (u32 h = 0; h < EXT2_IHASH; h++)
		INIT_LIST_HEAD(&sbi->ihash[h]);
	for (u32 g = 0; g < ext2_dirty_groups(sbi); g++) {
		sbi->dirty_map[g] = kzalloc(sbi->blocks_per_group / 8 + 1, GFP_KERNEL);
		if (!sbi->dirty_map[g])
			return -ENOMEM;
	}
	return 0;
}

static int ext2_fill_super(struct super_block *sb, char *data)
{
	struct block_device *bdev = get_source_bdev(sb->s_source);
	struct ext2_sb_info *sbi;
	struct inode *root;
	const char *dev;
	int err;

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	dev = bdev->bd_disk->disk_name;
	if (bdev->bd_read_only)
		sb->s_flags |= SB_RDONLY;
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi) {
		put_bdev(bdev);
		return -ENOMEM;
	}
	mutex_init(&sbi->lock);
	list_add(&sbi->instances, &ext2_instances);	/* no sleep since the check */
	sbi->sb = sb;
	sbi->bdev = bdev;
	sbi->bmap = bdev->bd_inode->i_mapping;
	sb->s_fs_info = sbi;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	blkdev_flush_buffers(bdev);		/* what others wrote is on the disk */
	err = setup_sbi(sb, sbi, dev);
	if (err)
		goto out;
	sb->s_blocksize = sbi->blocksize;
	root = ext2_iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		goto out;
	}
	if (!S_ISDIR(root->i_mode)) {
		pr_err("EXT2-fs (%s): corrupt root inode\n", dev);
		root->i_nlink = 1;
		iput(root);
		err = -EINVAL;
		goto out;
	}
	sb->s_root = d_alloc(NULL, "/", 1);
	if (!sb->s_root) {
		iput(root);
		err = -ENOMEM;
		goto out;
	}
	sb->s_root->d_inode = root;
	sb->s_root->d_sb = sb;
	if (!(sb->s_flags & SB_RDONLY)) {
		ext2_lock(sb);
		err = mark_mounted(sb);
		ext2_unlock(sb);
		if (err) {
			sbi->unmounting = true;
			d_genocide(sb->s_root);
			goto out;
		}
	}
	return 0;
out:
	ext2_free_dirty_map(sb);
	free_sbi(sbi);
	sb->s_fs_info = NULL;
	return err;
}

/* umount: data, inodes, metadata, the clean mark; then the tree goes. */
static void ext2_kill_sb(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (mark_clean(sb))
		pr_err("EXT2-fs (%s): I/O error at unmount: the file system is not clean\n",
		       sbi->bdev->bd_disk->disk_name);
	sbi->unmounting = true;
	d_genocide(sb->s_root);
	ext2_free_dirty_map(sb);
	free_sbi(sbi);
}

static struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV | FS_USERMOUNT | FS_DCACHE_LOOKUP,
	.fill_super = ext2_fill_super,
	.kill_sb = ext2_kill_sb,
};

void ext2_init(void)
{
	register_filesystem(&ext2_fs_type);
}
