/*
 * ext2 file data: each file's own page cache, filled and written back
 * by bios built straight into its pages.  A page whose blocks are all
 * mapped and contiguous on the disk (the common case) is one bio that
 * nobody waits for: its completion marks it uptodate and unlocks it
 * (read) or ends its writeback (write), so readahead and writepages
 * can send many under one plug and they merge into large requests.
 * Any other page (holes, the file's last page, scattered blocks) is read
 * or written synchronously, a bio per run of contiguous blocks
 * (ext2_data_io).  Holes read as zeros; a write
 * allocates the blocks it covers and no others (so a hole stays a hole
 * around it); write-back allocates only for bytes a shared mapping put
 * into a hole.  The block map is consulted under ext2_lock; the I/O
 * runs without it, with the page locked (truncation waits for that
 * lock before it frees blocks).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/string.h>
#include <linux-ish/writeback.h>

#define MAX_BPP	(PAGE_SIZE >> EXT2_MIN_BLOCK_LOG)	/* blocks in a page, at most */

/* Is the block at @off of @page all zeros? */
static bool block_is_zero(struct page *page, unsigned int off, unsigned int bs)
{
	const u32 *p = (const u32 *)((char *)page_address(page) + off);

	for (unsigned int i = 0; i < bs / 4; i++)
		if (p[i])
			return false;
	return true;
}

/*
 * The disk blocks of @page's blocks inside the file (0: a hole, or past
 * the end), in @blks; with @for_write the non-zero holes are allocated.
 * Their number, or -errno.
 */
static int map_page(struct inode *inode, struct page *page, u32 blks[MAX_BPP], bool for_write)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = EXT2_SB(sb)->bits, bpp = PAGE_SIZE >> bits;
	u64 first = (u64)page->index << (PAGE_SHIFT - bits);
	u64 end = ((u64)inode->i_size + (1u << bits) - 1) >> bits;	/* blocks in the file */
	int err = 0;

	ext2_lock(sb);
	for (unsigned int i = 0; i < bpp; i++) {
		blks[i] = 0;
		if (first + i >= end)
			continue;
		err = ext2_get_block(inode, first + i, false, &blks[i]);
		if (!err && !blks[i] && for_write && !block_is_zero(page, i << bits, 1u << bits))
			err = ext2_get_block(inode, first + i, true, &blks[i]);
		if (err)
			break;
	}
	ext2_unlock(sb);
	return err ? err : (int)bpp;
}

/* Runs @op over the mapped blocks of @page, a bio per contiguous run; holes are zeroed on read. */
static int page_io(struct inode *inode, struct page *page, const u32 *blks, int n,
		   unsigned int op)
{
	unsigned int bits = EXT2_SB(inode->i_sb)->bits;
	int err = 0;

	for (int i = 0; i < n;) {
		int run = 1;

		if (!blks[i]) {
			if (op == REQ_OP_READ)
				memset((char *)page_address(page) + (i << bits), 0, 1u << bits);
			i++;
			continue;
		}
		while (i + run < n && blks[i + run] == blks[i] + run)
			run++;
		int e = ext2_data_io(inode->i_sb, op, page, i << bits, blks[i], run);

		if (e && !err)
			err = e;
		i += run;
	}
	return err;
}

/* Reads @page (locked) from disk and marks it uptodate.  0 or -errno. */
static int read_page_sync(struct inode *inode, struct page *page)
{
	u32 blks[MAX_BPP];
	int n = map_page(inode, page, blks, false);
	int err = n < 0 ? n : page_io(inode, page, blks, n, REQ_OP_READ);

	if (!err)
		SetPageUptodate(page);
	return err;
}

/* Are all @n blocks mapped and contiguous on the disk (one bio)? */
static bool one_run(const u32 *blks, int n)
{
	for (int i = 0; i < n; i++)
		if (!blks[i] || blks[i] != blks[0] + i)
			return false;
	return true;
}

/* Read completion (any context): the page is uptodate unless it failed. */
static void ext2_end_read(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (!bio->bi_status)
		SetPageUptodate(page);
	unlock_page(page);		/* !uptodate says "EIO" to the reader */
	bio_put(bio);
}

/*
 * => @page locked, !uptodate.  Starts its read, or reads it at once when
 * it is not one contiguous run; the page is unlocked when done (not
 * uptodate if the read failed).  Always 0: errors show as !uptodate.
 */
