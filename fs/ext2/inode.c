/*
 * ext2 inodes: reading one from its group's inode table, writing it
 * back, leaving memory (eviction: a file with no names left gives its
 * blocks and its number back), and the block map: file block -> disk
 * block through i_block[0..11] (direct), [12] (indirect), [13] (double)
 * and [14] (triple), with allocation on demand and freeing from a size
 * on (truncate).
 *
 * The in-memory inode is the truth while it is in memory: chmod, chown,
 * utimensat, link counts change the VFS inode only, and
 * ext2_write_inode() copies it into the on-disk slot (in the device's
 * cache) when it differs, at fsync, sync, eviction and unmount.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/cred.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>

void ext2_lock(struct super_block *sb) __acquires(sb)
{
	mutex_lock(&EXT2_SB(sb)->lock);
	EXT2_SB(sb)->lock_owner = current;
}

void ext2_unlock(struct super_block *sb) __releases(sb)
{
	EXT2_SB(sb)->lock_owner = NULL;
	mutex_unlock(&EXT2_SB(sb)->lock);
}

bool ext2_locked_by_me(struct super_block *sb)
{
	return EXT2_SB(sb)->lock_owner == current;
}

/* The cached on-disk slot of inode @ino (*blkp: its block).  ERR_PTR. */
static struct ext2_inode *inode_slot(struct super_block *sb, unsigned long ino,
				     struct page **pagep, u32 *blkp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g = (ino - 1) / sbi->inodes_per_group, gdblk, table;
	loff_t off = (loff_t)((ino - 1) % sbi->inodes_per_group) * sbi->inode_size;
	struct page *gpage;
	struct ext2_group_desc *gd;
	char *p;

	if (ino < 1 || ino > sbi->inodes_count) {
		ext2_error(sb, "inode number out of range:", ino);
		return ERR_PTR(-EUCLEAN);
	}
	gd = ext2_get_group_desc(sb, g, &gpage, &gdblk);
	if (IS_ERR(gd))
		return ERR_CAST(gd);
	table = gd->bg_inode_table;
	put_page(gpage);
	*blkp = table + (off >> sbi->bits);
	p = ext2_bread(sb, *blkp, pagep);
	if (IS_ERR(p))
		return ERR_CAST(p);
	return (struct ext2_inode *)(p + (off & (sbi->blocksize - 1)));
}

/* Gives @inode the operations of its type. */
void ext2_set_ops(struct inode *inode)
{
	inode->i_mapping->a_ops = &ext2_aops;
	switch (inode->i_mode & S_IFMT) {
	case S_IFREG:
		inode->i_fop = &ext2_file_ops;
		inode->i_op = &ext2_file_iops;
		break;
	case S_IFDIR:
		inode->i_fop = &ext2_dir_ops;
		inode->i_op = &ext2_dir_iops;
		break;
	default:
		init_special_inode(inode, inode->i_mode, inode->i_rdev);
		break;
	}
	inode->i_flags |= S_DISKBLOCKS;
}

static struct inode *alloc_ext2_inode(struct super_block *sb, unsigned long ino, umode_t mode)
{
	struct inode *inode = new_inode(sb, mode);

	if (!inode)
		return NULL;
	inode->i_ino = ino;
	EXT2_I(inode)->i_block_group = (ino - 1) / EXT2_SB(sb)->inodes_per_group;
	list_add(&EXT2_I(inode)->i_list, &EXT2_SB(sb)->ihash[ino % EXT2_IHASH]);
	return inode;
}

/* A symlink's target: in i_block (fast, under 60 bytes) or in its block. */
static int read_link(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	size_t len = inode->i_size;
	struct page *page = NULL;
	const char *src = (const char *)ei->i_data;
	char *link;

	if (len >= PATH_MAX || (len > EXT2_SB(inode->i_sb)->blocksize)) {
		ext2_error(inode->i_sb, "bad symlink size, inode", inode->i_ino);
		return -EUCLEAN;
	}
	if (inode->i_blocks && !(ei->i_file_acl && inode->i_blocks ==
				 (EXT2_SB(inode->i_sb)->blocksize >> 9))) {
		src = ext2_bread(inode->i_sb, ei->i_data[0], &page);
		if (IS_ERR(src))
			return PTR_ERR(src);
	}
	link = kmalloc(len + 1, GFP_KERNEL);
	if (link) {
		memcpy(link, src, len);
		link[len] = '\0';
	}
	if (page)
		put_page(page);
	if (!link)
		return -ENOMEM;
	inode->i_link = link;
	return 0;
}

