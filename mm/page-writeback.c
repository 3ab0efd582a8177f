/*
 * Dirty pages and writeback (Documentation/mm/page-cache.md, "the life of
 * a dirty page").  Only mappings that write back (a_ops->writepage) count
 * and tag dirt; a RAM file system's pages just carry PG_dirty, as before.
 *
 * Invariants, for a mapping that writes back, under mapping->lock:
 *   - a page in the index is DIRTY-tagged iff PG_dirty, and then counted
 *     once in NR_FILE_DIRTY
 *   - a page is WRITEBACK-tagged iff PG_writeback (counted in NR_WRITEBACK
 *     by page_wait.c)
 *   - the mapping is on wb_mappings iff its index carries either tag
 * A dirty page that is mapped writable somewhere is mapped so only since
 * its last clean: clear_page_dirty_for_io() write-protects every shared
 * PTE (page_mkclean), so the next write through a mapping faults and
 * dirties the page again (do_wp_page -> set_page_dirty).
 *
 * Lock order: page lock -> i_mmap_lock -> mapping->lock -> wb_list_lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/time.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/writeback.h>
#include <asm/pgtable.h>
#include "internal.h"

static DEFINE_SPINLOCK(wb_list_lock);
static LIST_HEAD(wb_mappings);

static bool mapping_has_wb_tags(const struct address_space *mapping)
{
	return radix_tree_tagged(&mapping->i_pages, PAGECACHE_TAG_DIRTY) ||
	       radix_tree_tagged(&mapping->i_pages, PAGECACHE_TAG_WRITEBACK);
}

void __mapping_tag(struct address_space *mapping, pgoff_t index, unsigned int tag)
{
	bool was_listed = mapping_has_wb_tags(mapping);

	radix_tree_tag_set(&mapping->i_pages, index, tag);
	if (!was_listed) {
		spin_lock(&wb_list_lock);
		list_add_tail(&mapping->wb_list, &wb_mappings);
		spin_unlock(&wb_list_lock);
	}
}

void __mapping_untag(struct address_space *mapping, pgoff_t index, unsigned int tag)
{
	if (!radix_tree_tag_get(&mapping->i_pages, index, tag))
		return;
	radix_tree_tag_clear(&mapping->i_pages, index, tag);
	if (!mapping_has_wb_tags(mapping)) {
		spin_lock(&wb_list_lock);
		list_del_init(&mapping->wb_list);
		spin_unlock(&wb_list_lock);
	}
}

void __page_cache_cancel_dirty(struct address_space *mapping, struct page *page)
{
	if (!mapping_can_writeback(mapping) || !TestClearPageDirty(page))
		return;
	__mapping_untag(mapping, page->index, PAGECACHE_TAG_DIRTY);
	mod_vm_stat(NR_FILE_DIRTY, -1);
}

bool __set_page_dirty_nobuffers(struct address_space *mapping, struct page *page)
{
	unsigned long flags;
	bool newly;

	if (!mapping_can_writeback(mapping))
		return !TestSetPageDirty(page);
	spin_lock_irqsave(&mapping->lock, flags);
	newly = !TestSetPageDirty(page);
	if (newly && page->mapping == mapping) {	/* still in the cache */
		__mapping_tag(mapping, page->index, PAGECACHE_TAG_DIRTY);
		mod_vm_stat(NR_FILE_DIRTY, 1);
		mod_vm_stat(NR_DIRTIED, 1);
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
	if (newly && mapping->host)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
	return newly;
}

/* set_page_dirty() of a page whose mapping has a_ops (pagemap.h has the rest). */
bool __set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (mapping->a_ops->dirty_folio)
		return mapping->a_ops->dirty_folio(mapping, page);
	return __set_page_dirty_nobuffers(mapping, page);
}

void redirty_page_for_writepage(struct writeback_control *wbc, struct page *page)
{
	wbc->pages_skipped++;
	set_page_dirty(page);
}

