/*
 * ext2 metadata through the block device's page cache: "block N of the
 * file system" is bytes [N << bits, (N + 1) << bits) of the device's
 * mapping, read with read_mapping_page (blkdev_readpage).  A change is
 * made in the cached page and recorded per block in sbi->dirty_map
 * (ext2_bdirty); ext2_write_meta() writes exactly the recorded blocks,
 * each a bio from its page, and waits.  The device's pages are never
 * marked PG_dirty by ext2: with 1 KiB blocks a page also holds file
 * data blocks, whose newer bytes live in the files' own caches, and a
 * whole-page write would put stale copies of them on the disk.  So that
 * reclaim (which frees a clean page only the cache references) never
 * drops a change before it is on the disk, each recorded block holds
 * one reference to its page until its record goes (written, forgotten
 * or unmounted).
 *
 * Also here: direct bios between file pages and disk blocks
 * (ext2_data_io) and the error report.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/wait.h>

/* A corrupt on-disk value: one kernel line, the superblock marked with errors. */
void ext2_error(struct super_block *sb, const char *what, unsigned long n)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	pr_err("EXT2-fs error (device %s): %s %lu\n", sbi->bdev->bd_disk->disk_name, what, n);
	if (!(sb->s_flags & SB_RDONLY)) {
		sbi->es->s_state |= EXT2_ERROR_FS;
		ext2_bdirty(sb, sbi->first_data_block);
	}
}

/*
 * The bytes of block @blk in the device's cache, the page referenced in
 * *@pagep (put_page when done).  ERR_PTR(-EIO) for an unreadable one,
 * -EUCLEAN (with a message) for a number outside the file system.
 */
void *ext2_bread(struct super_block *sb, u32 blk, struct page **pagep)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	loff_t pos = (loff_t)blk << sbi->bits;
	struct page *page;

	if (blk >= sbi->blocks_count) {
		ext2_error(sb, "block number out of range:", blk);
		return ERR_PTR(-EUCLEAN);
	}
	page = find_get_page(sbi->bmap, pos >> PAGE_SHIFT);
	if (!page || !PageUptodate(page)) {
		/*
		 * A read we wait for must not sit in our plug (readahead's,
		 * writepages'): send what the plug holds, read unplugged.
		 */
		struct blk_plug *plug = current->plug;

		if (page)
			put_page(page);
		blk_flush_plug();
		current->plug = NULL;
		page = read_mapping_page(sbi->bmap, pos >> PAGE_SHIFT, NULL);
		current->plug = plug;
	}
	if (IS_ERR(page))
		return ERR_CAST(page);
	*pagep = page;
	return (char *)page_address(page) + (pos & ~PAGE_MASK);
}

/* A newly allocated metadata block: zeroed in the cache and dirty. */
void *ext2_bzero(struct super_block *sb, u32 blk, struct page **pagep)
{
	void *p;

	ext2_bfresh(sb, blk);		/* a whole page: made, not read */
	p = ext2_bread(sb, blk, pagep);

	if (!IS_ERR(p)) {
		memset(p, 0, EXT2_SB(sb)->blocksize);
		ext2_bdirty(sb, blk);
	}
	return p;
}

/*
 * Block @blk (a whole page: blocksize == PAGE_SIZE) holds nothing anyone
 * will read (an inode table block whose inodes are all free): if it is
 * not cached, it is made in the cache as zeros instead of being read,
 * as Linux's ext4 does for a new inode's table block.  A hint only: on
 * failure the block is read when first used.
 */
void ext2_bfresh(struct super_block *sb, u32 blk)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	pgoff_t index = ((loff_t)blk << sbi->bits) >> PAGE_SHIFT;
	struct page *page;

	if (sbi->blocksize != PAGE_SIZE || blk >= sbi->blocks_count)
		return;
	page = find_get_page(sbi->bmap, index);
	if (!page) {
		page = find_or_create_page_locked(sbi->bmap, index);
		if (IS_ERR(page))
			return;
		if (!PageUptodate(page)) {
			memset(page_address(page), 0, PAGE_SIZE);
			SetPageUptodate(page);
			ext2_bdirty(sb, blk);
		}
		unlock_page(page);
	}
	put_page(page);
}

