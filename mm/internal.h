/* Prototypes private to mm/. */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux-ish/mm.h>

/* mm/mmap.c: VMA surgery; mmap_lock held. 0 or -ENOMEM (then nothing changed). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
int split_range(struct mm_struct *mm, unsigned long start, unsigned long end);
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
int range_fully_mapped(struct mm_struct *mm, unsigned long start, unsigned long end);

/* mm/mmap.c: the pieces mremap and madvise share with mmap; mmap_lock held. */
bool too_many_maps(const struct mm_struct *mm, int extra);
void vm_stat_account(struct mm_struct *mm, const struct vm_area_struct *vma, long npages);
bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end);
bool may_expand_vm(struct mm_struct *mm, unsigned long npages);

/* mm/mremap.c: mremap() on any mm (the syscall's and the ktest's). */
long mremap_mm(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr);

/*
 * mm/page-writeback.c: the DIRTY and WRITEBACK tags of a page-cache
 * page, which also keep the mapping on the writeback list.  Caller holds
 * mapping->lock.
 */
void __mapping_tag(struct address_space *mapping, pgoff_t index, unsigned int tag);
void __mapping_untag(struct address_space *mapping, pgoff_t index, unsigned int tag);
/* A page leaves the cache (mapping->lock held): its dirty count goes with it. */
void __page_cache_cancel_dirty(struct address_space *mapping, struct page *page);

/* mm/memory.c: does a shared mapping of this VMA track dirtying by write faults? */
bool vma_wants_writenotify(const struct vm_area_struct *vma);
/* mm/memory.c: fault-around maps cached pages around a read fault (no sleep). */
void set_file_ptes_around(struct vm_area_struct *vma, pte_t *pte, pgoff_t pgoff,
			  struct page **pages, const unsigned long *index, unsigned int n);

/*
 * mm/fault_around.c: on a read fault at empty @pte (@address, file page
 * @pgoff) of a file VMA, maps the cached pages around it (->map_pages).
 * True if the faulting page itself got mapped.  mmap_lock held.
 */
bool do_fault_around(struct vm_area_struct *vma, pte_t *pte, unsigned long address,
		     pgoff_t pgoff);

/* mm/lru_madvise.c: madvise(MADV_COLD / MADV_PAGEOUT) on [start, end) of @vma. */
int madvise_cold_or_pageout(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool pageout);
/* mm/mlock.c: a VM_LOCKED range's pages are let go of (zap_page_range). */
void munlock_vma_pages_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

#endif