/* ---- write-protecting a page's shared mappings ---- */

struct mkclean_arg {
	unsigned long pfn;
	bool dirty;
};

static void mkclean_one_pte(pte_t *pte, void *data)
{
	struct mkclean_arg *arg = data;

	if (pte_pfn(*pte) != arg->pfn || (!pte_write(*pte) && !pte_dirty(*pte)))
		return;
	if (pte_dirty(ptep_clean_wrprotect(pte)))
		arg->dirty = true;
}

/*
 * Walks mapping->i_mmap: every shared VMA over the page's offset gets
 * its PTE write-protected and cleaned (the TLB flushed).  Runs without the
 * VMAs' mmap_locks, as unmap_mapping_pages does (one CPU, never sleeps).
 */
bool page_mkclean(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct mkclean_arg arg = { .pfn = page_to_pfn(page), .dirty = false };
	struct vm_area_struct *vma;
	unsigned long flags;

	if (!mapping || PageAnon(page))
		return false;
	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		unsigned long addr;

		if (!(vma->vm_flags & VM_SHARED) || page->index < vma->vm_pgoff ||
		    page->index - vma->vm_pgoff >= vma_pages(vma))
			continue;
		addr = vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
		walk_present_ptes(vma, addr, addr + PAGE_SIZE, mkclean_one_pte, &arg);
	}
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
	return arg.dirty;
}

bool clear_page_dirty_for_io(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;
	bool was;

	VM_BUG_ON(!PageLocked(page));
	if (!mapping_can_writeback(mapping))
		return TestClearPageDirty(page);
	/* A write through a mapping since the last clean is dirt too. */
	if (page_mkclean(page))
		set_page_dirty(page);
	spin_lock_irqsave(&mapping->lock, flags);
	was = TestClearPageDirty(page);
	if (was && page->mapping == mapping) {
		__mapping_untag(mapping, page->index, PAGECACHE_TAG_DIRTY);
		mod_vm_stat(NR_FILE_DIRTY, -1);
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
	return was;
}

/* ---- errors ---- */

void mapping_set_error(struct address_space *mapping, int error)
{
	if (!error)
		return;
	errseq_set(&mapping->wb_err, error);
	__sync_fetch_and_or(&mapping->flags, 1UL << (error == -ENOSPC ? AS_ENOSPC : AS_EIO));
}

int filemap_check_errors(struct address_space *mapping)
{
	unsigned long old = __sync_fetch_and_and(&mapping->flags,
						 ~((1UL << AS_EIO) | (1UL << AS_ENOSPC)));

	if (old & (1UL << AS_ENOSPC))
		return -ENOSPC;
	if (old & (1UL << AS_EIO))
		return -EIO;
	return 0;
}

errseq_t filemap_sample_wb_err(struct address_space *mapping)
{
	return errseq_sample(&mapping->wb_err);
}

int file_check_and_advance_wb_err(struct file *file)
{
	struct address_space *mapping = file->f_inode->i_mapping;
	int err = errseq_check_and_advance(&mapping->wb_err, &file->f_wb_err);

	/* the flags are for callers without a file: this error has been told */
	__sync_fetch_and_and(&mapping->flags, ~((1UL << AS_EIO) | (1UL << AS_ENOSPC)));
	return err;
}

/* ---- a writeback pass ---- */

#define WB_BATCH	16

/* The last page index of a byte range ending at @end (inclusive), capped. */
pgoff_t range_last_index(loff_t end)
{
	if (end < 0)
		return 0;
	if ((u64)end >> PAGE_SHIFT > ULONG_MAX)
		return ULONG_MAX;
	return end >> PAGE_SHIFT;
}

/* Page locked, in @mapping, dirty: hands it to writepage.  Page unlocked on return. */
static int writeback_one(struct address_space *mapping, struct page *page,
			 struct writeback_control *wbc)
{
	int err;

	if (PageWriteback(page)) {
		if (wbc->sync_mode == WB_SYNC_NONE) {
			unlock_page(page);
			return 0;
		}
		wait_on_page_writeback(page);
	}
	if (!clear_page_dirty_for_io(page)) {
		unlock_page(page);
		return 0;
	}
	err = mapping->a_ops->writepage(page, wbc);
	if (err && err != -ENOMEM)	/* -ENOMEM: redirtied, written later */
		mapping_set_error(mapping, err);
	wbc->nr_to_write--;
	return err;
}

/*
 * Writes the DIRTY-tagged pages of [range_start, range_end] in index
 * order.  WB_SYNC_ALL writes every one (waiting for a page already under
 * writeback, so that its newer contents go too) and returns the first
 * error; WB_SYNC_NONE skips busy pages and stops after nr_to_write.
 */
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc)
{
	pgoff_t index = wbc->range_start >> PAGE_SHIFT;
	pgoff_t end = range_last_index(wbc->range_end);
	struct page *pages[WB_BATCH];
	int ret = 0;

	for (;;) {
		unsigned int n = find_get_pages_tag(mapping, &index, end, PAGECACHE_TAG_DIRTY,
						    WB_BATCH, pages);

		if (!n)
			break;
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];
			int err = 0;

			lock_page(page);
			if (page->mapping != mapping || !PageDirty(page))
				unlock_page(page);
			else
				err = writeback_one(mapping, page, wbc);
			put_page(page);
			if (err && !ret)
				ret = err;
			if (wbc->sync_mode == WB_SYNC_NONE && (err || wbc->nr_to_write <= 0)) {
				while (++i < n)
					put_page(pages[i]);
				return ret;
			}
		}
		if (!index)		/* wrapped past ULONG_MAX */
			break;
	}
	return ret;
}