/* Records that block @blk changed in the cache.  Never fails: see dirty_map. */
void ext2_bdirty(struct super_block *sb, u32 blk)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g = blk / sbi->blocks_per_group, bit = blk % sbi->blocks_per_group;

	if (!sbi->dirty_map[g]) {
		/* Made at mount for every group, so this is only a fallback. */
		sbi->dirty_map[g] = kzalloc(sbi->blocks_per_group / 8 + 1, GFP_KERNEL);
		if (!sbi->dirty_map[g]) {
			ext2_error(sb, "no memory to track dirty block", blk);
			return;
		}
	}
	if (!ext2_test_bit(sbi->dirty_map[g], bit)) {
		/* The record's reference: the caller has just changed the page, so it is cached. */
		if (!find_get_page(sbi->bmap, ((loff_t)blk << sbi->bits) >> PAGE_SHIFT)) {
			pr_err("EXT2-fs (%s): dirty block %u not in the cache\n",
			       sbi->bdev->bd_disk->disk_name, blk);
			return;
		}
		ext2_set_bit(sbi->dirty_map[g], bit);
		sbi->nr_dirty++;
	}
}

/* Drops the reference the record of block @blk held (its bit just cleared). */
static void ext2_bunpin(struct ext2_sb_info *sbi, u32 blk)
{
	struct page *page = find_get_page(sbi->bmap, ((loff_t)blk << sbi->bits) >> PAGE_SHIFT);

	if (page) {
		put_page(page);		/* the lookup's */
		put_page(page);		/* the record's: the cache still holds one */
	}
}

/* Clears every record of group @g, dropping their references. */
static void ext2_clear_group(struct ext2_sb_info *sbi, u32 g)
{
	u8 *map = sbi->dirty_map[g];

	for (u32 bit = 0; bit < sbi->blocks_per_group && sbi->nr_dirty; bit++) {
		if (!map[bit >> 3]) {		/* eight clean blocks */
			bit |= 7;
			continue;
		}
		if (ext2_test_bit(map, bit)) {
			ext2_clear_bit(map, bit);
			sbi->nr_dirty--;
			ext2_bunpin(sbi, g * sbi->blocks_per_group + bit);
		}
	}
}

/* A freed block's pending metadata write is dropped: it may hold file data next. */
void ext2_bforget(struct super_block *sb, u32 blk)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 g = blk / sbi->blocks_per_group, bit = blk % sbi->blocks_per_group;

	if (sbi->dirty_map[g] && ext2_test_bit(sbi->dirty_map[g], bit)) {
		ext2_clear_bit(sbi->dirty_map[g], bit);
		sbi->nr_dirty--;
		ext2_bunpin(sbi, blk);
	}
}

void ext2_free_dirty_map(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sbi->dirty_map)
		return;
	for (u32 g = 0; g < ext2_dirty_groups(sbi); g++) {
		if (sbi->dirty_map[g])
			ext2_clear_group(sbi, g);	/* never written (I/O error): unpinned */
		kfree(sbi->dirty_map[g]);
	}
	kfree(sbi->dirty_map);
	sbi->dirty_map = NULL;
}

/* A batch of bios in flight and the first error among them. */
struct ext2_io {
	struct wait_queue_head wq;
	atomic_t pending;
	int err;
};

static void ext2_io_end(struct bio *bio)
{
	struct ext2_io *io = bio->bi_private;

	if (bio->bi_status && !io->err)
		io->err = blk_status_to_errno(bio->bi_status);
	bio_put(bio);
	if (atomic_dec_and_test(&io->pending))
		wake_up(&io->wq);
}

static int ext2_io_submit(struct super_block *sb, struct ext2_io *io, unsigned int op,
			  struct page *page, unsigned int off, u32 blk, unsigned int len)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct bio *bio = bio_alloc(sbi->bdev, 1, op, GFP_KERNEL);

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = (sector_t)blk << (sbi->bits - SECTOR_SHIFT);
	bio->bi_private = io;
	bio->bi_end_io = ext2_io_end;
	bio_add_page(bio, page, len, off);
	atomic_inc(&io->pending);
	submit_bio(bio);
	return 0;
}

