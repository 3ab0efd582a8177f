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
#include <linux-ish/rmap.h>
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

/*
 * A new page nobody else can see yet, its LRU flags (PG_swapbacked,
 * PG_unevictable) already set: onto @lru, which they name.
 */
static inline void lru_add_new_page(struct page *page, enum lru_list lru)
{
	unsigned long flags;

	spin_lock_irqsave(&lruvec.lru_lock, flags);
	list_add(&page->lru, &lruvec.lists[lru]);
	page->flags |= 1UL << PG_lru;	/* not yet visible to anyone */
	spin_unlock_irqrestore(&lruvec.lru_lock, flags);
	mod_vm_stat(NR_INACTIVE_ANON + lru, 1);
}

/* mm/swap.c */
void lru_cache_add(struct page *page);
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);
void deactivate_page(struct page *page);
bool isolate_lru_page(struct page *page);
void putback_lru_page(struct page *page);
void mlock_page(struct page *page);
void munlock_page(struct page *page);
bool page_evictable(const struct page *page);
unsigned long isolate_lru_pages(enum lru_list lru, unsigned long nr, struct list_head *dst);
void rotate_reclaimable_page(struct page *page);

/* Flags that a page's last put must undo (__page_release) before the free. */
#define PAGE_FLAGS_RELEASE						\
	((1UL << PG_lru) | (1UL << PG_anon) | (1UL << PG_mlocked) |	\
	 (1UL << PG_referenced) | (1UL << PG_swapbacked) | (1UL << PG_active))

/*
 * A new anonymous page about to be mapped at @addr of @vma: PG_anon, its
 * anon_vma and index, and the LRU (unevictable in a VM_LOCKED VMA).  Its
 * data is good from the start (zeroed or copied): PG_uptodate, as Linux's
 * do_anonymous_page and wp_page_copy set it (kpageflags shows UPTODATE).
 * 0, or -ENOMEM (the VMA's first anon_vma could not be allocated).
 * Nobody else sees the page yet: its flags are set with one plain store.
 * Inline: every anonymous fault and COW copy comes here.
 */
static inline int page_set_anon_rmap(struct page *page, struct vm_area_struct *vma,
				     unsigned long addr)
{
	unsigned long bits = (1UL << PG_anon) | (1UL << PG_swapbacked) | (1UL << PG_uptodate);
	enum lru_list lru = LRU_INACTIVE_ANON;
	struct anon_vma *anon_vma = vma->anon_vma;

	if (unlikely(!anon_vma)) {
		if (anon_vma_prepare(vma))
			return -ENOMEM;
		anon_vma = vma->anon_vma;
	}
	atomic_inc(&anon_vma->refcount);	/* the page's; dropped by page_release */
	page->mapping = (void *)((unsigned long)anon_vma + PAGE_MAPPING_ANON);
	page->index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	mod_vm_stat(NR_ANON_PAGES, 1);		/* page_set_anon's count */
	if (unlikely(vma->vm_flags & VM_LOCKED)) {
		bits |= (1UL << PG_mlocked) | (1UL << PG_unevictable);
		mod_vm_stat(NR_MLOCK, 1);
		lru = LRU_UNEVICTABLE;
	}
	page->flags |= bits;
	lru_add_new_page(page, lru);
	return 0;
}

/*
 * The last reference is gone: take the page off its LRU list and out of
 * its anon_vma before the allocator sees it (Linux's __page_cache_release).
 * The count is 0, so nobody else looks at its flags or can isolate it:
 * once off its list its flags are cleared with one plain store.  Inline:
 * every freed user page comes here (the fault benchmarks' rows).
 */
static inline void page_release(struct page *page)
{
	unsigned long f = page->flags;
	struct anon_vma *anon_vma;

	if (!(f & PAGE_FLAGS_RELEASE))
		return;
	if (f & (1UL << PG_lru)) {
		enum lru_list lru = page_lru(page);
		unsigned long flags;

		spin_lock_irqsave(&lruvec.lru_lock, flags);
		page->lru.next->prev = page->lru.prev;	/* list_del, unpoisoned: */
		page->lru.prev->next = page->lru.next;	/* the allocator relinks it */
		spin_unlock_irqrestore(&lruvec.lru_lock, flags);
		mod_vm_stat(NR_INACTIVE_ANON + lru, -1);
	}
	if (unlikely(f & (1UL << PG_mlocked)))
		mod_vm_stat(NR_MLOCK, -1);
	page->flags = f & ~((1UL << PG_lru) | (1UL << PG_mlocked) | (1UL << PG_unevictable) |
			    (1UL << PG_active) | (1UL << PG_referenced) | (1UL << PG_swapbacked));
	anon_vma = page_anon_vma(page);
	if (anon_vma) {
		page->mapping = NULL;
		anon_vma_put(anon_vma);
	}
}

#endif
