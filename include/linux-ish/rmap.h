/*
 * Reverse mapping (mm/rmap.c).  Until the LRU/rmap work lands this file
 * holds only swap's hook, which try_to_unmap() calls for each PTE that
 * maps an anonymous page in the swap cache (mm/memory.c has its body).
 */
#ifndef _LINUX_ISH_RMAP_H
#define _LINUX_ISH_RMAP_H

#include <linux-ish/mm_types.h>

/*
 * @ptep (of @vma's mm, at @addr, in a page table of that mm's own)
 * maps @page, locked and in the swap cache: the PTE becomes the page's
 * swap entry (its swap count and the mm's VmSwap one more), the
 * mapping and its page reference go, the TLB entry is flushed.  False,
 * with nothing changed, if the entry's count cannot grow.  mmap_lock held.
 */
bool try_to_unmap_anon_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			   struct page *page);

#endif
