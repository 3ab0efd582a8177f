/*
 * madvise(MADV_COLD) and madvise(MADV_PAGEOUT), as Linux 6.1 does them
 * without swap (Documentation/mm/reclaim.md "MADV_COLD and MADV_PAGEOUT").
 *
 * Only pages this mapping alone maps are touched (_mapcount 1, and not
 * under a page table shared by fork): advice must not reach into another
 * process's memory.  Each such PTE is made old.  COLD moves an active
 * page to the inactive list.  PAGEOUT reclaims the page now, as reclaim
 * would with its references ignored: it is unmapped through the reverse
 * map; a clean page-cache page is then dropped (the next access reads it
 * back: a major fault), a dirty one stays in the cache (Linux 6.1 writes
 * back only from kswapd) and is activated; an anonymous page goes to swap
 * (Documentation/mm/swap.md), or, with no swap to put it in, is
 * activated.  ramfs and mlocked pages (unevictable)
 * are left alone.  mmap_lock held throughout.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/swap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

/* Reclaim's verdict on a page it could not free: try again later, actively used. */
static void keep_active(struct page *page)
{
	if (!PageUnevictable(page))
		SetPageActive(page);
}

/*
 * Drops a clean, unmapped page-cache page that only the cache and the
 * caller (its isolation) hold.  Page locked.  True if it left the cache.
 */
static bool remove_mapping(struct page *page)
{
	if (!page->mapping || PageDirty(page) || PageWriteback(page) || page_mapped(page) ||
	    page_count(page) != 2)
		return false;
	delete_from_page_cache(page);
	return true;
}

/*
 * After the unmap, an anonymous page in the swap cache (fresh: just put
 * there by us) is written to its slot unless the slot holds it already;
 * clean, and held only by the cache and the caller, it leaves the cache.
 * A page whose write failed stays cached and dirty: a fault finds it.
 * Page locked.  True if the caller's reference is now the last.
 */
static bool swap_out_unmapped(struct page *page, bool fresh)
{
	if (fresh || PageDirty(page)) {
		if (swap_writepage(page))
			SetPageDirty(page);
		else
			ClearPageDirty(page);
	}
	if (PageDirty(page) || page_count(page) != 2)
		return false;
	delete_from_swap_cache(page);
	return true;
}

/*
 * Reclaims the isolated @page (the isolation's reference is the caller's,
 * given up here).  An anonymous page first gets a swap slot and enters
 * the swap cache (mm/swap_state.c), so that try_to_unmap() can write its
 * swap entry into every PTE; without swap it stays.
 */
static void pageout_page(struct page *page, struct mm_struct *mm)
{
	bool fresh = false;
	int mapped;

	if (!trylock_page(page))
		goto putback;
	if (PageAnon(page) && !PageSwapCache(page)) {
		if (swap_pageout_page(page)) {
			keep_active(page);	/* swap off or full */
			goto unlock;
		}
		fresh = true;
	}
	mapped = page_mapcount(page);
	if (page_mapped(page) && !try_to_unmap(page, mm)) {
		if (fresh && page_mapcount(page) == mapped)
			delete_from_swap_cache(page);	/* no PTE took its entry */
		keep_active(page);	/* anon without swap, an mlocked mapping, a busy mm */
		goto unlock;
	}
	if (PageSwapCache(page)) {
		if (!swap_out_unmapped(page, fresh))
			goto unlock;
	} else if (PageSwapBacked(page) || !remove_mapping(page)) {
		keep_active(page);	/* shmem without swap, dirty or busy file page */
		goto unlock;
	}
	unlock_page(page);
	put_page(page);		/* the last reference: freed */
	return;
unlock:
	unlock_page(page);
putback:
	putback_lru_page(page);
}

/* The page this mapping alone maps at *@pte, or NULL. */
static struct page *exclusive_page(struct vm_area_struct *vma, pgd_t *pgd, pte_t pte)
{
	struct page *page;

	if (!pte_present(pte) || pgd_sharers(*pgd) > 1)
		return NULL;
	page = pfn_to_page(pte_pfn(pte));
	if (page == zero_page || !PageLRU(page) || page_mapcount(page) != 1)
		return NULL;
	return page;
}

static void cold_or_pageout_pte(struct vm_area_struct *vma, unsigned long addr, pgd_t *pgd,
				bool pageout)
{
	pte_t *pte = pte_offset(pgd, addr);
	struct page *page = exclusive_page(vma, pgd, *pte);

	if (!page)
		return;
	ptep_test_and_clear_young(vma, addr, pte);
	if (!pageout) {
		deactivate_page(page);
		return;
	}
	ClearPageReferenced(page);
	if (!isolate_lru_page(page))
		return;
	if (PageUnevictable(page))
		putback_lru_page(page);
	else
		pageout_page(page, vma->vm_mm);
}

/* MADV_COLD (@pageout false) or MADV_PAGEOUT over [start, end) of @vma.  0 or -EINVAL. */
int madvise_cold_or_pageout(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool pageout)
{
	pgd_t *pgd = pgd_offset(vma->vm_mm, start);
	unsigned long addr = start, next;

	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		for (unsigned long a = addr; a != next; a += PAGE_SIZE)
			cold_or_pageout_pte(vma, a, pgd, pageout);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(vma, start, end);
	return 0;
}
