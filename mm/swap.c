/*
 * The LRU lists: adding pages, aging them on access, taking them off
 * (Documentation/mm/reclaim.md "LRU"; lists and lock in mm_inline.h).
 *
 * Every page user space can map is on a list from the moment it is
 * created (page_set_anon_rmap for anonymous memory, add_to_page_cache
 * for the page cache and shmem) until its last reference goes
 * (page_release, from put_page).  New pages start inactive, as Linux
 * 6.1's do; a second read()/write() touch makes a page active
 * (mark_page_accessed), and reclaim (mm/vmscan.c) ages active pages back
 * with page_referenced().  Pages that cannot be evicted (mlocked ones,
 * those of ramfs, which has no backing store) are on the unevictable
 * list.  No per-CPU batching: one CPU, and the lock is held for a few
 * list operations.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>

struct lruvec lruvec = {
	.lru_lock = __SPIN_LOCK_UNLOCKED(lruvec.lru_lock),
	.lists = {
		LIST_HEAD_INIT(lruvec.lists[LRU_INACTIVE_ANON]),
		LIST_HEAD_INIT(lruvec.lists[LRU_ACTIVE_ANON]),
		LIST_HEAD_INIT(lruvec.lists[LRU_INACTIVE_FILE]),
		LIST_HEAD_INIT(lruvec.lists[LRU_ACTIVE_FILE]),
		LIST_HEAD_INIT(lruvec.lists[LRU_UNEVICTABLE]),
	},
};

/* ramfs keeps the only copy of its files: its pages are unevictable, as Linux marks them. */
static bool mapping_unevictable(const struct address_space *mapping)
{
	return mapping && !mapping->a_ops && !mapping_is_shmem(mapping);
}

/* May reclaim take @page at all (its flags and mapping, as now)? */
bool page_evictable(const struct page *page)
{
	return !PageMlocked(page) && (PageAnon(page) || !mapping_unevictable(page->mapping));
}

/*
 * Puts a page that is on no list on the inactive list of its kind (anon
 * for anonymous and shmem pages) or the unevictable one.
 */
void lru_cache_add(struct page *page)
{
	unsigned long flags;

	if (PageAnon(page) || (page->mapping && mapping_is_shmem(page->mapping)))
		SetPageSwapBacked(page);
	spin_lock_irqsave(&lruvec.lru_lock, flags);
	VM_BUG_ON(PageLRU(page));
	if (!page_evictable(page))
		SetPageUnevictable(page);
	add_page_to_lru_list(page, &lruvec);
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
}

/* Moves @page (on a list or not) to the list its flags, after @change, name. */
static void lru_move(struct page *page, void (*change)(struct page *page))
{
	unsigned long flags;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	if (PageLRU(page)) {
		del_page_from_lru_list(page, &lruvec);
		change(page);
		add_page_to_lru_list(page, &lruvec);
	} else {
		change(page);
	}
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
}

static void set_active(struct page *page)
{
	if (!PageUnevictable(page))
		SetPageActive(page);
}

static void clear_active(struct page *page)
{
	ClearPageActive(page);
	ClearPageReferenced(page);
}

/* An evictable page to the active list of its kind. */
void activate_page(struct page *page)
{
	if (!PageActive(page) && !PageUnevictable(page))
		lru_move(page, set_active);
}

/* MADV_COLD: an active page to the inactive list, its referenced mark cleared. */
void deactivate_page(struct page *page)
{
	if (PageActive(page) && !PageUnevictable(page))
		lru_move(page, clear_active);
}

/*
 * Linux's two-touch rule for read() and write(): the first access marks
 * the page referenced, the second moves an inactive page to the active
 * list.  Faults never come here: mapped pages age by their PTEs'
 * accessed bits (page_referenced).
 */
void mark_page_accessed(struct page *page)
{
	if (!PageReferenced(page)) {
		SetPageReferenced(page);
	} else if (!PageActive(page) && !PageUnevictable(page)) {
		activate_page(page);
		ClearPageReferenced(page);
	}
}

/* A reference on a page unless its count already reached zero (being freed). */
static bool get_page_unless_zero(struct page *page)
{
	int c = atomic_read(&page->_refcount);

	while (c > 0) {
		int old = atomic_cmpxchg(&page->_refcount, c, c + 1);

		if (old == c)
			return true;
		c = old;
	}
	return false;
}

/*
 * Takes @page off its list for the caller (reclaim), with a reference of
 * the caller's own.  False if it is on no list or already being freed.
 */
bool isolate_lru_page(struct page *page)
{
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	if (PageLRU(page) && get_page_unless_zero(page)) {
		del_page_from_lru_list(page, &lruvec);
		ok = true;
	}
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
	return ok;
}

/* Gives an isolated page back to the list it belongs on, and drops the isolation's reference. */
void putback_lru_page(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	if (page_evictable(page)) {
		ClearPageUnevictable(page);
	} else {
		ClearPageActive(page);
		SetPageUnevictable(page);
	}
	add_page_to_lru_list(page, &lruvec);
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
	put_page(page);
}

static void set_unevictable(struct page *page)
{
	ClearPageActive(page);
	SetPageUnevictable(page);
}

static void set_evictable(struct page *page)
{
	ClearPageUnevictable(page);
}

/* A page mapped by a VM_LOCKED VMA: PG_mlocked, on the unevictable list. */
void mlock_page(struct page *page)
{
	if (TestSetPageMlocked(page))
		return;
	mod_vm_stat(NR_MLOCK, 1);
	lru_move(page, set_unevictable);
}

/*
 * A VM_LOCKED VMA lets go of @page (munlock, munmap): back on an
 * evictable list if nothing else keeps it unevictable.  Another locked
 * VMA that still maps it is not looked for: reclaim finds it through
 * the rmap and mlocks the page again (reclaim.md).
 */
void munlock_page(struct page *page)
{
	if (!TestClearPageMlocked(page))
		return;
	mod_vm_stat(NR_MLOCK, -1);
	if (page_evictable(page))
		lru_move(page, set_evictable);
}

/*
 * Reclaim's batch isolation (mm/lru_scan.c): takes up to @nr pages from
 * the tail (the cold end) of list @lru onto @dst, each with a reference
 * of the caller's, looking at no more than 4 * @nr entries (a page
 * whose count reached zero is being freed and goes to the head).
 * Returns how many were taken.
 */
unsigned long isolate_lru_pages(enum lru_list lru, unsigned long nr, struct list_head *dst)
{
	struct list_head *src = &lruvec.lists[lru];
	unsigned long flags, taken = 0, budget = 4 * nr;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	while (taken < nr && budget-- && !list_empty(src)) {
		struct page *page = list_last_entry(src, struct page, lru);

		if (!get_page_unless_zero(page)) {
			list_move(&page->lru, src);	/* its last put takes it off */
			continue;
		}
		del_page_from_lru_list(page, &lruvec);
		list_add(&page->lru, dst);
		taken++;
	}
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
	return taken;
}

/*
 * A reclaim write of @page finished (any context, Linux's
 * folio_rotate_reclaimable): if the page is back on an inactive list,
 * it goes to the tail, so that the next pass frees it first.
 */
void rotate_reclaimable_page(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page))
		list_move_tail(&page->lru, &lruvec.lists[page_lru(page)]);
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
}
