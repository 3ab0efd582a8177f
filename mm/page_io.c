/*
 * Swap I/O: a slot is one page on the area's block device, at sector
 * 8 * offset of a swap partition, or where the file's block map put it
 * for a swap file (si->slot_sector[], made at swapon).  Reads are
 * asynchronous (the completion marks the page uptodate and unlocks it,
 * so readahead's pages go in one plug); reclaim's writes are
 * asynchronous too (swap_writepage_async, PG_writeback until the
 * completion), MADV_PAGEOUT's wait (swap_writepage).  The bios come
 * from kmalloc with __GFP_NOFAIL: fault injection never makes a swap-in
 * fail for want of a bio (Linux has a mempool there).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>

static sector_t slot_sector(const struct swap_info_struct *si, unsigned long offset)
{
	if (si->slot_sector)
		return si->slot_sector[offset];
	return (sector_t)offset << (PAGE_SHIFT - SECTOR_SHIFT);
}

static struct bio *swap_bio(struct swap_info_struct *si, unsigned long offset,
			    struct page *page, unsigned int op)
{
	struct bio *bio;

	if (!si->bdev)			/* a ktest's area in memory only */
		return NULL;
	bio = bio_alloc(si->bdev, 1, op, GFP_KERNEL | __GFP_NOFAIL);
	if (!bio)
		return NULL;
	bio->bi_sector = slot_sector(si, offset);
	bio_add_page(bio, page, PAGE_SIZE, 0);
	return bio;
}

/* Read completion (any context): uptodate if it worked; the page unlocks either way. */
static void swap_end_read(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (!bio->bi_status)
		SetPageUptodate(page);
	else
		pr_err("Read-error on swap-device (entry %08lx)\n", page->private);
	unlock_page(page);
	bio_put(bio);
}

/* Starts the read of @page (locked, in the swap cache).  0, or -errno with nothing started. */
int swap_readpage(struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	struct bio *bio = si ? swap_bio(si, swp_offset(entry), page, REQ_OP_READ) : NULL;

	if (!bio)
		return -EIO;
	bio->bi_end_io = swap_end_read;
	pswpin++;
	submit_bio(bio);
	return 0;
}

/* Writes @page (locked, in the swap cache) to its slot and waits.  0 or -errno. */
int swap_writepage(struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	struct bio *bio = si ? swap_bio(si, swp_offset(entry), page, REQ_OP_WRITE) : NULL;
	int err;

	if (!bio)
		return -EIO;
	err = submit_bio_wait(bio);
	bio_put(bio);
	if (err)
		pr_err("Write-error on swap-device (entry %08lx)\n", entry.val);
	else
		pswpout++;
	return err;
}

/*
 * Write completion (any context): the slot holds the data, or the page
 * is dirty again (it is never dropped then); PG_writeback goes, and the
 * page moves to the tail of its inactive list so that the next reclaim
 * pass frees it (Linux's PG_reclaim rotation).  The bio's page reference
 * goes last.
 */
static void swap_end_write(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (bio->bi_status) {
		SetPageDirty(page);
		pr_err("Write-error on swap-device (entry %08lx)\n", page->private);
	} else {
		pswpout++;
	}
	end_page_writeback(page);
	rotate_reclaimable_page(page);
	bio_put(bio);
	put_page(page);
}

/*
 * Reclaim's write: starts the write of @page (locked, dirty, in the swap
 * cache) to its slot without waiting.  On success the page is clean,
 * PG_writeback and unlocked (the completion above ends it); under the
 * caller's plug, writes of neighbouring slots become one request.
 * -EIO if nothing could start (the page is still locked and dirty).
 */
int swap_writepage_async(struct page *page)
{
	swp_entry_t entry = { page->private };
	struct swap_info_struct *si = swp_swap_info(entry);
	struct bio *bio = si ? swap_bio(si, swp_offset(entry), page, REQ_OP_WRITE) : NULL;

	if (!bio)
		return -EIO;
	get_page(page);			/* the bio's, until its completion */
	bio->bi_end_io = swap_end_write;
	ClearPageDirty(page);
	set_page_writeback(page);
	unlock_page(page);
	submit_bio(bio);
	return 0;
}

/* Reads the area's page 0 into @page: the device's, or the file's through its page cache. */
int swap_read_header(struct swap_info_struct *si, struct page *page)
{
	loff_t pos = 0;
	ssize_t n;

	if (si->flags & SWP_BLKDEV) {
		struct bio *bio = swap_bio(si, 0, page, REQ_OP_READ);
		int err;

		if (!bio)
			return -ENOMEM;
		err = submit_bio_wait(bio);
		bio_put(bio);
		return err;
	}
	n = kernel_read(si->swap_file, page_address(page), PAGE_SIZE, &pos);
	if (n < 0)
		return n;
	if (n < PAGE_SIZE)
		return -EINVAL;
	return 0;
}

/*
 * A regular file as a swap area: each page of it must be one run of
 * disk blocks, page-aligned on the disk, none a hole (Linux's
 * generic_swapfile_activate refuses holes with EINVAL).  Builds
 * si->slot_sector[] and sets si->bdev.  0, -EINVAL, -ENOMEM.
 */
int swapfile_activate(struct swap_info_struct *si, unsigned long *size_pages)
{
	struct inode *inode = si->swap_file->f_inode;
	struct address_space *mapping = inode->i_mapping;
	unsigned long pages = inode->i_size >> PAGE_SHIFT;

	if (!mapping->a_ops || !mapping->a_ops->swap_map_block || !pages) {
		pr_warn("swapon: file system does not support swap files\n");
		return -EINVAL;
	}
	si->slot_sector = kmalloc(pages * sizeof(sector_t), GFP_KERNEL | __GFP_NOWARN);
	if (!si->slot_sector)
		return -ENOMEM;
	for (unsigned long i = 0; i < pages; i++) {
		int err = mapping->a_ops->swap_map_block(inode, i, &si->slot_sector[i], &si->bdev);

		if (err) {
			if (err == -ENODATA)
				pr_warn("swapon: swapfile has holes\n");
			return -EINVAL;
		}
	}
	*size_pages = pages;
	return 0;
}