/* The block numbers in the inode itself are inside the file system (as Linux checks at iget). */
static bool block_map_valid(struct inode *inode)
{
	struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (!S_ISREG(inode->i_mode) && !S_ISDIR(inode->i_mode) &&
	    !(S_ISLNK(inode->i_mode) && inode->i_blocks))
		return true;		/* devices, FIFOs, fast symlinks: not block numbers */
	for (int i = 0; i < EXT2_N_BLOCKS; i++)
		if (ei->i_data[i] && (ei->i_data[i] < sbi->first_data_block ||
				      ei->i_data[i] >= sbi->blocks_count))
			return false;
	return true;
}

/*
 * The inode @ino: the one in memory (referenced again), or read from disk.
 * ERR_PTR(-EIO, -EUCLEAN for a free or corrupt one, -ENOMEM).
 */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct page *page;
	u32 blk;
	struct ext2_inode *raw;
	struct ext2_inode_info *ei;
	struct inode *inode;

	list_for_each_entry(ei, &EXT2_SB(sb)->ihash[ino % EXT2_IHASH], i_list)
		if (ei->vfs_inode.i_ino == ino && ei->vfs_inode.i_nlink) {
			atomic_inc(&ei->vfs_inode.i_count);	/* another name of it */
			return &ei->vfs_inode;
		}
	raw = inode_slot(sb, ino, &page, &blk);
	if (IS_ERR(raw))
		return ERR_CAST(raw);
	if (!raw->i_links_count || !raw->i_mode) {
		put_page(page);
		ext2_error(sb, "directory entry names a deleted inode", ino);
		return ERR_PTR(-EUCLEAN);
	}
	inode = alloc_ext2_inode(sb, ino, raw->i_mode);
	if (!inode) {
		put_page(page);
		return ERR_PTR(-ENOMEM);
	}
	ei = EXT2_I(inode);
	inode->i_uid = raw->i_uid | ((u32)raw->i_uid_high << 16);
	inode->i_gid = raw->i_gid | ((u32)raw->i_gid_high << 16);
	inode->i_nlink = raw->i_links_count;
	inode->i_size = raw->i_size;
	if (S_ISREG(inode->i_mode))
		inode->i_size |= (loff_t)raw->i_size_high << 32;
	inode->i_atime = raw->i_atime;
	inode->i_mtime = raw->i_mtime;
	inode->i_ctime = raw->i_ctime;
	inode->i_blocks = raw->i_blocks;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_flags = raw->i_flags;
	ei->i_file_acl = raw->i_file_acl;
	ei->i_generation = raw->i_generation;
	ei->i_dtime = raw->i_dtime;
	put_page(page);
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		/* Old encoding in i_block[0] (major << 8 | minor), else new in [1]. */
		u32 d = ei->i_data[0] ? ei->i_data[0] : ei->i_data[1];

		inode->i_rdev = ei->i_data[0] ? MKDEV((d >> 8) & 0xff, d & 0xff) :
			       MKDEV((d & 0xfff00) >> 8, (d & 0xff) | ((d >> 12) & 0xfff00));
	}
	ext2_set_ops(inode);
	if (!block_map_valid(inode)) {
		ext2_error(sb, "invalid block in the map of inode", ino);
		inode->i_nlink = 1;	/* not a free: the disk keeps it */
		kfree_inode(inode);
		return ERR_PTR(-EUCLEAN);
	}
	if (S_ISLNK(inode->i_mode)) {
		int err = read_link(inode);

		if (err) {
			inode->i_nlink = 1;	/* not a free: the disk keeps it */
			kfree_inode(inode);
			return ERR_PTR(err);
		}
	}
	return inode;
}