/*
 * One writeback pass over @mapping.  A writepage short of memory dirties
 * its page again and says -ENOMEM; an integrity pass (WB_SYNC_ALL) then
 * waits a little for reclaim and goes again until every page is written,
 * as Linux 6.1's do_writepages (reclaim_throttle), so fsync and msync
 * never report a shortage as lost data.  Process context, no spinlock.
 */
int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	int err;

	if (!mapping_can_writeback(mapping) || wbc->nr_to_write <= 0)
		return 0;
	for (;;) {
		if (mapping->a_ops->writepages)
			err = mapping->a_ops->writepages(mapping, wbc);
		else
			err = write_cache_pages(mapping, wbc);
		if (err != -ENOMEM || wbc->sync_mode != WB_SYNC_ALL)
			return err;
		wakeup_kswapd();
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(DIV_ROUND_UP(HZ, 50));
		set_current_state(TASK_RUNNING);
	}
}

/* ---- sync(2), syncfs(2): every mapping on the writeback list ---- */

static unsigned int sync_seq;

/*
 * Pins (an inode reference) up to @max mappings of @sb (NULL: any) that
 * this pass (@seq) has not written yet.  How many.
 */
static unsigned int pin_unsynced(const struct super_block *sb, unsigned int seq,
				 struct inode **inodes, unsigned int max)
{
	struct address_space *mapping;
	unsigned int n = 0;
	unsigned long flags;

	spin_lock_irqsave(&wb_list_lock, flags);
	list_for_each_entry(mapping, &wb_mappings, wb_list) {
		if (mapping->wb_seq == seq || (sb && mapping->host->i_sb != sb) ||
		    (mapping->host->i_state & I_FREEING))
			continue;
		mapping->wb_seq = seq;
		atomic_inc(&mapping->host->i_count);
		inodes[n++] = mapping->host;
		if (n == max)
			break;
	}
	spin_unlock_irqrestore(&wb_list_lock, flags);
	return n;
}

/*
 * Writes and waits for every dirty page of @sb's files (every file
 * system's if NULL) that was dirty when it started.  0 or the first error.
 */
