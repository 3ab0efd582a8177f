/*
 * The LRU scan: which pages reclaim takes, and how it gives them back
 * (Documentation/mm/reclaim.md "The LRU scan"; the lists are mm/swap.c's).
 *
 * A pass at a priority p looks at 1/2^p of each evictable list, anon and
 * file in the proportion vm.swappiness gives (Linux's get_scan_count,
 * without its cost feedback), anon only when the reclaimer may sleep
 * and there is swap to go to.  An active list is aged only while its
 * inactive partner is smaller (Linux's inactive_is_low below 1 GiB):
 * page_referenced() clears the accessed bits and the page goes inactive,
 * except a referenced executable file page, which stays active.  The
 * inactive tail is where pages leave (shrink_page): referenced pages
 * are kept or activated, the others are unmapped through the reverse
 * map, anonymous ones given a swap slot first, dirty ones written
 * (swap: asynchronously, under a plug, the completion rotating the page
 * to the tail; file: only by kswapd, through a_ops->writepage; a direct
 * reclaimer wakes the flusher for them and counts them in flight), clean
 * ones dropped from their cache and freed.
 *
 * Locking and sleeping: the isolated pages are the scan's own (PG_lru
 * clear, a reference); each is trylocked, never waited for.  Swap slots
 * and swap-cache entries (add_to_swap may allocate), swap writes and
 * file writeback are only used when sc->may_sleep (kswapd, or a direct
 * reclaimer in a page fault: mm/vmscan.c's alloc_may_sleep); without it
 * only clean page-cache pages go, and nothing sleeps or allocates.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/swap.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/writeback.h>
#include "internal.h"

#define SCAN_BATCH	32UL	/* SWAP_CLUSTER_MAX: pages isolated at a time */

int vm_swappiness = 60;		/* vm.swappiness, 0..200 as Linux 6.1 */
struct lru_events lru_events;

enum page_verdict {
	PAGE_FREED,		/* gone: the scan's reference was the last */
	PAGE_KEEP,		/* back to the head of its inactive list */
	PAGE_ACTIVATE,		/* to the active list */
};

static unsigned long lru_size(enum lru_list lru)
{
	return global_page_state(NR_INACTIVE_ANON + lru);
}

/* Page-cache pages that are not the only copy of their data (as vmscan's). */
static bool file_droppable(const struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->readpage && !mapping_is_shmem(mapping);
}

/*
 * Linux's folio_check_references: the accessed bits of every PTE (cleared
 * on the way) and PG_referenced decide.  A page found mapped by a
 * VM_LOCKED VMA is mlocked (the putback takes it to the unevictable list).
 */
static enum page_verdict check_references(struct page *page, struct scan_control *sc,
					  bool *reclaim)
{
	unsigned long vm_flags;
	int ptes = page_referenced(page, sc->locked_mm, &vm_flags);
	bool was_referenced = TestClearPageReferenced(page);

	*reclaim = false;
	if (vm_flags & VM_LOCKED) {
		mlock_page(page);
		return PAGE_KEEP;
	}
	if (ptes < 0) {			/* an mm we could not lock: assume used */
		sc->nr_contended++;
		SetPageReferenced(page);
		return PAGE_KEEP;
	}
	if (ptes) {
		SetPageReferenced(page);
		/* Linux: anon at the first young PTE, file at the second touch or exec. */
		if (was_referenced || ptes > 1 || PageSwapBacked(page) || (vm_flags & VM_EXEC))
			return PAGE_ACTIVATE;
		return PAGE_KEEP;
	}
	/* Referenced through read()/write() once only: a dirty one stays a while. */
	if (was_referenced && !PageSwapBacked(page) && PageDirty(page))
		return PAGE_KEEP;
	*reclaim = true;
	return PAGE_KEEP;
}

/*
 * kswapd writes a dirty file page (unmapped, locked) back: the page
 * stays on the inactive list, clean when the write completes.  The page
 * is unlocked on return.
 */
static void pageout_file(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct writeback_control wbc = {
		.nr_to_write = 1,
		.range_start = 0,
		.range_end = (loff_t)(ULLONG_MAX >> 1),
		.sync_mode = WB_SYNC_NONE,
		.for_reclaim = 1,
	};
	int err;

	if (!clear_page_dirty_for_io(page)) {
		unlock_page(page);
		return;
	}
	err = mapping->a_ops->writepage(page, &wbc);	/* unlocks the page */
	if (err && err != -ENOMEM)	/* -ENOMEM: dirty again, a later pass */
		mapping_set_error(mapping, err);
	else
		lru_events.pageout_file++;
}

/*
 * Takes one isolated page as far towards free as it goes now.  The
 * scan's reference stays with the page unless it is PAGE_FREED.
 */
static enum page_verdict shrink_page(struct page *page, struct scan_control *sc)
{
	struct address_space *mapping;
	bool fresh = false, reclaim;
	enum page_verdict v;