/* A new inode's slot: all zero past the 128 bytes we fill. */
static int clear_inode_slot(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct page *page;
	u32 blk;
	struct ext2_inode *raw = inode_slot(sb, inode->i_ino, &page, &blk);

	if (IS_ERR(raw))
		return PTR_ERR(raw);
	memset(raw, 0, EXT2_SB(sb)->inode_size);
	ext2_bdirty(sb, blk);
	put_page(page);
	return 0;
}

/*
 * A new inode of @mode in @dir's file system: its number taken from the
 * bitmaps, its slot cleared, owned by the caller's fsuid (the VFS sets
 * the owner after).  ERR_PTR(-ENOSPC, -EIO, -ENOMEM).  Caller holds ext2_lock.
 */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode, dev_t dev)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_inode_info *ei;
	struct inode *inode;
	unsigned long ino;
	int err = ext2_new_inode_nr(dir, mode, &ino);

	if (err)
		return ERR_PTR(err);
	inode = alloc_ext2_inode(sb, ino, mode);
	if (!inode) {
		ext2_free_inode_nr(sb, ino, S_ISDIR(mode));
		return ERR_PTR(-ENOMEM);
	}
	ei = EXT2_I(inode);
	inode->i_mtime = inode->i_atime = inode->i_ctime = ktime_get_real_seconds();
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	ei->i_generation = (u32)ktime_get_real_seconds() ^ (u32)ino;
	ei->i_populated = S_ISDIR(mode);	/* a new directory has no entries to read */
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		inode->i_rdev = dev;
		/* The new encoding, as Linux writes it for any number. */
		ei->i_data[1] = (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xff) << 12);
	}
	ext2_set_ops(inode);
	if (clear_inode_slot(inode)) {
		inode->i_nlink = 0;
		iput(inode);
		return ERR_PTR(-EIO);
	}
	return inode;
}

/* Fills the on-disk inode @raw from @inode. */
static void fill_raw(struct inode *inode, struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	raw->i_mode = inode->i_mode;
	raw->i_uid = inode->i_uid & 0xffff;
	raw->i_uid_high = inode->i_uid >> 16;
	raw->i_gid = inode->i_gid & 0xffff;
	raw->i_gid_high = inode->i_gid >> 16;
	raw->i_links_count = inode->i_nlink;
	raw->i_size = (u32)inode->i_size;
	raw->i_size_high = S_ISREG(inode->i_mode) ? (u32)(inode->i_size >> 32) : 0;
	raw->i_atime = inode->i_atime;
	raw->i_mtime = inode->i_mtime;
	raw->i_ctime = inode->i_ctime;
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = inode->i_blocks;
	raw->i_flags = ei->i_flags;
	raw->i_file_acl = ei->i_file_acl;
	raw->i_generation = ei->i_generation;
	memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
}

/*
 * Copies @inode into its on-disk slot in the device's cache, marking the
 * block dirty only if something changed.  0 or -EIO.  Caller holds ext2_lock.
 */
int ext2_write_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode tmp;
	struct page *page;
	u32 blk;
	struct ext2_inode *raw;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	raw = inode_slot(sb, inode->i_ino, &page, &blk);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	memcpy(&tmp, raw, sizeof(tmp));
	fill_raw(inode, &tmp);
	if (S_ISREG(inode->i_mode) && inode->i_size > 0x7fffffffLL &&
	    !(sbi->es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		sbi->es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		ext2_bdirty(sb, sbi->first_data_block);
	}
	if (memcmp(&tmp, raw, sizeof(tmp))) {
		memcpy(raw, &tmp, sizeof(tmp));
		ext2_bdirty(sb, blk);
	}
	put_page(page);
	return 0;
}

/*
 * fdatasync's question: does @inode's on-disk slot differ from it in
 * more than its times (size, block map, links, mode...)?  False also
 * when the slot cannot be read (fsync then finds the error).  Caller
 * holds ext2_lock.
 */
bool ext2_inode_data_dirty(struct inode *inode)
{
	struct ext2_inode tmp;
	struct ext2_inode *raw;
	struct page *page;
	u32 blk;

	raw = inode_slot(inode->i_sb, inode->i_ino, &page, &blk);
	if (IS_ERR(raw))
		return true;
	memcpy(&tmp, raw, sizeof(tmp));
	fill_raw(inode, &tmp);
	tmp.i_atime = raw->i_atime;
	tmp.i_mtime = raw->i_mtime;
	tmp.i_ctime = raw->i_ctime;
	put_page(page);
	return memcmp(&tmp, raw, sizeof(tmp)) != 0;
}

