/*
 * Page tables and page faults.
 *
 * The fault cases (handle_mm_fault(), with the VMA already checked by the
 * arch fault handler and mmap_lock held):
 *
 *   PTE not present, anonymous VMA
 *     read   -> map the shared zero page read-only (no memory used yet)
 *     write  -> a fresh zeroed page, writable                do_anonymous_page
 *   PTE not present, file or shmem VMA: ask vma->vm_ops->fault for the
 *   page-cache page, then
 *     read, or write to a shared VMA -> map that very page     do_fault
 *     write to a private VMA         -> map a private copy     do_cow_fault
 *   PTE present but read-only, write access                    do_wp_page
 *     shared VMA                     -> just make it writable (and dirty)
 *     private, anonymous page whose only reference is this
 *     mapping (page_count == 1)      -> reuse it: make it writable
 *     otherwise (shared by fork, the zero page, a page-cache
 *     page)                          -> copy it                wp_page_copy
 *
 * Reference rules: every PTE that maps a page (other than the zero page)
 * holds one reference (_refcount) and one mapping (_mapcount).  A page
 * copied at fork is mapped read-only in both parent and child, so the
 * first write of either faults and decides to copy or reuse.
 *
 * Locking: mmap_lock (held by every caller here) covers the VMAs and the
 * page tables.  Pages freed by a zap are freed before the TLB flush; on
 * one CPU no user code runs in between, so no stale entry is used (SMP
 * will need to batch them until after the flush).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <linux-ish/writeback.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

struct page *zero_page;
struct vm_event_counts vm_events;

static pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

static void copy_page(void *dst, const void *src)
{
	memcpy(dst, src, PAGE_SIZE);
}

/* The mapping's reference and rmap count; zero page excluded by callers. */
static void page_add_rmap(struct page *page, struct mm_struct *mm)
{
	atomic_inc(&page->_mapcount);
	if (PageAnon(page))
		mm->rss_anon++;
	else
		mm->rss_file++;
}

static void page_remove_rmap(struct page *page, struct mm_struct *mm)
{
	atomic_dec(&page->_mapcount);
	if (PageAnon(page))
		mm->rss_anon--;
	else
		mm->rss_file--;
}

static bool is_zero_page(const struct page *page)
{
	return page == zero_page;
}

/*
 * The page table behind @pgd for a change that cannot fail (a zap, a
 * PTE walk): a shared one is copied with an allocation that fault
 * injection leaves alone.  False only when memory is really exhausted;
 * the caller then works on the shared table itself (see zap_page_range).
 */
static bool pte_table_for_write(struct mm_struct *mm, pgd_t *pgd)
{
	return !pte_table_unshare(mm, pgd, GFP_KERNEL | __GFP_NOFAIL);
}

/* ---- zap: unmap a range and drop its references ---- */

/* A zapped swap PTE: its count, and the cache's page at the last (mm/swapfile.c). */
static void zap_swap_pte(struct mm_struct *mm, pte_t old)
{
	free_swap_and_cache(pte_to_swp_entry(old));
	mm->swap_ents--;
}

/* The first entry of [pte, stop) that is not pte_none (all bits 0), or @stop. */
static pte_t *skip_none_ptes(pte_t *pte, pte_t *stop)
{
	const char *used;

	if (stop - pte <= 8) {		/* shorter than the scan's set-up */
		while (pte != stop && pte_none(*pte))
			pte++;
		return pte;
	}
	used = memchr_inv(pte, 0, (stop - pte) * sizeof(pte_t));

	return used ? (pte_t *)((unsigned long)used & ~(sizeof(pte_t) - 1)) : stop;
}

/*
 * Clears the PTEs of [addr, end) under one table and drops what they
 * mapped.  Runs of empty entries (a mapping never touched, in a table it
 * shares with others) are skipped with one string scan, not an exchange
 * per entry.
 */