	if (!trylock_page(page))
		return PAGE_KEEP;
	if (PageWriteback(page)) {
		sc->nr_writeback++;	/* the completion rotates it back here; the caller may wait */
		goto keep;
	}
	if (!page_evictable(page))
		goto keep;
	if (!sc->ignore_references) {
		v = check_references(page, sc, &reclaim);
		if (!reclaim)
			goto verdict;
	}
	if (PageSwapBacked(page) && !PageAnon(page))
		goto activate;			/* shmem: Linnet does not swap it */
	if (PageAnon(page) && !PageSwapCache(page)) {
		if (!sc->may_sleep || add_to_swap(page))
			goto activate;		/* no swap, or full */
		fresh = true;
		lru_events.swap_added++;
	}
	if (page_mapped(page)) {
		int mapped = page_mapcount(page);

		if (!try_to_unmap(page, sc->locked_mm)) {
			if (fresh && page_mapcount(page) == mapped)
				delete_from_swap_cache(page);	/* no PTE took its entry */
			goto activate;		/* mlocked, a busy mm, swap count full */
		}
	}
	if (PageSwapCache(page)) {
		if (fresh)
			SetPageDirty(page);	/* its slot holds nothing yet */
		if (PageDirty(page)) {
			if (!sc->may_sleep || swap_writepage_async(page))
				goto keep;
			sc->nr_writing++;
			return PAGE_KEEP;	/* unlocked, written; freed on a later pass */
		}
		if (!sc->may_sleep || page_count(page) != 2 || page_mapped(page))
			goto keep;
		delete_from_swap_cache(page);
		goto freed;
	}
	mapping = page->mapping;
	if (!mapping) {				/* truncated: ours is the last reference? */
		if (page_count(page) == 1)
			goto freed;
		goto keep;
	}
	if (PageDirty(page)) {
		if (!mapping_can_writeback(mapping))
			goto keep;
		if (!sc->may_writepage) {
			if (sc->ignore_references)
				goto keep;	/* MADV_PAGEOUT: activated (Linux 6.1) */
			/* The flusher writes it (Linux 6.1): in flight for the OOM decision. */
			wakeup_flusher_threads_reclaim();
			sc->nr_writing++;
			goto keep;
		}
		pageout_file(page);
		sc->nr_writing++;
		return PAGE_KEEP;
	}
	if (!file_droppable(mapping) || !remove_clean_page(mapping, page))
		goto keep;
freed:
	unlock_page(page);
	put_page(page);				/* the last reference */
	return PAGE_FREED;
activate:
	v = PAGE_ACTIVATE;
	goto verdict;
keep:
	v = PAGE_KEEP;
verdict:
	unlock_page(page);
	return v;
}

/*
 * MADV_PAGEOUT's reclaim of one isolated page (mm/lru_madvise.c; the
 * isolation's reference is given up here): shrink_page with the
 * references ignored and @mm already locked by the caller; a swap write
 * it starts is waited for, so that the page is freed before madvise
 * returns, as Linux's reclaim_pages does for a page written
 * synchronously.  A page that stays is activated (Linux 6.1).
 */
void reclaim_page_now(struct page *page, struct mm_struct *mm)
{
	struct scan_control sc = {
		.nr_to_reclaim = 1,
		.may_sleep = true,
		.ignore_references = true,
		.locked_mm = mm,
	};
	enum page_verdict v = shrink_page(page, &sc);

	if (v != PAGE_FREED && sc.nr_writing) {
		wait_on_page_writeback(page);
		v = shrink_page(page, &sc);
	}
	if (v == PAGE_FREED)
		return;
	if (!PageActive(page) && page_evictable(page))
		SetPageActive(page);
	putback_lru_page(page);
}

/* An isolated page back on its list (active if @v says), the scan's reference dropped. */
static void putback(struct page *page, enum page_verdict v)
{
	if (v == PAGE_ACTIVATE && !PageActive(page) && page_evictable(page)) {
		SetPageActive(page);
		lru_events.pgactivate++;
	}
	putback_lru_page(page);
}

/* Up to @nr pages from the tail of inactive list @lru; returns those freed. */
static unsigned long shrink_inactive_list(enum lru_list lru, unsigned long nr,
					  struct scan_control *sc)
{
	unsigned long freed = 0, scanned;
	bool file = lru == LRU_INACTIVE_FILE;
	struct blk_plug plug;
	LIST_HEAD(batch);

	scanned = isolate_lru_pages(lru, nr, &batch);
	sc->nr_scanned += scanned;
	lru_events.pgscan[file] += scanned;
	blk_start_plug(&plug);		/* neighbouring slots: one request */
	while (!list_empty(&batch)) {
		struct page *page = list_last_entry(&batch, struct page, lru);
		enum page_verdict v;

		list_del(&page->lru);
		v = shrink_page(page, sc);
		if (v == PAGE_FREED)
			freed++;
		else
			putback(page, v);
	}
	blk_finish_plug(&plug);
	sc->nr_reclaimed += freed;
	lru_events.pgsteal[file] += freed;
	return freed;
}

