/*
 * The page cache's protocols (Documentation/mm/page-cache.md): the index
 * of an address_space, the operations a file system gives its mappings,
 * the page states (locked, uptodate, dirty, writeback, error) and the
 * writeback calls that fsync, msync, sync and (issue 14) reclaim use.
 *
 * Page states, all PG_* bits of struct page (mm.h):
 *   PG_locked     one owner does I/O or changes the page's identity;
 *                 lock_page() sleeps, unlock_page() wakes (hashed wait
 *                 queues: no field in struct page)
 *   PG_uptodate   the page holds the file's data; set once, by readpage's
 *                 completion or by a write that covered it
 *   PG_dirty      newer than the backing store; the index's DIRTY tag
 *                 mirrors it for mappings that write back
 *   PG_writeback  on its way to the store; the WRITEBACK tag mirrors it
 *   PG_error      the last read of the page failed
 */
#ifndef _LINUX_ISH_PAGEMAP_H
#define _LINUX_ISH_PAGEMAP_H

#include <linux-ish/blk_types.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* start what can start, skip locked/writeback pages */
	WB_SYNC_ALL,	/* integrity: wait for pages under writeback, write all */
};

/* What one writeback pass is asked to do (do_writepages). */
struct writeback_control {
	long nr_to_write;		/* pages still to write; each writepage -1 */
	long pages_skipped;		/* dirty pages left dirty (redirtied) */
	loff_t range_start;		/* bytes, both ends inclusive */
	loff_t range_end;
	enum writeback_sync_modes sync_mode;
	unsigned int for_reclaim:1;	/* pageout() of issue 14 */
};

/*
 * A file system's page-cache operations.  A NULL a_ops, or one without
 * writepage, is a RAM file system: its pages are never written back and
 * never counted dirty, and its shared mappings are not write-protected.
 */
struct address_space_operations {
	/*
	 * Page locked, !uptodate, in the cache, referenced by the caller.
	 * Starts the read; its completion (maybe later, from an interrupt)
	 * sets PG_uptodate, or PG_error, and unlocks the page.  0, or
	 * -errno if it could not even start (the page is unlocked then too).
	 */
	int (*readpage)(struct file *file, struct page *page);
	/*
	 * Page locked, its dirty bit cleared by clear_page_dirty_for_io().
	 * Calls set_page_writeback(), unlocks the page and starts the write;
	 * the completion calls end_page_writeback(), and on failure
	 * mapping_set_error().  A page it cannot write now it redirties
	 * (redirty_page_for_writepage) and unlocks.  0 or -errno.
	 */
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	/* Optional: a whole pass; NULL means write_cache_pages + writepage. */
	int (*writepages)(struct address_space *mapping, struct writeback_control *wbc);
	/*
	 * generic_perform_write's pair.  write_begin returns in *pagep the
	 * page for [pos, pos + len) (len within one page), locked and
	 * referenced, readable where the copy will not cover it (a fs
	 * allocates blocks here); write_end takes the @copied bytes (maybe
	 * fewer than @len after a fault), dirties the page, moves i_size,
	 * unlocks and drops the page, and returns the bytes taken (or -errno).
	 * simple_write_begin/simple_write_end serve RAM file systems.
	 */
	int (*write_begin)(struct file *file, struct address_space *mapping, loff_t pos,
			   unsigned int len, struct page **pagep);
	int (*write_end)(struct file *file, struct address_space *mapping, loff_t pos,
			 unsigned int len, unsigned int copied, struct page *page);
	/* Optional: marks the page dirty; true if it was clean.  NULL: __set_page_dirty_nobuffers. */
	bool (*dirty_folio)(struct address_space *mapping, struct page *page);
	/*
	 * Optional, swapon of a file (mm/page_io.c): the disk sector and
	 * device of the file's page @index, which must be one page-aligned
	 * run of blocks.  0, -ENODATA (a hole), -EINVAL (not contiguous).
	 */
	int (*swap_map_block)(struct inode *inode, pgoff_t index, sector_t *sector,
			      struct block_device **bdev);
};

/* mapping->flags bits (atomic bitops) */
#define AS_EIO		0	/* a writeback failed with EIO since the last check */
#define AS_ENOSPC	1	/* ... with ENOSPC */

/* Does this mapping write back (count dirt, tag, write-protect mappings)? */
static inline bool mapping_can_writeback(const struct address_space *mapping)
{
	return mapping && mapping->a_ops && mapping->a_ops->writepage;
}

/*
 * Records a writeback error: in the errseq (every open file sees it once
 * at its next fsync) and in AS_EIO/AS_ENOSPC (filemap_check_errors).
 */
void mapping_set_error(struct address_space *mapping, int error);
/* Tests and clears AS_EIO/AS_ENOSPC: 0, -EIO or -ENOSPC. */
int filemap_check_errors(struct address_space *mapping);
/* fsync's error report: the error the file has not seen yet, then 0. */
int file_check_and_advance_wb_err(struct file *file);
/* The errseq value a new open file starts from (fs/open.c calls it). */
errseq_t filemap_sample_wb_err(struct address_space *mapping);