static void zap_pte_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr,
			  unsigned long end)
{
	pte_t *pte = pte_offset(pgd, addr), *stop = pte + ((end - addr) >> PAGE_SHIFT);

	for (; pte != stop; pte++) {
		struct page *page;
		pte_t old;

		if (pte_none(*pte)) {
			pte = skip_none_ptes(pte, stop);
			if (pte == stop)
				break;
		}
		old = ptep_get_and_clear(pte);
		if (!pte_present(old)) {
			if (is_swap_pte(old))	/* swap: the PTE's count goes */
				zap_swap_pte(mm, old);
			continue;
		}
		page = pfn_to_page(pte_pfn(old));
		if (is_zero_page(page))
			continue;
		if (pte_dirty(old) && !PageAnon(page))
			set_page_dirty(page);	/* a shared file page was written */
		page_remove_rmap(page, mm);
		put_page(page);
	}
}

/*
 * A zap of a range under a shared page table copies the table first.
 * munmap, madvise and mremap unshared their ranges already (where
 * -ENOMEM can still be returned); truncation (unmap_mapping_pages)
 * cannot fail, and if even the copy cannot be had, it clears the PTEs in
 * the shared table itself: every owner maps the same file pages there
 * (the invariant in mm/pgtable_share.c) and every owner's mapping is
 * being zapped; only the other owners' rss stays too high.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long addr = start, next;

	if (!vma->vm_faulted)
		return;		/* never faulted: no PTE to clear, none cached in a TLB */
	/* The rss is about to fall: what it was is the high-water mark so far. */
	update_hiwater_rss(mm);
	if (vma->vm_flags & VM_LOCKED)
		munlock_vma_pages_range(vma, start, end);	/* mm/mlock.c */
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		pte_table_for_write(mm, pgd);
		zap_pte_range(mm, pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(vma, start, end);
}

/*
 * A punched hole: clears the PTEs of [addr, end) under one page table
 * that map a page of @mapping's cache and drops their references; the
 * copies a private mapping made (anonymous pages) stay.  Kept apart from
 * zap_pte_range so that munmap and exit pay nothing for the test.
 */
static void zap_mapping_pte_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr,
				  unsigned long end, const struct address_space *mapping)
{
	pte_t *pte = pte_offset(pgd, addr);

	do {
		struct page *page;
		pte_t old;

		if (!pte_present(*pte))
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		if (page->mapping != mapping || is_zero_page(page))
			continue;
		old = ptep_get_and_clear(pte);
		if (pte_dirty(old))
			set_page_dirty(page);
		page_remove_rmap(page, mm);
		put_page(page);
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

/* Unmaps only the page-cache pages of @mapping in [start, end) of @vma. */
void zap_mapping_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       const struct address_space *mapping)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long addr = start, next;

	update_hiwater_rss(mm);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		pte_table_for_write(mm, pgd);	/* as zap_page_range */
		zap_mapping_pte_range(mm, pgd, addr, next, mapping);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(vma, start, end);
}

/* Is any part of [start, end) covered by a VMA? */
static bool range_has_vma(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end;
}

/* Every entry pte_none, i.e. zero: one string scan of the page. */
static bool pte_table_empty(pgd_t *pgd)
{
	return !memchr_inv(pgd_page_vaddr(*pgd), 0, PTRS_PER_PTE * sizeof(pte_t));
}

/*
 * The first entry of @mm's page directory from @pgd up to the one that
 * maps @end - 1 that is not empty, or NULL: one string scan over runs
 * of empty entries (an exit passes all 768 user entries).
 */
static noinline pgd_t *skip_none_pgds(struct mm_struct *mm, pgd_t *pgd, unsigned long end)
{
	pgd_t *stop = pgd_offset(mm, min(end, TASK_SIZE) - 1) + 1;
	const char *used = memchr_inv(pgd, 0, (stop - pgd) * sizeof(pgd_t));

	return used ? (pgd_t *)((unsigned long)used & ~(sizeof(pgd_t) - 1)) : NULL;
}

