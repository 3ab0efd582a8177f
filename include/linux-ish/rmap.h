/*
 * The reverse map (mm/rmap.c, Documentation/mm/reclaim.md "Reverse
 * map"): from a page to every PTE that maps it.
 *
 * A page-cache page is found through page->mapping->i_mmap (the VMAs
 * mapping the file, i_mmap_lock) at page->index.  An anonymous page's
 * page->mapping is its anon_vma with bit 0 set (PAGE_MAPPING_ANON) and
 * page->index its linear index (vma->vm_pgoff + page offset in the VMA,
 * at the fault that made it).  An anon_vma lists every VMA that may map
 * its pages: the VMA that made them and every VMA copied from it by
 * split, mremap and fork, through any number of generations (one object
 * per family, as Linux 2.6.7-2.6.33 had; see reclaim.md for why not
 * Linux 6.1's anon_vma_chain).
 *
 * Locking: anon_vma->lock (a spinlock) covers the list; it nests inside
 * mmap_lock.  A walk holds it (or i_mmap_lock) and trylocks the mmap_lock
 * of each mm it visits, so it never waits for an mm and never deadlocks
 * against a holder of mmap_lock; an mm it cannot lock makes the walk
 * "contended".
 */
#ifndef _LINUX_ISH_RMAP_H
#define _LINUX_ISH_RMAP_H

#include <linux-ish/mm.h>

struct anon_vma {
	spinlock_t lock;
	atomic_t refcount;	/* VMAs on head + pages whose mapping points here */
	struct list_head head;	/* VMAs: vma->anon_vma_node */
};

#define PAGE_MAPPING_ANON	0x1UL

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	unsigned long m = (unsigned long)page->mapping;

	if (!PageAnon(page) || !(m & PAGE_MAPPING_ANON))
		return NULL;
	return (struct anon_vma *)(m - PAGE_MAPPING_ANON);
}

/* VMA list upkeep (mm/mmap.c's vm_area_dup/free, merge).  None can fail. */
int anon_vma_prepare(struct vm_area_struct *vma);
void __anon_vma_clone(struct vm_area_struct *dst);
void __anon_vma_unlink(struct vm_area_struct *vma);

/* @dst, a fresh copy of a VMA (split, mremap, fork), joins its original's anon_vma. */
static inline void anon_vma_clone(struct vm_area_struct *dst)
{
	if (dst->anon_vma)
		__anon_vma_clone(dst);
}

/* @vma is going away: off its anon_vma's list. */
static inline void anon_vma_unlink(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		__anon_vma_unlink(vma);
}
bool anon_vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b);
void anon_vma_merge(struct vm_area_struct *vma, struct vm_area_struct *next);
void __anon_vma_free(struct anon_vma *anon_vma);

static inline void anon_vma_put(struct anon_vma *anon_vma)
{
	if (atomic_dec_and_test(&anon_vma->refcount))
		__anon_vma_free(anon_vma);
}

void mlock_page(struct page *page);

/* A file page mapped in @vma: mlocked if the VMA is VM_LOCKED. */
static inline void page_add_file_rmap(struct page *page, const struct vm_area_struct *vma)
{
	if (unlikely(vma->vm_flags & VM_LOCKED))
		mlock_page(page);
}

/* A page read back from swap, mapped at @addr of @vma: its anon_vma and the LRU (mm/rmap.c). */
int page_add_swapin_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr);

/* Where @page would be mapped in @vma, or -EFAULT if outside it. */
unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma);

/*
 * One walk: rmap_one() is called for every VMA that may map @page, with
 * the PTE slot at the page's address (which may map something else, or
 * nothing: rmap_one checks) and that VMA's mm locked.  It returns false
 * to stop the walk.  @locked_mm: an mm whose mmap_lock the caller holds
 * (not trylocked again), or NULL.
 */
struct rmap_walk_control {
	bool (*rmap_one)(struct page *page, struct vm_area_struct *vma,
			 unsigned long addr, pte_t *pte, void *arg);
	void *arg;
	struct mm_struct *locked_mm;
	bool contended;		/* out: an mm could not be locked */
};

void rmap_walk(struct page *page, struct rmap_walk_control *rwc);

/*
 * Test-and-clear the accessed bit of every PTE mapping @page: the number
 * that were young (a PTE in a table shared by fork counts once, as in
 * _mapcount), or -1 if an mm could not be looked at; *@vm_flags gets the
 * flags of the VMAs that had it young (VM_LOCKED if one is mlocked).
 * Caller holds a reference (and the page lock for a page-cache page).
 */
int page_referenced(struct page *page, struct mm_struct *locked_mm, unsigned long *vm_flags);

/*
 * Unmaps @page from every PTE (flushing each from the TLB), dropping the
 * mappings' references.  True if it is mapped nowhere afterwards.  A page
 * in a VM_LOCKED VMA is mlocked instead and stays.  Caller holds a
 * reference (and the page lock for a page-cache page).
 */
bool try_to_unmap(struct page *page, struct mm_struct *locked_mm);

/*
 * try_to_unmap's per-PTE step for an anonymous page: replace the present
 * *@ptep (which maps @page at @addr of @vma) with the page's swap entry
 * and return true; the caller then flushes the TLB and drops the
 * mapping's _mapcount, reference and rss.  False: the page cannot leave
 * this PTE (nothing changed): not in the swap cache, or the slot's count
 * cannot grow.  Swap's half of the unmap (mm/memory.c): it also counts
 * the entry (swap_duplicate, the mm's VmSwap).
 */
bool try_to_unmap_anon_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			   struct page *page);

/*
 * Debug (mm/rmap_check.c): for each page mapped in the @n mms, counts
 * the PTEs mapping it (a page table shared by several of them once) and
 * compares with _mapcount, and checks that rmap_walk() finds every one
 * of them.  The mms must be all that map those pages.  Returns the
 * number of pages that disagree (each reported).
 */
int rmap_check_mms(struct mm_struct **mms, int n);

#endif