/* The extended-attribute block loses a user; the last one frees it. */
static void release_xattr_block(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct page *page;
	u32 *h;

	if (!ei->i_file_acl)
		return;
	h = ext2_bread(inode->i_sb, ei->i_file_acl, &page);
	if (!IS_ERR(h)) {
		if (h[0] == 0xEA020000 && h[1] > 1) {	/* magic, refcount */
			h[1]--;
			ext2_bdirty(inode->i_sb, ei->i_file_acl);
			if (inode->i_blocks >= (EXT2_SB(inode->i_sb)->blocksize >> 9))
				inode->i_blocks -= EXT2_SB(inode->i_sb)->blocksize >> 9;
		} else {
			ext2_free_block(inode, ei->i_file_acl);
		}
		put_page(page);
	}
	ei->i_file_acl = 0;
}

static void evict_locked(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sbi->unmounting && !(sb->s_flags & SB_RDONLY)) {
		if (!inode->i_nlink) {
			/* The last name and the last user are gone: so is the file. */
			ext2_truncate_blocks(inode, 0);
			release_xattr_block(inode);
			EXT2_I(inode)->i_dtime = ktime_get_real_seconds();
			inode->i_size = 0;
			ext2_write_inode(inode);
			ext2_free_inode_nr(sb, inode->i_ino, S_ISDIR(inode->i_mode));
		} else {
			ext2_write_inode(inode);
		}
	}
	list_del(&EXT2_I(inode)->i_list);
}

/*
 * The inode leaves memory (kfree_inode, before its pages go): its data
 * is written first, then the inode, or, with no names left, its blocks
 * and number freed.  At unmount everything was written already.
 */
void ext2_evict_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (inode->i_nlink && !EXT2_SB(sb)->unmounting)
		filemap_write_and_wait(inode->i_mapping);
	else if (!EXT2_SB(sb)->unmounting)
		truncate_inode_pages(inode->i_mapping);	/* no writeback into freed blocks */
	if (ext2_locked_by_me(sb)) {
		evict_locked(inode);
		return;
	}
	ext2_lock(sb);
	evict_locked(inode);
	ext2_unlock(sb);
}

/* ---- the block map ---- */

u64 ext2_max_blocks(struct super_block *sb)
{
	u64 a = EXT2_SB(sb)->addr_per_block;

	return EXT2_NDIR_BLOCKS + a + a * a + a * a * a;
}

/*
 * Splits file block @iblock into the path of indexes through the tree:
 * offsets[0] in i_data, then one per indirect level.  The depth (1-4),
 * or 0 past the largest file.
 */
static int block_path(struct super_block *sb, u64 iblock, unsigned int offsets[4])
{
	unsigned int a = EXT2_SB(sb)->addr_per_block, bits = EXT2_SB(sb)->addr_bits;

	if (iblock < EXT2_NDIR_BLOCKS) {
		offsets[0] = iblock;
		return 1;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	if (iblock < a) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = iblock;
		return 2;
	}
	iblock -= a;
	if (iblock < (u64)a * a) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = iblock >> bits;
		offsets[2] = iblock & (a - 1);
		return 3;
	}
	iblock -= (u64)a * a;
	if (iblock < (u64)a * a * a) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = iblock >> (2 * bits);
		offsets[2] = (iblock >> bits) & (a - 1);
		offsets[3] = iblock & (a - 1);
		return 4;
	}
	return 0;
}

