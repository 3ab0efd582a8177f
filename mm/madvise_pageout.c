/*
 * MADV_PAGEOUT: reclaim a range's private anonymous pages now, to swap.
 * As Linux 6.1, only pages mapped once (page_mapcount 1) go; pages
 * under a page table that fork shares are mapped by several mms and
 * stay, as do the zero page and page-cache pages (Linnet does not drop
 * clean file pages here: see Documentation/mm/swap.md).  With no swap
 * or a full one the call still succeeds, having done what it could.
 *
 * Each page: a slot and the swap cache (unless its slot holds its data
 * already), the PTE becomes the swap entry (try_to_unmap_anon_pte, the
 * hook reclaim's reverse-map walk calls too), the page is written and,
 * clean and unreferenced but by the cache, freed.  A page whose write
 * failed stays in the cache, dirty: a fault finds it there.
 * mmap_lock held.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/swap.h>
#include "internal.h"

/* Pages out @page, mapped once at @ptep.  -ENOSPC: swap is full (stop). */
static int pageout_one(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
		       struct page *page)
{
	bool fresh = !PageSwapCache(page);
	int err;

	if (!trylock_page(page))
		return 0;
	get_page(page);
	err = swap_pageout_page(page);
	if (err)
		goto out;
	if (!try_to_unmap_anon_pte(vma, addr, ptep, page)) {
		if (fresh)
			delete_from_swap_cache(page);
		goto out;
	}
	if (fresh || PageDirty(page)) {
		if (swap_writepage(page))
			SetPageDirty(page);	/* the slot does not hold it: keep it cached */
		else
			ClearPageDirty(page);
	}
	if (!PageDirty(page) && page_count(page) == 2)	/* the cache's and ours */
		delete_from_swap_cache(page);
out:
	unlock_page(page);
	put_page(page);
	return err == -ENOSPC ? err : 0;
}

int madvise_pageout(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = start, next;

	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (vma->vm_flags & VM_SHARED)
		return 0;		/* shared memory: not anonymous pages of ours alone */
	do {
		pgd_t *pgd = pgd_offset(mm, addr);

		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd) || pgd_maybe_shared(*pgd))
			continue;
		for (unsigned long a = addr; a != next; a += PAGE_SIZE) {
			pte_t *ptep = pte_offset(pgd, a);
			struct page *page;

			if (!pte_present(*ptep))
				continue;
			page = pfn_to_page(pte_pfn(*ptep));
			if (page == zero_page || !PageAnon(page) || page_mapcount(page) != 1)
				continue;
			if (pageout_one(vma, a, ptep, page))
				return 0;	/* swap full or off */
		}
	} while (addr = next, addr != end);
	return 0;
}