/*
 * Ages up to @nr pages from the tail of active list @lru: their accessed
 * bits are cleared and they go inactive, except a referenced
 * executable file page (Linux keeps code in memory a while longer).
 */
static void shrink_active_list(enum lru_list lru, unsigned long nr, struct scan_control *sc)
{
	LIST_HEAD(batch);

	lru_events.pgrefill += isolate_lru_pages(lru, nr, &batch);
	while (!list_empty(&batch)) {
		struct page *page = list_last_entry(&batch, struct page, lru);
		unsigned long vm_flags = 0;
		int ptes = 0;

		list_del(&page->lru);
		if (page_mapped(page))
			ptes = page_referenced(page, sc->locked_mm, &vm_flags);
		if (vm_flags & VM_LOCKED) {
			mlock_page(page);
		} else if (!(ptes > 0 && (vm_flags & VM_EXEC) && !PageSwapBacked(page))) {
			ClearPageActive(page);
			lru_events.pgdeactivate++;
		}
		putback_lru_page(page);
	}
}

/*
 * Is the inactive list of @inactive's kind smaller than its active one?
 * Linux's ratio is sqrt(10 x GiB of the two lists), 1 below 1 GiB: on
 * i386 low memory that is always 1.
 */
static bool inactive_is_low(enum lru_list inactive)
{
	return lru_size(inactive) < lru_size(inactive + 1);
}

/* Linux's shrink_list: an active list is only aged while its inactive one is low. */
static void shrink_list(enum lru_list lru, unsigned long nr, struct scan_control *sc)
{
	if (lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE) {
		if (inactive_is_low(lru - 1))
			shrink_active_list(lru, nr, sc);
		return;
	}
	shrink_inactive_list(lru, nr, sc);
}

/*
 * How much of each list a pass looks at (Linux's get_scan_count,
 * simplified): size >> priority, anon and file weighted swappiness :
 * 200 - swappiness; anon not at all unless the reclaimer may sleep and
 * swap (or a swap cache to drop) exists; anon only when the file lists
 * are so small that dropping them all would not reach high.
 */
static void get_scan_count(struct scan_control *sc, unsigned long nr[NR_LRU_LISTS])
{
	unsigned long file = lru_size(LRU_INACTIVE_FILE) + lru_size(LRU_ACTIVE_FILE);
	unsigned long ap = vm_swappiness, fp = 200 - vm_swappiness;
	bool anon = sc->may_sleep && (nr_swap_pages || swap_cache_pages);

	if (!anon)
		ap = 0;
	else if (file + nr_free_pages() <= wmark_pages(WMARK_HIGH))
		fp = 0;				/* Linux's "file is tiny" */
	if (!ap && !fp)
		fp = 1;				/* swappiness 200 without swap */
	for (enum lru_list lru = 0; lru < LRU_UNEVICTABLE; lru++) {
		bool is_file = lru >= LRU_INACTIVE_FILE;
		unsigned long size = lru_size(lru) >> sc->priority;

		nr[lru] = DIV_ROUND_UP(size * (is_file ? fp : ap), ap + fp);
	}
}

unsigned long lru_shrink_sc(struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS];
	bool more;

	get_scan_count(sc, nr);
	do {
		more = false;
		for (enum lru_list lru = 0; lru < LRU_UNEVICTABLE; lru++) {
			unsigned long n = min(nr[lru], SCAN_BATCH);

			if (!n)
				continue;
			nr[lru] -= n;
			more |= nr[lru] != 0;
			shrink_list(lru, n, sc);
		}
		/* Mostly pages of busy mms (their mmap_lock held): give up this pass. */
		if (sc->nr_contended >= SCAN_BATCH &&
		    ((!sc->nr_reclaimed && !sc->nr_writing) || 2 * sc->nr_contended > sc->nr_scanned))
			break;
	} while (more && sc->nr_reclaimed < sc->nr_to_reclaim);
	/* Linux: keep the anon lists aged even when they were not scanned. */
	if (sc->may_sleep && total_swap_pages && inactive_is_low(LRU_INACTIVE_ANON))
		shrink_active_list(LRU_ACTIVE_ANON, SCAN_BATCH, sc);
	return sc->nr_reclaimed;
}

unsigned long lru_shrink(struct scan_control *sc)
{
	sc->may_writepage = sc->may_sleep && (current->flags & PF_KSWAPD);
	lru_shrink_sc(sc);
	lru_events.writing += sc->nr_writing;
	lru_events.contended += sc->nr_contended;
	return sc->nr_reclaimed;
}