/* ---- page lock and writeback state (mm/page_wait.c) ---- */
void lock_page(struct page *page);
bool trylock_page(struct page *page);
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);
/* lock_page that a fatal signal ends: 0 or -EINTR. */
int lock_page_killable(struct page *page);
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void wait_on_page_writeback(struct page *page);

/* ---- dirty state (mm/page-writeback.c) ---- */
bool __set_page_dirty(struct page *page);
/*
 * Dirties a page (any mapping); true if it was clean.  Tags and counts if
 * it writes back.  Inline for RAM files and anonymous pages (the bit
 * alone, as the fault paths always cost).
 */
static inline bool set_page_dirty(struct page *page)
{
	const struct address_space *mapping = page->mapping;

	if (!mapping || !mapping->a_ops || PageAnon(page))
		return !PageDirty(page) && !TestSetPageDirty(page);
	return __set_page_dirty(page);
}
bool __set_page_dirty_nobuffers(struct address_space *mapping, struct page *page);
/* Page locked: clears PG_dirty (and the tag, the count) and write-protects its PTEs.  Was it dirty? */
bool clear_page_dirty_for_io(struct page *page);
/* writepage could not write the page now: dirty again, counted as skipped. */
void redirty_page_for_writepage(struct writeback_control *wbc, struct page *page);
/* Write-protects and cleans every PTE of every shared mapping of @page.  Was one dirty? */
bool page_mkclean(struct page *page);

/* ---- the index and lookups (mm/filemap.c) ---- */
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
/* As find_get_page, and locked (it is still in @mapping when returned). */
struct page *find_lock_page(struct address_space *mapping, pgoff_t index);
/*
 * The page at @index, created if missing: for a RAM mapping zeroed and
 * uptodate; for one with readpage a new page is !uptodate (the caller
 * reads it).  Referenced, or ERR_PTR(-ENOMEM, -ENOSPC, -EFBIG).
 */
struct page *find_or_create_page(struct address_space *mapping, pgoff_t index);
/* As find_or_create_page, locked. */
struct page *find_or_create_page_locked(struct address_space *mapping, pgoff_t index);
/* Inserts @page (the cache takes a reference).  0, -EEXIST, -ENOMEM, -ENOSPC, -EFBIG. */
int add_to_page_cache(struct address_space *mapping, struct page *page, pgoff_t index);
/* Removes a locked page from its mapping (drops the cache's reference). */
void delete_from_page_cache(struct page *page);
/* Page locked, one reference of the caller's: out of the cache if clean, unmapped, unused. */
bool remove_clean_page(struct address_space *mapping, struct page *page);
/*
 * Up to @nr pages from index *@start on (tagged with @tag if @tag >= 0:
 * PAGECACHE_TAG_*), referenced; *@start moves past the last one.
 */
#define PAGECACHE_TAG_DIRTY	0
#define PAGECACHE_TAG_WRITEBACK	1
unsigned int find_get_pages_tag(struct address_space *mapping, pgoff_t *start, pgoff_t end,
				int tag, unsigned int nr, struct page **pages);
bool mapping_tagged(struct address_space *mapping, int tag);
/* The uptodate page at @index, read through a_ops->readpage if needed; ERR_PTR(-EIO...). */
struct page *read_mapping_page(struct address_space *mapping, pgoff_t index, struct file *file);
struct page *filemap_read_page(struct file *f, struct address_space *mapping, pgoff_t index);

/* ---- generic file paths ---- */
/* Through write_begin/write_end, from kernel @kbuf if not NULL, else user @ubuf; @file may be NULL. */
ssize_t generic_perform_write(struct file *file, struct address_space *mapping,
			      const char __user *ubuf, const void *kbuf, size_t count, loff_t pos);
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, struct page **pagep);
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page);

/* ---- writeback (mm/page-writeback.c, mm/filemap.c) ---- */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc);
int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end);
/* As filemap_fdatawrite_range, in @mode (WB_SYNC_NONE: start what can start). */
int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       enum writeback_sync_modes mode);
/* Waits for [start, end] of @mapping; then @file's unseen writeback error (errseq), once. */
int file_fdatawait_range(struct file *file, struct address_space *mapping, loff_t start, loff_t end);
int filemap_fdatawrite(struct address_space *mapping);
int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_write_and_wait(struct address_space *mapping);
/* fsync of a page-cache file: write and wait, then the file's unseen error. */
int file_write_and_wait_range(struct file *file, loff_t start, loff_t end);
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync);
/* fs/sync.c: fsync(2)/fdatasync(2)/msync(MS_SYNC)'s common path. */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);
/* sync(2) (@sb NULL) and syncfs(2): write and wait for every dirty mapping.  0 or first error. */
int sync_mappings(struct super_block *sb);
/* The last page index of a byte range ending at @end (inclusive), capped to pgoff_t. */
pgoff_t range_last_index(loff_t end);
/* mm/page_wait.c: boot-time setup of the page wait queues. */
void page_wait_table_init(void);

#endif
