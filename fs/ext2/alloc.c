/*
 * ext2 block and inode allocation from the group bitmaps.  Each
 * allocation or free changes three places together, with no sleep
 * between them once the blocks are read: the group's bitmap, its
 * descriptor's free count (and used-dirs count), and the superblock's
 * free count.  Caller holds ext2_lock.
 *
 * Blocks: first the goal (the block after the inode's last one, so a
 * file grows contiguously), then the rest of the goal's group, then the
 * other groups in order.  Inodes: the parent's group first (no Orlov
 * spreading), then the others.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/cred.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>

/* The first clear bit of @map in [from, n) then [0, from), or -1. */
static long find_zero(const u8 *map, u32 n, u32 from)
{
	for (u32 k = 0; k < n; k++) {
		u32 i = from + k < n ? from + k : from + k - n;

		/* a full 32-bit word (the bitmap is block-aligned), then a full byte */
		if (!(i & 31) && i + 32 <= n && k + 32 <= n &&
		    *(const u32 *)(map + (i >> 3)) == 0xffffffffu) {
			k += 31;
			continue;
		}
		if (map[i >> 3] == 0xff && !(i & 7) && i + 8 <= n) {
			k += 7;
			continue;
		}
		if (!ext2_test_bit(map, i))
			return i;
	}
	return -1;
}

/*
 * Takes a free block in group @g at or after @start (a group offset);
 * 0 with *blk, -ENOSPC if the group is full, or -EIO.
 */
static int alloc_in_group(struct super_block *sb, u32 g, u32 start, u32 *blk)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 n = sbi->blocks_per_group, gdblk;
	struct page *gpage, *bpage;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, &gpage, &gdblk);
	u8 *map;
	long bit;

	if (IS_ERR(gd))
		return PTR_ERR(gd);
	if (!gd->bg_free_blocks_count) {
		put_page(gpage);
		return -ENOSPC;
	}
	map = ext2_bread(sb, gd->bg_block_bitmap, &bpage);
	if (IS_ERR(map)) {
		put_page(gpage);
		return PTR_ERR(map);
	}
	if (g == sbi->groups - 1)	/* the last group may be short */
		n = sbi->blocks_count - sbi->first_data_block - g * sbi->blocks_per_group;
	bit = find_zero(map, n, start < n ? start : 0);
	if (bit >= 0) {
		ext2_set_bit(map, bit);
		ext2_bdirty(sb, gd->bg_block_bitmap);
		gd->bg_free_blocks_count--;
		ext2_bdirty(sb, gdblk);
		sbi->es->s_free_blocks_count--;
		ext2_bdirty(sb, sbi->first_data_block);
		*blk = sbi->first_data_block + g * sbi->blocks_per_group + bit;
	} else {
		ext2_error(sb, "free blocks count wrong in group", g);
	}
	put_page(bpage);
	put_page(gpage);
	return bit >= 0 ? 0 : -ENOSPC;
}

/*
 * A new block for @inode near @goal (0: its group), counted in its
 * i_blocks.  Ordinary users may not take the reserved blocks.
 * 0 with *blk, -ENOSPC, -EIO.
 */
int ext2_new_block(struct inode *inode, u32 goal, u32 *blk)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g0, start = 0;
	int err = -ENOSPC;

	if (sbi->es->s_free_blocks_count <= sbi->es->s_r_blocks_count && inode->i_uid != 0 &&
	    current_fsuid() != 0)
		return -ENOSPC;
	if (goal >= sbi->first_data_block && goal < sbi->blocks_count) {
		g0 = (goal - sbi->first_data_block) / sbi->blocks_per_group;
		start = (goal - sbi->first_data_block) % sbi->blocks_per_group;
	} else {
		g0 = EXT2_I(inode)->i_block_group;
		if (sbi->balloc_hint >= sbi->first_data_block && sbi->balloc_hint < sbi->blocks_count &&
		    (sbi->balloc_hint - sbi->first_data_block) / sbi->blocks_per_group == g0)
			start = (sbi->balloc_hint - sbi->first_data_block) % sbi->blocks_per_group;
	}
	for (u32 k = 0; k < sbi->groups; k++) {
		u32 g = (g0 + k) % sbi->groups;

		err = alloc_in_group(sb, g, k ? 0 : start, blk);
		if (err != -ENOSPC)
			break;
	}
	if (!err) {
		inode->i_blocks += sbi->blocksize >> 9;
		EXT2_I(inode)->i_last_alloc = *blk;
		sbi->balloc_hint = *blk + 1;
	}
	return err;
}

/* Gives block @blk of @inode back (a bad number is reported, not freed). */
void ext2_free_block(struct inode *inode, u32 blk)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g, bit, gdblk;
	struct page *gpage, *bpage;
	struct ext2_group_desc *gd;
	u8 *map;

	if (blk < sbi->first_data_block || blk >= sbi->blocks_count) {
		ext2_error(sb, "freeing block out of range:", blk);
		return;
	}
	g = (blk - sbi->first_data_block) / sbi->blocks_per_group;
	bit = (blk - sbi->first_data_block) % sbi->blocks_per_group;
	gd = ext2_get_group_desc(sb, g, &gpage, &gdblk);
	if (IS_ERR(gd))
		return;
	map = ext2_bread(sb, gd->bg_block_bitmap, &bpage);
	if (!IS_ERR(map)) {
		if (!ext2_test_bit(map, bit)) {
			ext2_error(sb, "freeing free block", blk);
		} else {
			ext2_clear_bit(map, bit);
			ext2_bdirty(sb, gd->bg_block_bitmap);
			gd->bg_free_blocks_count++;
			ext2_bdirty(sb, gdblk);
			sbi->es->s_free_blocks_count++;
			ext2_bdirty(sb, sbi->first_data_block);
			ext2_bforget(sb, blk);
			if (inode->i_blocks >= (sbi->blocksize >> 9))
				inode->i_blocks -= sbi->blocksize >> 9;
		}
		put_page(bpage);
	}
	put_page(gpage);
}

