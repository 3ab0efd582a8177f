/*
 * fallocate(2): the VFS's checks (Linux's vfs_fallocate order) and the
 * operation for files whose data is their page cache (tmpfs, memfds and,
 * unlike Linux's ramfs, Linnet's ramfs/rootfs, which stands where Linux
 * would have a tmpfs root).
 *
 *   mode 0                  every page of the range is in the cache
 *                           afterwards (zeroed if new) and the size grows
 *                           to cover it
 *   FALLOC_FL_KEEP_SIZE     the same without the size change
 *   FALLOC_FL_PUNCH_HOLE    with KEEP_SIZE only: the range reads as zeros,
 *                           whole pages leave the cache and every mapping
 *   anything else           EOPNOTSUPP
 *
 * Allocation is all or nothing: the pages are allocated first, the size
 * limit (tmpfs size=, ENOSPC) checked, and only then inserted.  As in
 * Linux's tmpfs, an allocated page is not PG_uptodate until it is
 * written or faulted in: until then SEEK_DATA counts it as a hole.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>

#define FALLOC_FL_SUPPORTED_MASK (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
				  FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
				  FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)

/* Pages of [first, last] missing from the cache. */
static unsigned long missing_pages(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	unsigned long n = 0;

	for (pgoff_t i = first; i <= last; i++) {
		struct page *page = find_get_page(mapping, i);

		if (page)
			put_page(page);
		else
			n++;
	}
	return n;
}

static void free_page_list(struct list_head *pages)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru) {
		list_del(&page->lru);
		put_page(page);
	}
}

/*
 * Fills the holes of [first, last] with zeroed pages.  0, -ENOSPC (the
 * file system's page limit), -ENOMEM or -EFBIG; nothing changes on error.
 * Pages are inserted from the highest index down, so the first insertion
 * grows the cache's index once and no later one can fail.
 */
static int falloc_pages(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	struct super_block *sb = mapping->host->i_sb;
	unsigned long want = missing_pages(mapping, first, last);
	struct page *page;
	LIST_HEAD(pages);
	int err = 0;

	if (sb->s_max_pages && sb->s_nr_pages + want > sb->s_max_pages)
		return -ENOSPC;
	for (unsigned long i = 0; i < want; i++) {
		page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!page) {
			free_page_list(&pages);
			return -ENOMEM;
		}
		list_add(&page->lru, &pages);	/* not uptodate: a hole to SEEK_DATA */
	}
	for (pgoff_t i = last + 1; i-- > first && !list_empty(&pages); ) {
		if ((page = find_get_page(mapping, i))) {
			put_page(page);
			continue;
		}
		page = list_first_entry(&pages, struct page, lru);
		list_del(&page->lru);	/* page->lru becomes the LRU's */
		err = add_to_page_cache(mapping, page, i);
		put_page(page);		/* the cache holds it now, or it is freed */
		if (err)
			break;
	}
	free_page_list(&pages);
	return err;
}

/* ->fallocate of the RAM file systems (the VFS checked mode, range, file). */
long simple_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = f->f_inode;
	long err;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	err = seal_check_fallocate(inode, mode, offset, len);
	if (err)
		return err;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		truncate_pagecache_range(inode, offset, offset + len);
		return 0;
	}
	err = falloc_pages(inode->i_mapping, offset >> PAGE_SHIFT,
			   (offset + len - 1) >> PAGE_SHIFT);
	if (err)
		return err;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && offset + len > inode->i_size)
		inode->i_size = offset + len;
	inode->i_ctime = ktime_get_real_seconds();
	return 0;
}

/* Linux's vfs_fallocate checks, in its order. */
static long vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = f->f_inode;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (IS_SWAPFILE(inode))
		return -ETXTBSY;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -ENODEV;
	if ((u64)offset + (u64)len > MAX_FILE_SIZE)	/* wraps past 2^63 too */
		return -EFBIG;
	if (!f->f_op || !f->f_op->fallocate)
		return -EOPNOTSUPP;
	return f->f_op->fallocate(f, mode, offset, len);
}

/* i386: each 64-bit argument in two registers, low word first. */
SYSCALL_DEFINE6(fallocate, int, fd, int, mode, unsigned long, off_lo, unsigned long, off_hi,
		unsigned long, len_lo, unsigned long, len_hi)
{
	loff_t offset = (loff_t)(((u64)off_hi << 32) | off_lo);
	loff_t len = (loff_t)(((u64)len_hi << 32) | len_lo);
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fallocate(f, mode, offset, len);
	fput(f);
	return err;
}
