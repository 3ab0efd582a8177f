/*
 * Page tables shared by fork (On-Demand-Fork, Zhao et al., EuroSys '21).
 *
 * With fork_mode=share (the default) fork does not copy the PTEs of a
 * 4 MiB range whose VMAs are all private (FORK_COW or FORK_COPY): parent
 * and child point their pgd entries at the same page table, both entries
 * read-only (R/W clear: every PTE under it is read-only to the MMU), and
 * the table's struct page holds one reference per page directory that
 * points at it.  fork_mode=copy keeps the per-PTE copy.
 *
 * Invariants (Documentation/mm/fork.md, "Shared page tables"):
 *
 *  - A page table's _refcount is the number of page directories whose
 *    entry points at it.  A table with more than one is shared.
 *  - A pgd entry of a shared table is read-only.  A read-only entry whose
 *    table has one reference is "taken back" without a copy: it just
 *    becomes writable.
 *  - A PTE under a read-only entry is never changed for one mm alone:
 *    whatever changes a PTE first gets the table for writing
 *    (pte_table_unshare()), which copies it for this mm (every mapped
 *    page one more reference and mapping, writable PTEs write-protected in
 *    both copies) and drops this mm's reference on the shared one.
 *  - A shared table holds only PTEs of private VMAs, the same VMA (file,
 *    offset, flags) in every owner: fork shares no range with a shared,
 *    DONTCOPY or WIPEONFORK VMA in it, and changing a VMA under a shared
 *    table (munmap, mprotect, mremap) unshares first.
 *  - Each mm's rss counts the PTEs its page directory reaches, shared
 *    tables included ("as if copied"); _mapcount counts PTEs, so a page
 *    under a shared table is one mapping however many mms reach it.
 *
 * Locking: a table's contents and its pgd entries are changed under the
 * mmap_lock of the mm whose entry changes; a shared table's PTEs (the
 * write-protect at unshare) and its refcount under pt_share_lock, which
 * is held across the check of the count and the copy (the allocation
 * comes before, since it may sleep).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

bool fork_share_tables = true;

static int __init fork_mode_setup(const char *val)
{
	if (!strcmp(val, "copy"))
		fork_share_tables = false;
	else if (!strcmp(val, "share"))
		fork_share_tables = true;
	else
		pr_warn("fork_mode=%s: not copy or share; keeping %s\n", val,
			fork_share_tables ? "share" : "copy");
	return 0;
}
__setup("fork_mode=", fork_mode_setup);

static DEFINE_SPINLOCK(pt_share_lock);

/*
 * The copy for one owner: each mapped page (but the zero page) one more
 * reference and mapping; a writable PTE (a private anonymous page this
 * table held alone) is write-protected in both, so that either side's
 * first write copies the page.  The rss of the owner counted these
 * PTEs already.  pt_share_lock held.
 */
static void copy_shared_ptes(pte_t *dst, pte_t *src, unsigned int first, unsigned int end)
{
	/* Locals: the atomics below are compiler barriers (this is the hot loop). */
	struct page *const map = mem_map, *const zero = zero_page;

	for (unsigned int i = first; i < end; i++) {
		pte_t pte = src[i];
		struct page *page;

		if (!pte_present(pte)) {
			if (is_swap_pte(pte))	/* one more PTE names the slot */
				swap_duplicate_nofail(pte_to_swp_entry(pte));
			dst[i] = pte;
			continue;
		}
		if (pte_write(pte)) {
			pte = pte_wrprotect(pte);
			set_pte(&src[i], pte);
		}
		page = map + pte_pfn(pte);
		if (page != zero) {
			atomic_inc(&page->_refcount);	/* get_page: src's PTE holds one */
			atomic_inc(&page->_mapcount);
		}
		dst[i] = pte;
	}
}

/* The user address the page table behind @mm's entry @pgd maps from. */
static unsigned long table_base(const struct mm_struct *mm, const pgd_t *pgd)
{
	return (unsigned long)(pgd - mm->pgd) << PGDIR_SHIFT;
}

/*
 * Copies the table for @mm, only where @mm has VMAs: a shared table has
 * no present PTE outside its owners' VMAs (fork shared it with the VMAs
 * over it, and whatever takes a VMA away unshares or drops the table
 * first), so the rest of the new, zeroed table is already right.
 */
static void copy_shared_table(struct mm_struct *mm, unsigned long base, pte_t *dst, pte_t *src)
{
	unsigned long end = base + PGDIR_SIZE;
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, base, end) {
		unsigned long from = max(vma->vm_start, base), to = min(vma->vm_end, end);

		copy_shared_ptes(dst, src, pte_index(from), pte_index(from) + ((to - from) >> PAGE_SHIFT));
	}
}

/*
 * Gets the page table behind @pgd (an entry of @mm) for writing: a
 * shared one is copied for @mm, one whose other owners are gone is taken
 * back writable.  0 (also for an empty or already writable entry), or
 * -ENOMEM with nothing changed.  mmap_lock of @mm held.
 */