/*
 * Inode @bit of a group was just taken: when every other inode sharing
 * its table block is free, that block need not be read from the disk.
 */
static void fresh_table_block(struct super_block *sb, const struct ext2_group_desc *gd,
			      const u8 *map, long bit)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 per_block = sbi->blocksize / sbi->inode_size, first = bit / per_block * per_block;

	for (u32 i = first; i < first + per_block && i < sbi->inodes_per_group; i++)
		if (i != (u32)bit && ext2_test_bit(map, i))
			return;
	ext2_bfresh(sb, gd->bg_inode_table + first / per_block);
}

/* Takes a free inode of group @g.  0 with *ino, -ENOSPC, -EIO. */
static int ialloc_in_group(struct super_block *sb, u32 g, bool dir, unsigned long *ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct page *gpage, *bpage;
	u32 gdblk;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, &gpage, &gdblk);
	u8 *map;
	long bit = -1;

	if (IS_ERR(gd))
		return PTR_ERR(gd);
	if (!gd->bg_free_inodes_count) {
		put_page(gpage);
		return -ENOSPC;
	}
	map = ext2_bread(sb, gd->bg_inode_bitmap, &bpage);
	if (IS_ERR(map)) {
		put_page(gpage);
		return PTR_ERR(map);
	}
	if (sbi->ialloc_hint && (sbi->ialloc_hint - 1) / sbi->inodes_per_group == g)
		bit = (long)((sbi->ialloc_hint - 1) % sbi->inodes_per_group) - 1;
	for (;;) {
		bit = find_zero(map, sbi->inodes_per_group, bit + 1);
		/* Group 0's reserved inodes are never handed out. */
		if (bit < 0 || g * sbi->inodes_per_group + bit + 1 >= sbi->first_ino)
			break;
		ext2_set_bit(map, bit);	/* should have been marked: mark it */
		ext2_bdirty(sb, gd->bg_inode_bitmap);
	}
	if (bit >= 0) {
		ext2_set_bit(map, bit);
		ext2_bdirty(sb, gd->bg_inode_bitmap);
		gd->bg_free_inodes_count--;
		if (dir)
			gd->bg_used_dirs_count++;
		ext2_bdirty(sb, gdblk);
		sbi->es->s_free_inodes_count--;
		ext2_bdirty(sb, sbi->first_data_block);
		*ino = g * sbi->inodes_per_group + bit + 1;
		sbi->ialloc_hint = *ino + 1;
		fresh_table_block(sb, gd, map, bit);
	} else {
		ext2_error(sb, "free inodes count wrong in group", g);
	}
	put_page(bpage);
	put_page(gpage);
	return bit >= 0 ? 0 : -ENOSPC;
}

/* An inode number for a new file of @mode in @dir.  0, -ENOSPC, -EIO. */
int ext2_new_inode_nr(struct inode *dir, umode_t mode, unsigned long *ino)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g0 = EXT2_I(dir)->i_block_group;
	int err = -ENOSPC;

	for (u32 k = 0; k < sbi->groups; k++) {
		err = ialloc_in_group(sb, (g0 + k) % sbi->groups, S_ISDIR(mode), ino);
		if (err != -ENOSPC)
			break;
	}
	return err;
}

/* Gives inode @ino back (its blocks are already free). */
void ext2_free_inode_nr(struct super_block *sb, unsigned long ino, bool dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g = (ino - 1) / sbi->inodes_per_group, bit = (ino - 1) % sbi->inodes_per_group, gdblk;
	struct page *gpage, *bpage;
	struct ext2_group_desc *gd;
	u8 *map;

	if (ino < sbi->first_ino || ino > sbi->inodes_count) {
		ext2_error(sb, "freeing reserved or nonexistent inode", ino);
		return;
	}
	gd = ext2_get_group_desc(sb, g, &gpage, &gdblk);
	if (IS_ERR(gd))
		return;
	map = ext2_bread(sb, gd->bg_inode_bitmap, &bpage);
	if (!IS_ERR(map)) {
		if (!ext2_test_bit(map, bit)) {
			ext2_error(sb, "freeing free inode", ino);
		} else {
			ext2_clear_bit(map, bit);
			ext2_bdirty(sb, gd->bg_inode_bitmap);
			gd->bg_free_inodes_count++;
			if (dir && gd->bg_used_dirs_count)
				gd->bg_used_dirs_count--;
			ext2_bdirty(sb, gdblk);
			sbi->es->s_free_inodes_count++;
			ext2_bdirty(sb, sbi->first_data_block);
		}
		put_page(bpage);
	}
	put_page(gpage);
}