/*
 * The disk block of file block @iblock in *blk (0: a hole), allocating
 * it and any missing indirect block if @create.  Caller holds ext2_lock.
 * 0, -EFBIG past the largest file, -ENOSPC, -EIO, -EUCLEAN.
 */
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *blk)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned int offsets[4];
	int depth = block_path(sb, iblock, offsets);
	u32 *slot = &ei->i_data[offsets[0]];
	struct page *page = NULL;
	u32 slot_blk = 0;		/* the indirect block holding slot; 0: the inode */
	int err = 0;

	if (!depth)
		return -EFBIG;
	for (int level = 0;; level++) {
		u32 b = *slot;

		if (b >= EXT2_SB(sb)->blocks_count) {
			ext2_error(sb, "bad block number in inode", inode->i_ino);
			err = -EUCLEAN;
			break;
		}
		if (!b && create) {
			u32 goal = ei->i_last_alloc ? ei->i_last_alloc + 1 : 0;

			err = ext2_new_block(inode, goal, &b);
			if (err)
				break;
			if (level < depth - 1) {
				struct page *z;

				/*
				 * A new indirect block must be zeroed before any
				 * slot names it: if its page cannot be read (EIO),
				 * the block goes back and the map stays as it was,
				 * else the next lookup would take the block's old
				 * bytes on the disk for block numbers.
				 */
				if (IS_ERR(ext2_bzero(sb, b, &z))) {
					ext2_free_block(inode, b);
					err = -EIO;
					break;
				}
				put_page(z);
			}
			*slot = b;
			if (slot_blk)
				ext2_bdirty(sb, slot_blk);
		}
		if (page)
			put_page(page);
		page = NULL;
		if (!b || level == depth - 1) {
			*blk = b;
			return 0;
		}
		slot = ext2_bread(sb, b, &page);
		if (IS_ERR(slot)) {
			err = PTR_ERR(slot);
			page = NULL;
			break;
		}
		slot += offsets[level + 1];
		slot_blk = b;
	}
	if (page)
		put_page(page);
	return err;
}

/*
 * Frees what the subtree at *@slot (@depth levels of indirect blocks
 * below it; 0: a data block) maps at file blocks >= @from, the subtree
 * starting at file block @base.  *@slot is cleared if all of it goes;
 * @slot_blk (0: the inode) is the block to mark dirty then.
 */
static void free_tree(struct inode *inode, u32 *slot, u32 slot_blk, int depth, u64 base,
		      u64 from)
{
	struct super_block *sb = inode->i_sb;
	unsigned int a = EXT2_SB(sb)->addr_per_block;
	u64 span = 1;
	struct page *page;
	u32 *ind;

	for (int i = 0; i < depth; i++)
		span *= a;
	if (!*slot || base + span <= from)
		return;
	if (*slot >= EXT2_SB(sb)->blocks_count) {
		ext2_error(sb, "bad block number in inode", inode->i_ino);
		*slot = 0;
		return;
	}
	if (depth) {
		u64 child_span = span / a;

		ind = ext2_bread(sb, *slot, &page);
		if (IS_ERR(ind))
			return;		/* unreadable: leaked, e2fsck finds it */
		for (unsigned int i = 0; i < a; i++)
			free_tree(inode, &ind[i], *slot, depth - 1, base + i * child_span, from);
		put_page(page);
	}
	if (base >= from) {
		ext2_free_block(inode, *slot);
		*slot = 0;
		if (slot_blk)
			ext2_bdirty(sb, slot_blk);
	}
}

/*
 * Frees every block of @inode from the one holding byte @size on (the
 * page cache past @size is already gone).  Caller holds ext2_lock.  0.
 */
int ext2_truncate_blocks(struct inode *inode, loff_t size)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct super_block *sb = inode->i_sb;
	unsigned int a = EXT2_SB(sb)->addr_per_block;
	u64 from = ((u64)size + EXT2_SB(sb)->blocksize - 1) >> EXT2_SB(sb)->bits;
	u64 base = EXT2_NDIR_BLOCKS;

	if (S_ISLNK(inode->i_mode) && !inode->i_blocks)
		return 0;		/* a fast symlink: i_data is its target */
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode) || S_ISFIFO(inode->i_mode) ||
	    S_ISSOCK(inode->i_mode))
		return 0;
	for (u64 i = from; i < EXT2_NDIR_BLOCKS; i++)
		free_tree(inode, &ei->i_data[i], 0, 0, i, from);
	free_tree(inode, &ei->i_data[EXT2_IND_BLOCK], 0, 1, base, from);
	base += a;
	free_tree(inode, &ei->i_data[EXT2_DIND_BLOCK], 0, 2, base, from);
	base += (u64)a * a;
	free_tree(inode, &ei->i_data[EXT2_TIND_BLOCK], 0, 3, base, from);
	return 0;
}
