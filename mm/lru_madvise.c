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
 * are left alone.  The reclaim itself is the LRU scan's (reclaim_page_now
 * in mm/lru_scan.c), which waits for the page's swap write.  mmap_lock
 * held throughout.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/swap.h>
#include <linux-ish/vmscan.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

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
		reclaim_page_now(page, vma->vm_mm);	/* mm/lru_scan.c, as reclaim does */
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
