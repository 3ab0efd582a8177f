/*
 * ext2 read(2) with readahead.  Before generic_file_read copies from
 * the page cache, the pages of the request and the EXT2_RA_PAGES after
 * it that are not cached yet get their reads started, all under one
 * plug: a sequential reader finds its pages read in large requests (up
 * to the queue's 128 KiB) that were sent while it copied the previous
 * ones, instead of one 4 KiB request per page, each waited for.
 * A page being read is locked; generic_file_read (read_mapping_page)
 * waits for its lock and sees it uptodate, or not after an I/O error
 * (EIO).  Linux keeps a per-file window that grows and shrinks
 * (file_ra_state); this fixed window costs a cache lookup per page of
 * it per read, and reads ahead for random readers too (see
 * Documentation/filesystems/ext2.md).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/err.h>
#include <linux-ish/ext2_fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>

#define EXT2_RA_PAGES	32	/* 128 KiB beyond each read, as Linux's read_ahead_kb */
#define EXT2_RA_MAX	256	/* pages started by one read(), at most (1 MiB) */

/* Starts reads of the pages of [first, last] that are not in @mapping's cache. */
static void ext2_readahead(struct inode *inode, pgoff_t first, pgoff_t last)
{
	struct address_space *mapping = inode->i_mapping;
	struct blk_plug plug;

	blk_start_plug(&plug);
	for (pgoff_t index = first; index <= last; index++) {
		struct page *page = find_get_page(mapping, index);

		if (page) {
			put_page(page);
			continue;
		}
		page = find_or_create_page_locked(mapping, index);
		if (IS_ERR(page))
			break;		/* no memory: read() reads page by page */
		if (PageUptodate(page))
			unlock_page(page);
		else
			ext2_readpage_async(inode, page);
		put_page(page);
	}
	blk_finish_plug(&plug);
}

ssize_t ext2_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	loff_t size = inode->i_size, end = *pos + (loff_t)count;

	if (*pos >= 0 && *pos < size && count) {
		pgoff_t first = *pos >> PAGE_SHIFT;
		pgoff_t last = (min(end, size) - 1) >> PAGE_SHIFT;
		pgoff_t eof = (size - 1) >> PAGE_SHIFT;

		last = min(last + EXT2_RA_PAGES, first + EXT2_RA_MAX - 1);
		ext2_readahead(inode, first, min(eof, last));
	}
	return generic_file_read(f, buf, count, pos);
}