/*
 * Frees the page tables in [start, end) that no VMA uses any more (a
 * table covers 4 MiB; one still partly in use stays).  The range was
 * zapped already, so the freed tables are empty.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr = start & PGDIR_MASK;

	for (; addr < end && addr < TASK_SIZE; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);

		if (pgd_none(*pgd)) {
			if (end - addr <= 8 * PGDIR_SIZE)
				continue;	/* shorter than the scan's set-up (munmap's usual case) */
			pgd = skip_none_pgds(mm, pgd, end);
			if (!pgd)
				break;
			addr = (unsigned long)(pgd - pgd_offset(mm, 0)) << PGDIR_SHIFT;
		}
		if (range_has_vma(mm, addr, addr + PGDIR_SIZE))
			continue;
		pgd = pgd_offset(mm, addr);	/* again, not kept across the call */
		if (pgd_maybe_shared(*pgd) && page_count(pgd_page(*pgd)) > 1) {
			pte_table_drop(mm, pgd);	/* the other owners' PTEs stay */
		} else {
			VM_BUG_ON(!pte_table_empty(pgd));
			pte_free(mm, pgd);
		}
		if (addr + PGDIR_SIZE < addr)
			break;
	}
}

/* ---- fork: copy the page tables of one VMA ---- */

/* Returns true if the parent's PTE was write-protected (needs a flush). */
static bool copy_one_pte(struct mm_struct *dst_mm, pte_t *dst, pte_t *src, bool cow)
{
	pte_t pte = *src;
	struct page *page;
	bool wrprotected = false;

	if (!pte_present(pte))
		return false;
	page = pfn_to_page(pte_pfn(pte));
	if (cow && pte_write(pte)) {
		set_pte(src, pte_wrprotect(pte));
		pte = pte_wrprotect(pte);
		wrprotected = true;
	}
	if (!is_zero_page(page)) {
		get_page(page);
		page_add_rmap(page, dst_mm);
	}
	set_pte(dst, pte);
	return wrprotected;
}

static int copy_pte_range(struct mm_struct *dst_mm, pgd_t *dst_pgd, pgd_t *src_pgd,
			  unsigned long addr, unsigned long end, bool cow, bool *flush)
{
	pte_t *src, *dst;

	if (pte_alloc(dst_mm, dst_pgd))
		return -ENOMEM;
	src = pte_offset(src_pgd, addr);
	dst = pte_offset(dst_pgd, addr);
	do {
		if (is_swap_pte(*src)) {
			/* A swapped-out page: the child's PTE names the slot too. */
			if (swap_duplicate(pte_to_swp_entry(*src)))
				return -ENOMEM;
			set_pte(dst, *src);
			dst_mm->swap_ents++;
		} else if (copy_one_pte(dst_mm, dst, src, cow)) {
			*flush = true;
		}
	} while (dst++, src++, addr += PAGE_SIZE, addr != end);
	return 0;
}

/*
 * fork: gives @dst the PTEs of @vma (a private VMA of @src), each page
 * referenced once more.  With @cow, writable PTEs are write-protected on
 * both sides first.  Whether a VMA comes here at all is fork's rule
 * (vma_fork_rule() in kernel/fork.c).  -ENOMEM leaves what was copied
 * for the caller's teardown (exit_mmap of the half-built child).
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma, bool cow)
{
	unsigned long addr = vma->vm_start, end = vma->vm_end, next;
	pgd_t *src_pgd = pgd_offset(src, addr), *dst_pgd = pgd_offset(dst, addr);
	bool flush = false;
	int err = 0;

	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*src_pgd))
			continue;
		if (pgd_maybe_shared(*dst_pgd))
			continue;	/* the child shares this table (fork_share_tables_of) */
		/* Write-protecting the parent's PTEs is a change: its own table. */
		err = pte_table_unshare(src, src_pgd, GFP_KERNEL);
		if (err)
			break;
		err = copy_pte_range(dst, dst_pgd, src_pgd, addr, next, cow, &flush);
		if (err)
			break;
	} while (dst_pgd++, src_pgd++, addr = next, addr != end);
	if (flush)
		flush_tlb_range(vma, vma->vm_start, vma->vm_end);
	return err;
}

