/*
 * Writeback of dirty inodes (Documentation/mm/writeback.md): the
 * dirty-inode list in the order the inodes were dirtied, the flusher
 * thread ("writeback") that writes old and excess dirt, dirty throttling
 * of writers, and the integrity calls behind sync(2), syncfs(2), fsync(2)
 * and umount.  Page-level writeback (writepage, write_cache_pages) is in
 * linux-ish/pagemap.h.
 *
 * A file system with a disk calls:
 *   mark_inode_dirty(inode)       its metadata changed (size, blocks, times
 *                                 that fdatasync must keep: I_DIRTY_DATASYNC)
 *   mark_inode_dirty_sync(inode)  only times changed (fdatasync skips it)
 * and gives super_operations ->write_inode (and ->sync_fs), sb->s_bdev.
 * Dirty pages mark their inode I_DIRTY_PAGES by themselves (set_page_dirty).
 */
#ifndef _LINUX_ISH_WRITEBACK_H
#define _LINUX_ISH_WRITEBACK_H

#include <linux-ish/fs.h>
#include <linux-ish/pagemap.h>

/* inode->i_state bits, under wb_lock (fs/fs-writeback.c) */
#define I_DIRTY_SYNC		0x1	/* metadata fsync must write (times too) */
#define I_DIRTY_DATASYNC	0x2	/* metadata fdatasync must write (size, blocks) */
#define I_DIRTY_PAGES		0x4	/* its mapping has DIRTY-tagged pages */
#define I_SYNC			0x8	/* a writeback of it is running */
#define I_FREEING		0x10	/* being evicted: never listed again */
#define I_DIRTY_INODE		(I_DIRTY_SYNC | I_DIRTY_DATASYNC)
#define I_DIRTY			(I_DIRTY_INODE | I_DIRTY_PAGES)

/* The dirty tunables (/proc/sys/vm, mm/page-writeback.c), Linux's defaults. */
extern int vm_dirty_ratio;			/* 20 % */
extern unsigned long vm_dirty_bytes;		/* 0: use the ratio */
extern int dirty_background_ratio;		/* 10 % */
extern unsigned long dirty_background_bytes;	/* 0: use the ratio */
extern int dirty_writeback_interval;		/* centisecs, 500; 0: no periodic pass */
extern int dirty_expire_interval;		/* centisecs, 3000 */

struct ctl_table;
int dirty_ratio_store(const struct ctl_table *t, const char *buf);
int dirty_bytes_store(const struct ctl_table *t, const char *buf);
int dirty_background_ratio_store(const struct ctl_table *t, const char *buf);
int dirty_background_bytes_store(const struct ctl_table *t, const char *buf);
int dirty_writeback_store(const struct ctl_table *t, const char *buf);

/* ---- the dirty-inode list (fs/fs-writeback.c) ---- */

/* new_inode(): not dirty, on no list. */
static inline void inode_wb_init(struct inode *inode)
{
	inode->i_state = 0;
	inode->dirtied_when = 0;
	INIT_LIST_HEAD(&inode->i_io_list);
	inode->i_wb_seq = 0;
}

/*
 * Adds @flags (I_DIRTY_*) to the inode's dirt; a clean inode goes to the
 * tail of the dirty list with dirtied_when = now.  Any context (takes
 * wb_lock IRQ-safe); an inode being evicted is left alone.
 */
void __mark_inode_dirty(struct inode *inode, unsigned int flags);

static inline void mark_inode_dirty(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY_INODE);
}

static inline void mark_inode_dirty_sync(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY_SYNC);
}

/*
 * One inode: its dirty pages (do_writepages with @wbc), then, if its
 * metadata is dirty, ->write_inode.  WB_SYNC_ALL waits for the pages and
 * for a writeback of it already running.  The caller holds a reference.
 * 0 or the first error.
 */
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc);
/* writeback_single_inode of everything, waiting if @sync. */
int write_inode_now(struct inode *inode, int sync);
/* fsync's metadata step: ->write_inode(WB_SYNC_ALL) if @datasync's kind of metadata is dirty. */
int sync_inode_metadata(struct inode *inode, int datasync);

/*
 * The last iput of an inode that stays on the disk: writes it back
 * (data and metadata, waiting) and takes it off the list for good.  An
 * unlinked one (i_nlink 0) is only taken off: its data is gone.
 */
void inode_writeback_evict(struct inode *inode);

/*
 * Integrity writeback of @sb (syncfs, umount): every dirty inode, waiting,
 * then ->sync_fs, then the cache of sb->s_bdev.  0 or the first error.
 */
int sync_filesystem(struct super_block *sb);
/* sync(2): every file system, then every block device's cache. */
void ksys_sync(void);
/* The block device's own cache (its metadata for a file system): write and wait. */
int sync_blockdev(struct block_device *bdev);
/* fs/super.c: @fn on every live instance, referenced meanwhile. */
void iterate_supers(void (*fn)(struct super_block *sb, void *arg), void *arg);

/* Starts the flusher now (background writeback: over the background limit). */
void wakeup_flusher_threads(void);
/* Reclaim met dirty pages it leaves to the flusher: a round over all dirty inodes. */
void wakeup_flusher_threads_reclaim(void);
/* dirty_writeback_centisecs changed: the flusher computes its next wake-up again. */
void flusher_interval_changed(void);
/* Boot: starts the "writeback" kernel thread. */
void writeback_init(void);

/* ---- dirty limits and throttling (mm/page-writeback.c) ---- */

/* Pages: the background and the throttling thresholds now. */
void global_dirty_limits(unsigned long *background, unsigned long *dirty);
/* Dirty + under writeback, in pages: what the limits are compared with. */
unsigned long global_dirty_pages(void);
/*
 * After a writer dirtied pages of @mapping (write(2), a shared write
 * fault): over the background limit wakes the flusher; over the dirty
 * limit makes the caller write @mapping's pages itself and wait until the
 * dirt falls below it (a fatal signal ends the wait).  May sleep.
 */
void __balance_dirty_pages(struct address_space *mapping);
static inline void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	if (mapping_can_writeback(mapping))	/* RAM files pay only this test */
		__balance_dirty_pages(mapping);
}
/*
 * A shared write fault dirtied a page of @mapping (@vma's file), mmap_lock
 * held: throttled now, or -- in the page-fault handler -- once the lock
 * is dropped, by balance_dirty_pages_after_fault() (when
 * current->fault_dirty_file is set; it is NULL outside that window).
 */
void __fault_dirty_shared_page(struct vm_area_struct *vma, struct address_space *mapping);
static inline void fault_dirty_shared_page(struct vm_area_struct *vma,
					   struct address_space *mapping)
{
	if (mapping_can_writeback(mapping))	/* RAM files pay only this test */
		__fault_dirty_shared_page(vma, mapping);
}
void balance_dirty_pages_after_fault(void);

/* fs/sync.c: sync_file_range(2) on an open file, range already checked. */
int sync_file_range_flags(struct file *file, loff_t offset, loff_t endbyte, unsigned int flags);

#endif
