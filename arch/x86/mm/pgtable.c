/*
 * Page directories and page tables of user address spaces.  A new page
 * directory gets the kernel's entries (768..1023) copied from
 * swapper_pg_dir; those never change after boot (the direct map and the
 * stack area are fully built then), so every address space sees the same
 * kernel.  Entries 0..767 point at user page tables, allocated on demand.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/string.h>
#include <asm/pgtable.h>

/*
 * Every page directory and page table of a user address space is
 * PG_table and counted in NR_PAGETABLE (meminfo PageTables) for as long
 * as it is one.
 */
static struct page *pagetable_alloc_gfp(gfp_t gfp)
{
	struct page *page = alloc_page(gfp | __GFP_ZERO);

	if (page) {
		SetPageTable(page);
		mod_vm_stat(NR_PAGETABLE, 1);
	}
	return page;
}

/*
 * Every caller copes with NULL (a fault returns VM_FAULT_OOM and, in a
 * fault, the allocator defers it: reclaim runs without the mmap_lock and
 * the fault is retried; fork and mremap return -ENOMEM), so the failure
 * is __GFP_NOWARN: mm/vmscan.c defers only such allocations.
 */
static struct page *pagetable_alloc(void)
{
	return pagetable_alloc_gfp(GFP_KERNEL | __GFP_NOWARN);
}

static void pagetable_free(struct page *page)
{
	ClearPageTable(page);
	mod_vm_stat(NR_PAGETABLE, -1);
	__free_page(page);
}

int pgd_alloc(struct mm_struct *mm)
{
	struct page *page = pagetable_alloc();
	pgd_t *pgd;

	if (!page)
		return -ENOMEM;
	pgd = page_address(page);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	mm->pgd = pgd;
	return 0;
}

/*
 * All user page tables must be gone already (free_pgtables).  The check
 * is one string scan of the 768 user entries (a C loop over them was
 * about 2,300 instructions at every exit and exec).
 */
void pgd_free(struct mm_struct *mm)
{
	VM_BUG_ON(memchr_inv(mm->pgd, 0, KERNEL_PGD_BOUNDARY * sizeof(pgd_t)));
	pagetable_free(virt_to_page(mm->pgd));
	mm->pgd = NULL;
}

/* Makes sure a page table covers @addr.  0 or -ENOMEM.  mmap_lock held. */
int pte_alloc(struct mm_struct *mm, pgd_t *pgd)
{
	struct page *page;

	if (!pgd_none(*pgd))
		return 0;
	page = pagetable_alloc();
	if (!page)
		return -ENOMEM;
	*pgd = pgd_mktable_user(page_to_phys(page));
	mm->nr_ptes++;
	return 0;
}

/*
 * A page table for unsharing (mm/pgtable_share.c): counted like any
 * other, not yet in a page directory.  NULL when memory is short.
 */
struct page *pte_table_alloc(gfp_t gfp)
{
	return pagetable_alloc_gfp(gfp);
}

/*
 * Drops @mm's reference to the page table behind @pgd and clears the
 * entry; the table is freed with its last reference.  The last owner's
 * table must be empty (zapped); a table still shared keeps its PTEs for
 * the other owners.  mmap_lock held.
 */
void pte_free(struct mm_struct *mm, pgd_t *pgd)
{
	struct page *page = pfn_to_page(pgd_pfn(*pgd));

	*pgd = __pgd(0);
	mm->nr_ptes--;
	if (atomic_dec_and_test(&page->_refcount)) {
		atomic_set(&page->_refcount, 1);	/* pagetable_free frees the one reference */
		pagetable_free(page);
	}
}

/* Frees a page table nobody's page directory points at (a spare). */
void pte_table_free(struct page *page)
{
	pagetable_free(page);
}