int sync_mappings(struct super_block *sb)
{
	struct inode *inodes[WB_BATCH];
	unsigned int seq, n;
	int ret = 0;

	sync_seq = sync_seq == UINT_MAX ? 1 : sync_seq + 1;	/* 0 is "never" */
	seq = sync_seq;
	while ((n = pin_unsynced(sb, seq, inodes, WB_BATCH))) {
		for (unsigned int i = 0; i < n; i++) {
			int err = filemap_write_and_wait(inodes[i]->i_mapping);

			if (err && !ret)
				ret = err;
			iput(inodes[i]);
		}
	}
	return ret;
}

/* ---- dirty limits and throttling ---- */

int vm_dirty_ratio = 20;
unsigned long vm_dirty_bytes;
int dirty_background_ratio = 10;
unsigned long dirty_background_bytes;
int dirty_writeback_interval = 5 * 100;
int dirty_expire_interval = 30 * 100;

#define DIRTY_BYTES_MIN		(2 * PAGE_SIZE)	/* Linux's floor for vm.dirty_bytes */
#define THROTTLE_WRITE_PAGES	32		/* a throttled writer writes this many itself */

/*
 * Memory that could hold dirty page cache: free pages and the page cache
 * that is not shmem (Linux: free + file LRU pages - reserves).
 */
static unsigned long dirtyable_memory(void)
{
	unsigned long file = global_page_state(NR_FILE_PAGES), shmem = global_page_state(NR_SHMEM);

	return nr_free_pages() + (file > shmem ? file - shmem : 0);
}

unsigned long global_dirty_pages(void)
{
	return global_page_state(NR_FILE_DIRTY) + global_page_state(NR_WRITEBACK);
}

void global_dirty_limits(unsigned long *background, unsigned long *dirty)
{
	unsigned long avail = dirtyable_memory();
	unsigned long bytes = READ_ONCE(vm_dirty_bytes), bg_bytes = READ_ONCE(dirty_background_bytes);
	unsigned long thresh, bg;

	thresh = bytes ? DIV_ROUND_UP(bytes, PAGE_SIZE) :
			 (unsigned long)((u64)READ_ONCE(vm_dirty_ratio) * avail / 100);
	bg = bg_bytes ? DIV_ROUND_UP(bg_bytes, PAGE_SIZE) :
			(unsigned long)((u64)READ_ONCE(dirty_background_ratio) * avail / 100);
	if (bg >= thresh)
		bg = thresh / 2;	/* as Linux: background work starts first */
	*background = bg;
	*dirty = thresh;
}