/* ---- walking the present PTEs of a range: mprotect, msync ---- */

/*
 * Calls @fn on every present PTE of [start, end) (page aligned, inside
 * @vma), then flushes the range from the TLB: @fn may rewrite the PTE (a
 * stale writable TLB entry must not outlive it) but neither frees the
 * page table nor changes the page's references.  mmap_lock held.
 */
void walk_present_ptes(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		       void (*fn)(pte_t *pte, void *arg), void *arg)
{
	pgd_t *pgd = pgd_offset(vma->vm_mm, start);
	unsigned long addr = start, next;

	do {
		pte_t *pte;

		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		/* mprotect unshared its range first; a shared VMA's tables never are */
		if (WARN_ON_ONCE(!pte_table_for_write(vma->vm_mm, pgd)))
			continue;
		pte = pte_offset(pgd, addr);
		for (unsigned long a = addr; a != next; a += PAGE_SIZE, pte++)
			if (pte_present(*pte))
				fn(pte, arg);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(vma, start, end);
}

/*
 * The zero page is never mapped writable, whatever the VMA allows; nor
 * is a clean page of a shared mapping that tracks dirtying (its first
 * write must fault: vma_wants_writenotify).
 */
static void change_pte_protection(pte_t *pte, void *prot)
{
	pte_t entry = pte_modify(*pte, *(pgprot_t *)prot);
	struct page *page = pfn_to_page(pte_pfn(entry));

	if (!pte_dirty(entry) && !PageAnon(page) && mapping_can_writeback(page->mapping))
		entry = pte_wrprotect(entry);
	if (is_zero_page(page))
		entry = pte_wrprotect(entry);
	set_pte(pte, entry);
}

void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, pgprot_t prot)
{
	walk_present_ptes(vma, start, end, change_pte_protection, &prot);
}

/* ---- faults ---- */

/*
 * A shared mapping of a file that writes back tracks dirtying: its clean
 * pages are mapped read-only, the first write faults (do_wp_page or
 * do_shared_fault) and dirties the page, and writeback write-protects it
 * again (page_mkclean).  RAM files' shared mappings map writable at once.
 */
bool vma_wants_writenotify(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_SHARED) && vma->vm_file &&
	       mapping_can_writeback(vma->vm_file->f_inode->i_mapping);
}

/*
 * A PTE for a page this mapping now owns privately: writable only if the
 * VMA is.  A forced write (/proc/<pid>/mem into a read-only private
 * mapping, as ptrace's) gets its own copy that the process still cannot
 * write.
 */
static pte_t maybe_mkwrite(pte_t pte, const struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_WRITE) ? pte_mkwrite(pte) : pte;
}

static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, pte_t *pte,
				    unsigned long address, unsigned int flags)
{
	struct page *page;
	pte_t entry;

	if (!(flags & FAULT_FLAG_WRITE)) {
		set_pte(pte, mk_pte(zero_page, PAGE_READONLY));
		vm_events.zero_page_maps++;
		return 0;
	}
	page = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
	if (!page)
		return VM_FAULT_OOM;
	if (page_set_anon_rmap(page, vma, address)) {	/* anon_vma, LRU (mm/rmap.c) */
		put_page(page);
		return VM_FAULT_OOM;
	}
	page_add_rmap(page, vma->vm_mm);
	entry = pte_mkdirty(maybe_mkwrite(mk_pte(page, vma->vm_page_prot), vma));
	set_pte(pte, entry);
	return 0;
}