int __pte_table_unshare(struct mm_struct *mm, pgd_t *pgd, gfp_t gfp)
{
	struct page *old, *new = NULL;
	unsigned long flags;

	if (!pgd_maybe_shared(*pgd))
		return 0;
	old = pgd_page(*pgd);
	if (page_count(old) > 1) {
		new = pte_table_alloc(gfp | __GFP_NOWARN);
		if (!new)
			return -ENOMEM;
	}
	spin_lock_irqsave(&pt_share_lock, flags);
	if (page_count(old) == 1) {
		/* The others left while we allocated, or there were none. */
		*pgd = pgd_mkwrite(*pgd);
	} else {
		copy_shared_table(mm, table_base(mm, pgd), page_address(new), page_address(old));
		atomic_dec(&old->_refcount);	/* not the last: count was > 1 */
		*pgd = pgd_mktable_user(page_to_phys(new));
		new = NULL;
		vm_events.pt_unshare++;		/* copies only, not take-backs */
	}
	spin_unlock_irqrestore(&pt_share_lock, flags);
	if (new)
		pte_table_free(new);
	/* The entry changed: no cached walk through the old one may remain. */
	flush_tlb_mm(mm);
	return 0;
}

/* Does [start, end) cover the whole 4 MiB of the table at @addr? */
static bool covers_table(unsigned long addr, unsigned long start, unsigned long end)
{
	return addr >= start && end - addr >= PGDIR_SIZE;
}

/*
 * Gets every page table of [start, end) for writing (munmap, mprotect,
 * mremap, madvise before they change anything).  With @dropping the
 * caller is about to unmap [start, end): a shared table whose whole
 * 4 MiB lies inside is not copied, @mm just lets go of it (its PTEs
 * leave @mm's rss) -- but only once every copy that can fail is made,
 * so that -ENOMEM loses no PTE.  0 or -ENOMEM; what was unshared before
 * a failure stays unshared (harmless).  mmap_lock held.
 */
int __unshare_pte_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool dropping)
{
	unsigned long first = start & PGDIR_MASK, addr;

	for (addr = first; addr < end && addr < TASK_SIZE; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);

		if (!pgd_maybe_shared(*pgd))
			continue;
		if (dropping && covers_table(addr, start, end) && page_count(pgd_page(*pgd)) > 1)
			continue;	/* the second pass */
		if (pte_table_unshare(mm, pgd, GFP_KERNEL))
			return -ENOMEM;
	}
	for (addr = first; dropping && addr < end && addr < TASK_SIZE; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);

		if (pgd_maybe_shared(*pgd) && covers_table(addr, start, end) &&
		    page_count(pgd_page(*pgd)) > 1)
			pte_table_drop(mm, pgd);
	}
	return 0;
}

/*
 * The present PTEs of [first, end) of one table, as rss counts them (the
 * zero page not), and the swap PTEs in *@swap.
 */
static void ptes_rss(const pte_t *pte, unsigned int first, unsigned int end,
		     unsigned long *anon, unsigned long *file, unsigned long *swap)
{
	for (unsigned int i = first; i < end; i++) {
		struct page *page;

		if (!pte_present(pte[i])) {
			*swap += is_swap_pte(pte[i]);
			continue;
		}
		page = pfn_to_page(pte_pfn(pte[i]));
		if (page == zero_page)
			continue;
		if (PageAnon(page))
			(*anon)++;
		else
			(*file)++;
	}
}

/* The present PTEs of [first, end) of one table. */
static unsigned long ptes_present(const pte_t *pte, unsigned int first, unsigned int end)
{
	unsigned long n = 0;

	for (unsigned int i = first; i < end; i++)
		n += pte_present(pte[i]);
	return n;
}

/*
 * The same over the parts of @mm's table at @base that VMAs cover (see
 * copy_shared_table).  A private file VMA that never had a private copy
 * (vm_anon_pages) maps page-cache pages only -- no zero page, no swap
 * entry -- so its present PTEs are all file rss, with no page looked at.
 */
static void table_rss(struct mm_struct *mm, unsigned long base, const pte_t *pte,
		      unsigned long *anon, unsigned long *file, unsigned long *swap)
{
	unsigned long end = base + PGDIR_SIZE;
	struct vm_area_struct *vma;

	*anon = *file = *swap = 0;
	for_each_vma_range(vma, mm, base, end) {
		unsigned long from = max(vma->vm_start, base), to = min(vma->vm_end, end);
		unsigned int first = pte_index(from), last = first + ((to - from) >> PAGE_SHIFT);

		if ((vma->vm_flags & (VM_FILE | VM_SHARED)) == VM_FILE && !vma->vm_anon_pages)
			*file += ptes_present(pte, first, last);
		else
			ptes_rss(pte, first, last, anon, file, swap);
	}
}

static void rss_sub(unsigned long *rss, unsigned long n)
{
	*rss = *rss > n ? *rss - n : 0;
}

/*
 * @mm lets go of the shared table behind @pgd without touching its PTEs
 * (another mm still owns it): the entry is cleared, the reference
 * dropped, the PTEs leave @mm's rss.  mmap_lock held.
 */