/* The throttled writer's own share: some dirty pages of its file, not waiting. */
static void throttle_write_own(struct address_space *mapping)
{
	struct writeback_control wbc = {
		.nr_to_write = THROTTLE_WRITE_PAGES,
		.sync_mode = WB_SYNC_NONE,
		.range_start = 0,
		.range_end = (loff_t)(~0ULL >> 1),
	};

	if (mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		do_writepages(mapping, &wbc);
}

/* Is the dirt above the midpoint of the two limits (Linux's "freerun" ends)? */
static bool dirty_over_freerun(unsigned long *bg, unsigned long *thresh)
{
	global_dirty_limits(bg, thresh);
	return global_dirty_pages() > (*bg + *thresh) / 2;
}

/*
 * Below the midpoint of the two limits a writer runs free (Linux's
 * "freerun"); above it the flusher is woken; above the dirty limit the
 * writer writes pages of its own file and sleeps a tick at a time until
 * dirty + writeback pages are under the limit.
 */
void __balance_dirty_pages(struct address_space *mapping)
{
	unsigned long bg, thresh;

	if (!dirty_over_freerun(&bg, &thresh))
		return;
	wakeup_flusher_threads();
	while (global_dirty_pages() > thresh && !fatal_signal_pending(current)) {
		throttle_write_own(mapping);
		if (global_dirty_pages() <= thresh)
			break;
		set_current_state(TASK_KILLABLE);
		schedule_timeout(DIV_ROUND_UP(HZ, 100));
		set_current_state(TASK_RUNNING);
		wakeup_flusher_threads();
		global_dirty_limits(&bg, &thresh);
	}
}

/*
 * A write fault dirtied a page of @mapping, @vma's file (mmap_lock held,
 * the PTE set).  Its writes count against the dirty limits as write(2)'s
 * do.  In the page-fault handler (PF_IN_FAULT) the throttling waits for
 * the mmap_lock to go: the file is pinned in current->fault_dirty_file
 * and arch/x86/mm/fault.c calls balance_dirty_pages_after_fault() once
 * it has unlocked, so that while the writer writes and sleeps, reclaim
 * can unmap its pages and its writeback can allocate (Linux's
 * fault_dirty_shared_page drops the lock the same way).  Other callers
 * (get_user_pages, populate) are throttled here.
 */
void __fault_dirty_shared_page(struct vm_area_struct *vma, struct address_space *mapping)
{
	unsigned long bg, thresh;

	if (!dirty_over_freerun(&bg, &thresh))
		return;
	if ((current->flags & PF_IN_FAULT) && vma->vm_file) {
		if (!current->fault_dirty_file)
			current->fault_dirty_file = get_file(vma->vm_file);
		return;
	}
	__balance_dirty_pages(mapping);
}

/* => no lock held, current->fault_dirty_file set: throttles, then drops the pin. */
void balance_dirty_pages_after_fault(void)
{
	struct file *file = current->fault_dirty_file;

	current->fault_dirty_file = NULL;
	__balance_dirty_pages(file->f_inode->i_mapping);
	fput(file);
}

/* ---- /proc/sys/vm/dirty_*: each bytes/ratio pair excludes itself, as Linux ---- */

int dirty_ratio_store(const struct ctl_table *t, const char *buf)
{
	int old = vm_dirty_ratio, err = sysctl_store_int(t, buf);

	if (!err && vm_dirty_ratio != old)
		vm_dirty_bytes = 0;
	return err;
}

int dirty_bytes_store(const struct ctl_table *t, const char *buf)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v) || v < DIRTY_BYTES_MIN)
		return -EINVAL;
	if (v != vm_dirty_bytes)
		vm_dirty_ratio = 0;
	vm_dirty_bytes = v;
	return 0;
}

int dirty_background_ratio_store(const struct ctl_table *t, const char *buf)
{
	int err = sysctl_store_int(t, buf);

	if (!err)
		dirty_background_bytes = 0;
	return err;
}

int dirty_background_bytes_store(const struct ctl_table *t, const char *buf)
{
	unsigned long v;

	if (kstrtoul(buf, 10, &v) || v < 1)
		return -EINVAL;
	dirty_background_bytes = v;
	dirty_background_ratio = 0;
	return 0;
}

/* A new interval takes effect now: the flusher computes its next wake-up again. */
int dirty_writeback_store(const struct ctl_table *t, const char *buf)
{
	int old = dirty_writeback_interval, err = sysctl_store_int(t, buf);

	if (!err && dirty_writeback_interval != old)
		flusher_interval_changed();
	return err;
}

/*
 * The two flusher times from the command line, in the spelling Linux
 * (5.8+) accepts for any sysctl: sysctl.vm.dirty_expire_centisecs=N.
 */
static int __init dirty_expire_setup(const char *val)
{
	int v;

	if (kstrtoint(val, 10, &v) || v < 0)
		return -EINVAL;
	dirty_expire_interval = v;
	return 0;
}
__setup("sysctl.vm.dirty_expire_centisecs=", dirty_expire_setup);

static int __init dirty_writeback_setup(const char *val)
{
	return kstrtoint(val, 10, &dirty_writeback_interval);
}
__setup("sysctl.vm.dirty_writeback_centisecs=", dirty_writeback_setup);