/* Maps a private copy of @src (page cache, zero page or a COW-shared page). */
static vm_fault_t map_private_copy(struct vm_area_struct *vma, pte_t *pte,
				   unsigned long address, struct page *src)
{
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN | (is_zero_page(src) ? __GFP_ZERO : 0);
	struct page *page = alloc_page(gfp);

	if (!page)
		return VM_FAULT_OOM;
	if (page_set_anon_rmap(page, vma, address)) {	/* anon_vma, LRU (mm/rmap.c) */
		put_page(page);
		return VM_FAULT_OOM;
	}
	if (!is_zero_page(src))
		copy_page(page_address(page), page_address(src));
	page_add_rmap(page, vma->vm_mm);
	vma->vm_anon_pages = true;	/* fork must copy this VMA's PTEs from now on */
	set_pte(pte, pte_mkdirty(maybe_mkwrite(mk_pte(page, vma->vm_page_prot), vma)));
	return 0;
}

/*
 * Maps page-cache page @page at the empty @pte of @vma: for a read, or
 * with @write for a write to a shared VMA.  The caller's reference
 * becomes the mapping's.  A private VMA's protection is read-only (the
 * first write copies); a shared one that tracks dirtying maps clean
 * pages read-only too.  set_file_ptes_around() below follows the same
 * rule for fault-around's pages.
 */
static void set_file_pte(struct vm_area_struct *vma, pte_t *pte, struct page *page, bool write)
{
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	page_add_rmap(page, vma->vm_mm);
	page_add_file_rmap(page, vma);		/* mlock in a VM_LOCKED VMA (mm/rmap.c) */
	if (write) {
		/* do_shared_fault: dirty first, then the writable PTE (no sleep between) */
		set_page_dirty(page);
		entry = pte_mkdirty(pte_mkwrite(entry));
	} else if ((vma->vm_flags & VM_SHARED) && vma_wants_writenotify(vma)) {
		entry = pte_wrprotect(entry);	/* the first write must fault */
	}
	set_pte(pte, entry);
}

/*
 * One batch of set_file_ptes_around() with the VMA's answers fixed:
 * @prot already read-only where it must be, @locked for VM_LOCKED.
 * Always inlined twice, so the common loop tests neither per page (the
 * mlock test alone had cost the file fault row 3 %).  Returns how many
 * pages it mapped.
 */
static __always_inline unsigned long map_pages_batch(pte_t *pte, pgoff_t pgoff,
						     struct page **pages,
						     const unsigned long *index,
						     unsigned int n, pgprot_t prot, bool locked)
{
	const unsigned long state = (1UL << PG_uptodate) | (1UL << PG_locked);
	unsigned long mapped = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct page *page = pages[i];
		pte_t *p = pte + (index[i] - pgoff);

		/* uptodate and unlocked, in one test */
		if ((page->flags & state) != (1UL << PG_uptodate) || !pte_none(*p))
			continue;
		get_page(page);
		atomic_inc(&page->_mapcount);	/* page_add_rmap of a cache page */
		if (locked)
			mlock_page(page);	/* page_add_file_rmap */
		set_pte(p, mk_pte(page, prot));
		mapped++;
	}
	return mapped;
}

/*
 * Fault-around's batch (filemap_map_pages, under mapping->lock): of @n
 * page-cache pages at file offsets @index[], inside the window whose
 * first PTE is @pte at offset @pgoff, maps each that is uptodate and
 * unlocked where the PTE is empty, as set_file_pte maps a read fault's
 * page: the VMA's protection, read-only for a shared mapping that tracks
 * dirtying.  Takes the mapping's references itself; never sleeps.
 */
void set_file_ptes_around(struct vm_area_struct *vma, pte_t *pte, pgoff_t pgoff,
			  struct page **pages, const unsigned long *index, unsigned int n)
{
	pgprot_t prot = vma->vm_page_prot;

	if ((vma->vm_flags & VM_SHARED) && vma_wants_writenotify(vma))
		prot = pgprot_wrprotect(prot);	/* the first write must fault */
	if (unlikely(vma->vm_flags & VM_LOCKED))
		vma->vm_mm->rss_file += map_pages_batch(pte, pgoff, pages, index, n, prot, true);
	else
		vma->vm_mm->rss_file += map_pages_batch(pte, pgoff, pages, index, n, prot, false);
}