int ext2_readpage_async(struct inode *inode, struct page *page)
{
	u32 blks[MAX_BPP];
	int n = map_page(inode, page, blks, false);

	if (n > 0 && one_run(blks, n) &&
	    !ext2_data_submit(inode->i_sb, REQ_OP_READ, page, blks[0], ext2_end_read))
		return 0;
	if (n >= 0)
		read_page_sync(inode, page);
	unlock_page(page);
	return 0;
}

static int ext2_readpage(struct file *file, struct page *page)
{
	return ext2_readpage_async(page->mapping->host, page);
}

/*
 * Write completion (any context): errors go to the mapping for fsync; a
 * request the block layer had no memory for dirties the page again, as
 * writepage does short of memory.
 */
static void ext2_end_write(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status == BLK_STS_RESOURCE)
		set_page_dirty(page);
	else if (bio->bi_status)
		mapping_set_error(page->mapping, blk_status_to_errno(bio->bi_status));
	end_page_writeback(page);
	bio_put(bio);
}

/*
 * => @page locked, its dirty bit cleared for I/O.  Maps its blocks
 * (allocating those a shared mapping wrote into a hole) and writes it;
 * the page is unlocked on return.  Short of memory (a metadata page, a
 * bio) the page is dirtied again and -ENOMEM returned: nothing is lost,
 * a later pass writes it (Linux's redirty_page_for_writepage).  Other
 * errors (no room, an unreadable indirect block, a failed write) go to
 * the mapping: those bytes are lost, as Linux's.
 */
static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	struct inode *inode = page->mapping->host;
	u32 blks[MAX_BPP];
	int n, err;

	if (((loff_t)page->index << PAGE_SHIFT) >= inode->i_size) {
		unlock_page(page);	/* wholly past the end: truncation's to drop */
		return 0;
	}
	n = map_page(inode, page, blks, true);
	if (n < 0) {
		if (n == -ENOMEM)
			redirty_page_for_writepage(wbc, page);
		else
			mapping_set_error(page->mapping, n);
		unlock_page(page);
		return n;
	}
	set_page_writeback(page);
	if (one_run(blks, n) &&
	    !ext2_data_submit(inode->i_sb, REQ_OP_WRITE, page, blks[0], ext2_end_write)) {
		unlock_page(page);
		return 0;
	}
	/* Synchronously, still locked: a retry below finds it in its mapping. */
	err = page_io(inode, page, blks, n, REQ_OP_WRITE);
	if (err == -ENOMEM)
		redirty_page_for_writepage(wbc, page);
	else if (err)
		mapping_set_error(page->mapping, err);
	unlock_page(page);
	end_page_writeback(page);
	return err;
}

/*
 * The page for [pos, pos + len), locked, its other bytes read, and the
 * blocks the write covers allocated.  -EFBIG past ext2's largest file.
 */
static int ext2_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, struct page **pagep)
{
	struct inode *inode = mapping->host;
	struct super_block *sb = inode->i_sb;
	unsigned int bits = EXT2_SB(sb)->bits;
	u64 last = (u64)(pos + len - 1) >> bits;
	struct page *page;
	int err = 0;

	if (last >= ext2_max_blocks(sb) || (u64)(pos + len) > (0xffffffffULL << 9))
		return -EFBIG;
	page = find_or_create_page_locked(mapping, pos >> PAGE_SHIFT);
	if (IS_ERR(page))
		return PTR_ERR(page);
	if (!PageUptodate(page) && len != PAGE_SIZE)
		err = read_page_sync(inode, page);	/* before allocating: new blocks hold junk */
	if (!err) {
		ext2_lock(sb);
		for (u64 b = (u64)pos >> bits; b <= last && !err; b++) {
			u32 blk;

			err = ext2_get_block(inode, b, true, &blk);
		}
		ext2_unlock(sb);
	}
	if (err) {
		unlock_page(page);
		put_page(page);
		return err;
	}
	*pagep = page;
	return 0;
}

static int ext2_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned int len, unsigned int copied, struct page *page)
{
	struct inode *inode = mapping->host;

	copied = simple_write_end(file, mapping, pos, len, copied, page);
	if (copied < len && pos + len > inode->i_size) {
		/* A short copy: blocks allocated past the new end go again. */
		ext2_lock(inode->i_sb);
		ext2_truncate_blocks(inode, inode->i_size);
		ext2_unlock(inode->i_sb);
	}
	return copied;
}