void pte_table_drop(struct mm_struct *mm, pgd_t *pgd)
{
	unsigned long anon, file, swap, flags;

	update_hiwater_rss(mm);
	table_rss(mm, table_base(mm, pgd), pgd_page_vaddr(*pgd), &anon, &file, &swap);
	rss_sub(&mm->rss_anon, anon);
	rss_sub(&mm->rss_file, file);
	rss_sub(&mm->swap_ents, swap);
	spin_lock_irqsave(&pt_share_lock, flags);
	pte_free(mm, pgd);
	spin_unlock_irqrestore(&pt_share_lock, flags);
	flush_tlb_mm(mm);
}

/*
 * Exit: @mm lets go of every table it shares with another mm, without
 * looking at the PTEs (their pages are the other owners').  The rss is
 * left as it was: the mm is going away (exit_mmap clears it).  A table
 * @mm is the last owner of is taken back and zapped as usual.
 * mmap_lock held or @mm unreachable.
 */
void drop_shared_tables(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	bool dropped = false;

	/* A shared table lies under a VMA of each owner (copy_shared_table). */
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		unsigned int last = pgd_index(vma->vm_end - 1);

		for (unsigned int i = pgd_index(vma->vm_start); i <= last; i++) {
			pgd_t *pgd = mm->pgd + i;
			unsigned long flags;

			if (!pgd_maybe_shared(*pgd))
				continue;
			spin_lock_irqsave(&pt_share_lock, flags);
			if (page_count(pgd_page(*pgd)) > 1) {
				pte_free(mm, pgd);
				dropped = true;
			} else {
				*pgd = pgd_mkwrite(*pgd);
			}
			spin_unlock_irqrestore(&pt_share_lock, flags);
		}
	}
	if (dropped)
		flush_tlb_mm(mm);
}

/*
 * fork: gives @dst the page tables of @src for every 4 MiB range that
 * @shareable(index) allows, read-only on both sides.  @dst's rss starts
 * as @src's, minus the PTEs of the tables not shared: copy_page_range()
 * adds back what it copies of those.  Cannot fail.  @src's mmap_lock
 * held; @dst is not yet visible.
 */
void fork_share_tables_of(struct mm_struct *dst, struct mm_struct *src,
			  const struct pgd_range_map *shareable)
{
	struct vm_area_struct *vma;
	unsigned int done = 0;	/* pgd indexes below this are dealt with */
	bool wrprotected = false;
	unsigned long flags;

	dst->rss_anon = src->rss_anon;
	dst->rss_file = src->rss_file;
	dst->swap_ents = src->swap_ents;
	spin_lock_irqsave(&pt_share_lock, flags);
	/* Every present table of @src lies under a VMA, as in drop_shared_tables. */
	list_for_each_entry(vma, &src->mmap_list, vm_list) {
		unsigned int i = max(pgd_index(vma->vm_start), done);
		unsigned int last = pgd_index(vma->vm_end - 1);

		for (; i <= last; i++) {
			pgd_t *s = src->pgd + i;

			if (!pgd_present(*s))
				continue;
			if (!pgd_range_test(shareable, i)) {
				unsigned long anon, file, swap;

				table_rss(src, (unsigned long)i << PGDIR_SHIFT, pgd_page_vaddr(*s),
					  &anon, &file, &swap);
				rss_sub(&dst->rss_anon, anon);
				rss_sub(&dst->rss_file, file);
				rss_sub(&dst->swap_ents, swap);
				continue;
			}
			get_page(pgd_page(*s));
			if (pgd_write(*s)) {
				*s = pgd_wrprotect(*s);
				wrprotected = true;
			}
			dst->pgd[i] = *s;
			dst->nr_ptes++;
		}
		done = last + 1;
	}
	spin_unlock_irqrestore(&pt_share_lock, flags);
	if (wrprotected)
		flush_tlb_mm(src);
}

/*
 * The reference check: every page table reached from @mms (an array of
 * @n distinct mm's, which must be all the owners of their tables) has a
 * _refcount equal to the number of them whose page directory points at
 * it, and a table with more than one has read-only entries.  Returns
 * the number of tables that break the rule (0: all fine).  For ktest.
 */
int pgtable_share_check(struct mm_struct *const *mms, int n)
{
	int bad = 0;

	for (int a = 0; a < n; a++) {
		for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
			pgd_t pgd = mms[a]->pgd[i];
			int owners = 0;

			if (!pgd_present(pgd))
				continue;
			for (int b = 0; b < n; b++)
				for (unsigned int j = 0; j < KERNEL_PGD_BOUNDARY; j++)
					owners += pgd_present(mms[b]->pgd[j]) &&
						  pgd_pfn(mms[b]->pgd[j]) == pgd_pfn(pgd);
			if (page_count(pgd_page(pgd)) != owners ||
			    (owners > 1 && pgd_write(pgd))) {
				pr_err("pgtable_share_check: table %lx: refcount %d, %d owners, pgd %lx\n",
				       pgd_pfn(pgd), page_count(pgd_page(pgd)), owners,
				       pgd_val(pgd));
				bad++;
			}
		}
	}
	return bad;
}