static vm_fault_t do_fault(struct vm_area_struct *vma, pte_t *pte,
			   unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address,
		.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff,
		.flags = flags,
	};
	bool write = flags & FAULT_FLAG_WRITE;
	vm_fault_t ret;

	/* do_read_fault: cached neighbours first; done if they include this page */
	if (!write && do_fault_around(vma, pte, address, vmf.pgoff))
		return 0;
	ret = vma->vm_ops->fault(&vmf);
	if (ret)
		return ret;
	if (write && !(vma->vm_flags & VM_SHARED)) {	/* do_cow_fault */
		ret = map_private_copy(vma, pte, address, vmf.page);
		put_page(vmf.page);
		vm_events.cow_copy += !ret;
		return ret;
	}
	set_file_pte(vma, pte, vmf.page, write);
	if (write)
		fault_dirty_shared_page(vma, vmf.page->mapping);	/* may sleep: PTE done */
	return 0;
}

static vm_fault_t wp_page_copy(struct vm_area_struct *vma, pte_t *pte,
			       unsigned long address, struct page *old)
{
	vm_fault_t ret = map_private_copy(vma, pte, address, old);

	if (ret)
		return ret;
	if (!is_zero_page(old)) {
		page_remove_rmap(old, vma->vm_mm);
		put_page(old);
	}
	flush_tlb_page(vma, address);
	vm_events.cow_copy++;
	return 0;
}

static vm_fault_t do_wp_page(struct vm_area_struct *vma, pte_t *pte,
			     unsigned long address, pte_t orig)
{
	struct page *page = pfn_to_page(pte_pfn(orig));

	if ((vma->vm_flags & VM_SHARED) && !is_zero_page(page)) {
		/* Shared: the one page is everyone's; writing just dirties it. */
		if (!PageAnon(page))
			set_page_dirty(page);
		set_pte(pte, pte_mkdirty(pte_mkwrite(orig)));
		flush_tlb_page(vma, address);
		fault_dirty_shared_page(vma, page->mapping);	/* may sleep: PTE done */
		return 0;
	}
	if (!is_zero_page(page) && PageAnon(page) && page_count(page) == 1) {
		/* wp_page_reuse: nobody else can see this page. */
		set_pte(pte, pte_mkdirty(maybe_mkwrite(orig, vma)));
		flush_tlb_page(vma, address);
		vm_events.cow_reuse++;
		return 0;
	}
	return wp_page_copy(vma, pte, address, page);
}

/* ---- swap: swap-in on fault, swap-out's unmap, swapoff's unuse ---- */

/*
 * A fault that must sleep for @page (referenced) -- its swap-in read in
 * flight, reclaim holding it, reclaim's write of its slot -- and may
 * retry (FAULT_FLAG_ALLOW_RETRY) does not sleep under mmap_lock: the
 * reverse map trylocks every mm's mmap_lock and would find this one
 * busy for the whole wait, and keep the pages of the whole fork family
 * (Documentation/mm/faults.md "Retry").  It drops the lock, waits for
 * the page's lock (@writeback: its write) without it, gives up the
 * reference and returns VM_FAULT_RETRY; the arch handler runs the
 * fault again.  Not counted as a fault of the task: the try that
 * completes is (Linux's mm_account_fault).
 */
static vm_fault_t fault_wait_page_retry(struct page *page, struct mm_struct *mm, bool writeback)
{
	__acquire(&mm->mmap_lock);	/* for sparse: the caller's, released here */
	mutex_unlock(&mm->mmap_lock);
	if (writeback)
		wait_on_page_writeback(page);
	else
		wait_on_page_locked(page);
	put_page(page);
	current->ru.min_flt--;
	return VM_FAULT_RETRY;
}