/*
 * swapon: page @index of the file as one run of blocks, page-aligned on
 * the disk (a 1 KiB-block file needs four adjacent, aligned blocks).
 */
static int ext2_swap_map_block(struct inode *inode, pgoff_t index, sector_t *sector,
			       struct block_device **bdev)
{
	struct super_block *sb = inode->i_sb;
	unsigned int bits = EXT2_SB(sb)->bits, per_page = 1U << (PAGE_SHIFT - bits);
	u64 first = (u64)index << (PAGE_SHIFT - bits);
	u32 start = 0;
	int err = 0;

	ext2_lock(sb);
	for (unsigned int i = 0; i < per_page && !err; i++) {
		u32 blk;

		err = ext2_get_block(inode, first + i, false, &blk);
		if (!err && !blk)
			err = -ENODATA;
		else if (!err && !i)
			start = blk;
		else if (!err && blk != start + i)
			err = -EINVAL;
	}
	ext2_unlock(sb);
	if (err)
		return err;
	if (start & (per_page - 1))
		return -EINVAL;
	*sector = (sector_t)start << (bits - SECTOR_SHIFT);
	*bdev = EXT2_SB(sb)->bdev;
	return 0;
}

const struct address_space_operations ext2_aops = {
	.swap_map_block = ext2_swap_map_block,
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.writepages = plugged_writepages,	/* fs/block_dev.c */
	.write_begin = ext2_write_begin,
	.write_end = ext2_write_end,
};

/*
 * fsync: the data's writes are started, then the inode and the metadata
 * blocks of the whole instance (bitmaps, indirect blocks: ext2 keeps no
 * per-file list of them) are written and waited for, then the data is
 * waited for: both in flight at once, so one wait for the disk, not two
 * (an msync per page is one data page and one inode block).  With
 * @datasync (fdatasync, msync) and nothing but the inode's times
 * changed, and no other metadata waiting, only the data goes, as Linux's
 * fdatasync: the times follow at the next sync.  Writepage
 * allocates a hole's blocks before it returns, so the metadata written
 * covers them.  The file's unseen writeback error first.
 */
static int ext2_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file->f_inode;
	struct address_space *mapping = inode->i_mapping;
	struct super_block *sb = inode->i_sb;
	int err = 0, err2, err3;

	if (mapping_can_writeback(mapping))
		err = filemap_fdatawrite_range(mapping, start, end);
	ext2_lock(sb);
	/* fdatasync (msync): new times alone need not reach the disk now */
	if (datasync && !EXT2_SB(sb)->nr_dirty && !ext2_inode_data_dirty(inode))
		err2 = 0;
	else if (!(err2 = ext2_write_inode(inode)))
		err2 = ext2_write_meta(sb);
	ext2_unlock(sb);
	if (mapping_can_writeback(mapping))
		filemap_fdatawait_range(mapping, start, end);	/* its error: in the errseq too */
	err3 = file_check_and_advance_wb_err(file);
	return err ? err : err3 ? err3 : err2;
}

/* generic_file_llseek, with SEEK_DATA/SEEK_HOLE's simple form: all data. */
const struct file_operations ext2_file_ops = {
	.read = ext2_file_read,
	.write = generic_file_write,
	.llseek = generic_file_llseek,
	.mmap = generic_file_mmap,
	.fsync = ext2_fsync,
};

static int ext2_dir_open(struct inode *inode, struct file *f)
{
	int err;

	ext2_lock(inode->i_sb);
	err = ext2_populate(inode, f->f_path.dentry, NULL);
	ext2_unlock(inode->i_sb);
	return err ? err : dcache_dir_open(inode, f);
}

static int ext2_dir_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct super_block *sb = file->f_inode->i_sb;
	int err;

	ext2_lock(sb);
	err = ext2_write_inode(file->f_inode);
	if (!err)
		err = ext2_write_meta(sb);
	ext2_unlock(sb);
	return err;
}

const struct file_operations ext2_dir_ops = {
	.open = ext2_dir_open,
	.release = dcache_dir_close,
	.llseek = dcache_dir_lseek,
	.fsync = ext2_dir_fsync,
};
