/*
 * Without swap an anonymous page has nowhere to go: try_to_unmap()
 * leaves it mapped.  The swap code (mm/swapfile.c) replaces this file.
 */
#include <linux-ish/rmap.h>

bool try_to_unmap_anon_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			   struct page *page)
{
	return false;
}