/*
 * A fault on swap PTE @orig at @pte (a page table of this mm's own):
 * the page from the swap cache, or read in with its neighbours (a major
 * fault), mapped, the PTE's swap count dropped; when no other swap PTE
 * names the slot the page leaves the cache (the slot is free) and, if
 * this is its only reference, a write maps it writable at once.  Still
 * shared (another mm mapped the cached page, or the cache keeps it for
 * other swap PTEs), it is mapped read-only and a write copies it
 * (do_wp_page).  @fault: a real fault (counted), not swapoff's unuse.
 */
static vm_fault_t do_swap_page(struct vm_area_struct *vma, pte_t *pte, unsigned long address,
			       unsigned int flags, pte_t orig, bool fault)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct mm_struct *mm = vma->vm_mm;
	bool major = false;
	struct page *page;
	pte_t new;

	if (!swap_entry_valid(entry)) {
		pr_err("BUG: Bad swap entry %08lx in %s at %08lx\n", entry.val, current->comm,
			 address);
		return VM_FAULT_SIGBUS;
	}
	page = lookup_swap_cache(entry);
	if (!page) {
		page = swapin_readahead(entry, &major);
		if (fault && major)
			vm_events.pgmajfault++;	/* at the read, as Linux: a retry does not undo it */
	}
	if (!page)
		return pte_val(*pte) == pte_val(orig) ? VM_FAULT_OOM : 0;
	if (!trylock_page(page)) {
		if (flags & FAULT_FLAG_ALLOW_RETRY)
			return fault_wait_page_retry(page, mm, false);
		lock_page(page);	/* unuse, populate: under mmap_lock */
	}
	if (pte_val(*pte) != pte_val(orig) || !PageSwapCache(page) || page->private != entry.val) {
		unlock_page(page);		/* someone else got here first: retry */
		put_page(page);
		return 0;
	}
	if (!PageUptodate(page)) {		/* the read failed */
		delete_from_swap_cache(page);
		unlock_page(page);
		put_page(page);
		return VM_FAULT_SIGBUS;
	}
	/*
	 * Ours is the slot's last swap PTE, so the slot is freed below,
	 * after reclaim's write to it ends (try_to_free_swap waits): wait
	 * for that without mmap_lock.
	 */
	if (PageWriteback(page) && (flags & FAULT_FLAG_ALLOW_RETRY) && swap_count(entry) == 1) {
		unlock_page(page);
		return fault_wait_page_retry(page, mm, true);
	}
	if (page_add_swapin_rmap(page, vma, address)) {
		unlock_page(page);
		put_page(page);
		return VM_FAULT_OOM;
	}
	/* Our reference becomes the mapping's. */
	page_add_rmap(page, mm);
	mm->swap_ents--;
	swap_free(entry);
	try_to_free_swap(page);
	new = mk_pte(page, vma->vm_page_prot);
	if ((flags & FAULT_FLAG_WRITE) && page_count(page) == 1) {
		new = pte_mkdirty(maybe_mkwrite(new, vma));
		flags &= ~FAULT_FLAG_WRITE;
	}
	set_pte(pte, new);
	unlock_page(page);
	if (fault && (major || (flags & FAULT_FLAG_TRIED))) {	/* Linux's mm_account_fault */
		current->ru.maj_flt++;
		current->ru.min_flt--;
	}
	if (flags & FAULT_FLAG_WRITE)
		return do_wp_page(vma, pte, address, new);
	return 0;
}

/* try_to_unmap_one's step for a swap-cache page: its PTE becomes the swap entry (linux-ish/rmap.h). */
bool try_to_unmap_anon_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			   struct page *page)
{
	swp_entry_t entry = { page->private };

	if (!PageSwapCache(page) || swap_duplicate(entry))	/* no swap: the page stays */
		return false;
	update_hiwater_rss(vma->vm_mm);
	ptep_get_and_clear(ptep);
	set_pte(ptep, swp_entry_to_pte(entry));
	vma->vm_mm->swap_ents++;
	return true;		/* try_to_unmap_one flushes and drops the mapping */
}

