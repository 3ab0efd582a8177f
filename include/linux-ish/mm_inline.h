/*
 * The LRU lists (mm/swap.c, Documentation/mm/reclaim.md "LRU"): Linux's
 * four evictable lists (inactive/active x anon/file) and the unevictable
 * one, kept in the single lruvec of the single zone.  A page is on one
 * list exactly while PG_lru is set; which one its flags say (page_lru).
 * lruvec.lru_lock (IRQ-safe, innermost: taken under mapping->lock, the
 * anon_vma lock and zone.lock never) covers the lists, PG_lru, PG_active,
 * PG_unevictable and the NR_*_ANON/FILE/UNEVICTABLE counters.
 */
#ifndef _LINUX_ISH_MM_INLINE_H
#define _LINUX_ISH_MM_INLINE_H

#include <linux-ish/mm.h>
#include <linux-ish/vmstat.h>

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

struct lruvec {
	spinlock_t lru_lock;
	struct list_head lists[NR_LRU_LISTS];
};

/* One zone, one lruvec (per zone when there are zones: see reclaim.md). */
extern struct lruvec lruvec;

/* The list the page's flags name.  lru_lock held, or the page not on a list yet. */
static inline enum lru_list page_lru(const struct page *page)
{
	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	return (PageSwapBacked(page) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE) +
	       (PageActive(page) ? 1 : 0);
}

static inline void add_page_to_lru_list(struct page *page, struct lruvec *lv)
{
	enum lru_list lru = page_lru(page);

	list_add(&page->lru, &lv->lists[lru]);
	mod_vm_stat(NR_INACTIVE_ANON + lru, 1);
	SetPageLRU(page);
}

static inline void del_page_from_lru_list(struct page *page, struct lruvec *lv)
{
	list_del(&page->lru);
	mod_vm_stat(NR_INACTIVE_ANON + page_lru(page), -1);
	ClearPageLRU(page);
}

/* mm/swap.c */
void lru_cache_add(struct page *page);
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);
void deactivate_page(struct page *page);
bool isolate_lru_page(struct page *page);
void putback_lru_page(struct page *page);
void __page_release(struct page *page);
void mlock_page(struct page *page);
void munlock_page(struct page *page);
bool page_evictable(const struct page *page);

/* Flags that a page's last put must undo (__page_release) before the free. */
#define PAGE_FLAGS_RELEASE						\
	((1UL << PG_lru) | (1UL << PG_anon) | (1UL << PG_mlocked) |	\
	 (1UL << PG_referenced) | (1UL << PG_swapbacked) | (1UL << PG_active))

/*
 * The last reference is gone: take the page off its LRU list and out of
 * its anon_vma before the allocator sees it (Linux's __page_cache_release).
 */
static inline void page_release(struct page *page)
{
	if (page->flags & PAGE_FLAGS_RELEASE)
		__page_release(page);
}

#endif