static int ext2_io_wait(struct ext2_io *io)
{
	blk_flush_plug();
	if (atomic_dec_and_test(&io->pending))	/* the submitter's own count */
		return io->err;
	wait_event(io->wq, atomic_read(&io->pending) == 0);
	return io->err;
}

static void ext2_io_init(struct ext2_io *io)
{
	init_waitqueue_head(&io->wq);
	atomic_set(&io->pending, 1);
	io->err = 0;
}

/*
 * Reads or writes (@op) @nblocks contiguous disk blocks from @blk to or
 * from @page at @off, and waits.  0 or -EIO/-ENOMEM.
 */
int ext2_data_io(struct super_block *sb, unsigned int op, struct page *page,
		 unsigned int off, u32 blk, unsigned int nblocks)
{
	struct ext2_io io;
	int err, werr;

	ext2_io_init(&io);
	/* cppcheck-suppress autoVariables ; every bio ends before ext2_io_wait returns */
	err = ext2_io_submit(sb, &io, op, page, off, blk, nblocks << EXT2_SB(sb)->bits);
	werr = ext2_io_wait(&io);
	return werr ? werr : err;
}

/*
 * Starts one bio for the whole of @page from @nblocks contiguous disk
 * blocks at @blk (a page's worth); @end_io runs when it is done (any
 * context) with bi_private = @page.  Nothing waits: under a plug,
 * neighbouring pages' bios merge into one request.  0 or -ENOMEM.
 */
int ext2_data_submit(struct super_block *sb, unsigned int op, struct page *page, u32 blk,
		     bio_end_io_t *end_io)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct bio *bio = bio_alloc(sbi->bdev, 1, op, GFP_KERNEL);

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = (sector_t)blk << (sbi->bits - SECTOR_SHIFT);
	bio->bi_private = page;
	bio->bi_end_io = end_io;
	bio_add_page(bio, page, PAGE_SIZE, 0);
	submit_bio(bio);
	return 0;
}

/*
 * Writes every recorded metadata block and waits: one bio each, under a
 * plug so that neighbours merge.  The records are cleared once all of
 * them are on the disk; after a failure (the result, -EIO) they all stay
 * recorded and the next sync writes them again.  Caller holds ext2_lock,
 * so nothing is recorded meanwhile.
 */
int ext2_write_meta(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct blk_plug plug;
	struct ext2_io io;
	int err = 0, werr;

	ext2_io_init(&io);
	blk_start_plug(&plug);
	for (u32 g = 0; g < ext2_dirty_groups(sbi) && sbi->nr_dirty; g++) {
		u8 *map = sbi->dirty_map[g];

		if (!map)
			continue;
		for (u32 bit = 0; bit < sbi->blocks_per_group; bit++) {
			if (!map[bit >> 3]) {		/* eight clean blocks */
				bit |= 7;
				continue;
			}
			u32 blk = g * sbi->blocks_per_group + bit;
			loff_t pos = (loff_t)blk << sbi->bits;
			struct page *page;

			if (!ext2_test_bit(map, bit))
				continue;
			page = find_get_page(sbi->bmap, pos >> PAGE_SHIFT);
			if (!page) {		/* cannot happen: each record holds its page */
				err = -EIO;
				continue;
			}
			/* cppcheck-suppress autoVariables ; waited for below */
			if (!err)
				err = ext2_io_submit(sb, &io, REQ_OP_WRITE, page, pos & ~PAGE_MASK, blk,
						     sbi->blocksize);
			put_page(page);	/* the cache keeps it; the bio ends before umount drops it */
		}
	}
	blk_finish_plug(&plug);
	werr = ext2_io_wait(&io);
	if (werr || err)
		return werr ? werr : err;
	for (u32 g = 0; g < ext2_dirty_groups(sbi) && sbi->nr_dirty; g++)
		if (sbi->dirty_map[g])
			ext2_clear_group(sbi, g);
	return 0;
}

/* Group @group's descriptor in its cached block (*blkp: that block). */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, u32 group,
					    struct page **pagep, u32 *blkp)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 blk = sbi->first_data_block + 1 + group / sbi->desc_per_block;
	struct ext2_group_desc *gd = ext2_bread(sb, blk, pagep);

	if (IS_ERR(gd))
		return gd;
	*blkp = blk;
	return gd + group % sbi->desc_per_block;
}