/*
 * swapoff: every swap PTE of area @type in @mm's VMAs gets its page
 * back (as a read fault would, uncounted).  0 or -ENOMEM.  mmap_lock held.
 */
int unuse_mm(struct mm_struct *mm, unsigned int type)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
			pgd_t *pgd = pgd_offset(mm, addr);
			pte_t *pte, orig;

			if (pgd_none(*pgd)) {
				addr = pgd_addr_end(addr, vma->vm_end) - PAGE_SIZE;
				continue;
			}
			orig = *pte_offset(pgd, addr);
			if (!is_swap_pte(orig) || swp_type(pte_to_swp_entry(orig)) != type)
				continue;
			if (pte_table_unshare(mm, pgd, GFP_KERNEL))
				return -ENOMEM;
			pte = pte_offset(pgd, addr);
			if (do_swap_page(vma, pte, addr, 0, *pte, false) & VM_FAULT_OOM)
				return -ENOMEM;
		}
	}
	return 0;
}

/*
 * Resolves a fault at @address in @vma (whose permissions allow the
 * access; the caller checked).  Returns 0 or VM_FAULT_* bits.
 * Caller holds mmap_lock.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd;
	pte_t *pte, entry;

	address &= PAGE_MASK;
	vma->vm_faulted = true;		/* before any PTE: zap_page_range looks */
	vm_events.pgfault++;
	current->ru.min_flt++;
	pgd = pgd_offset(mm, address);
	if (pgd_none(*pgd) && pte_alloc(mm, pgd))
		return VM_FAULT_OOM;
	pte = pte_offset(pgd, address);
	entry = *pte;
	/* present now: read-only means shared by fork (mm/pgtable_share.c) */
	if (!pgd_write(*pgd) && (!pte_present(entry) || (flags & FAULT_FLAG_WRITE))) {
		/* This fault changes a PTE: the table becomes this mm's own. */
		if (__pte_table_unshare(mm, pgd, GFP_KERNEL))
			return VM_FAULT_OOM;
		pte = pte_offset(pgd, address);
		entry = *pte;
	}
	if (!pte_present(entry)) {
		if (is_swap_pte(entry))
			return do_swap_page(vma, pte, address, flags, entry, true);
		if (vma_is_anonymous(vma))
			return do_anonymous_page(vma, pte, address, flags);
		return do_fault(vma, pte, address, flags);
	}
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(entry))
		return do_wp_page(vma, pte, address, entry);
	/* Already fine (a stale TLB entry): refresh it. */
	flush_tlb_page(vma, address);
	return 0;
}

/* MAP_POPULATE: fault in every page now.  0 or -ENOMEM. */
int populate_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	/* writes break COW; a shared mapping's pages are not dirtied for nothing (as Linux) */
	unsigned int flags = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE ?
			     FAULT_FLAG_WRITE : 0;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		vm_fault_t ret = handle_mm_fault(vma, addr, flags);

		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret)
			break;		/* SIGBUS region (past EOF): stop, as Linux does */
	}
	return 0;
}

/*
 * The zero page is a page of the kernel image (bss), so it is PG_reserved
 * from the start and counted with the kernel image, never allocated.
 */
static char empty_zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);

void zero_page_init(void)
{
	zero_page = virt_to_page(empty_zero_page);
}

/*
 * Reads up to @len bytes at @addr of another address space (procfs:
 * /proc/<pid>/cmdline).  Only pages already present are read; returns the
 * bytes copied.  Caller holds mm->mmap_lock.
 */
int read_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	int done = 0;

	while (done < len && addr < TASK_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);
		unsigned long off = addr & ~PAGE_MASK;
		int n = min_t(int, len - done, PAGE_SIZE - off);
		pte_t pte;

		if (pgd_none(*pgd))
			break;
		pte = *pte_offset(pgd, addr);
		if (!pte_present(pte))
			break;
		memcpy((char *)buf + done, (char *)page_address(pfn_to_page(pte_pfn(pte))) + off, n);
		done += n;
		addr += n;
	}
	return done;
}
