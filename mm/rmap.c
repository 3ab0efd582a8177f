/*
 * The reverse map: anon_vma upkeep, rmap_walk(), page_referenced() and
 * try_to_unmap() (linux-ish/rmap.h; Documentation/mm/reclaim.md).
 *
 * Shared page tables (mm/pgtable_share.c): after fork one PTE, in a
 * table several mms point at, maps a page for all of them, and
 * _mapcount counts it once.  A walk reaches that PTE once per sharer
 * (every sharer has the same VMA over it).  page_referenced counts it
 * once because the first visit clears the accessed bit.  try_to_unmap
 * clears it at the first visit and remembers the slot; a later visit
 * that finds a remembered slot only takes the page out of that mm's rss
 * (each sharer's rss counts the PTE).  No table is copied: reclaim must
 * not need memory to give memory back.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/writeback.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

/* ---- anon_vma upkeep ---- */

static void anon_vma_link(struct anon_vma *anon_vma, struct vm_area_struct *vma)
{
	atomic_inc(&anon_vma->refcount);
	spin_lock(&anon_vma->lock);
	list_add_tail(&vma->anon_vma_node, &anon_vma->head);
	spin_unlock(&anon_vma->lock);
	vma->anon_vma = anon_vma;
}

void __anon_vma_free(struct anon_vma *anon_vma)
{
	VM_BUG_ON(!list_empty(&anon_vma->head));
	kfree(anon_vma);
}

/*
 * Gives @vma an anon_vma before its first anonymous page.  An anonymous
 * VMA's vm_pgoff becomes its start's page number then (Linux's choice
 * at mmap), so that pages keep their index when the stack grows down.
 * 0 or -ENOMEM.  mmap_lock held.
 */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma;

	if (vma->anon_vma)
		return 0;
	anon_vma = kmalloc(sizeof(*anon_vma), GFP_KERNEL | __GFP_NOWARN);
	if (!anon_vma)
		return -ENOMEM;
	spin_lock_init(&anon_vma->lock);
	atomic_set(&anon_vma->refcount, 0);
	INIT_LIST_HEAD(&anon_vma->head);
	if (!vma->vm_file)
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	anon_vma_link(anon_vma, vma);
	return 0;
}

void __anon_vma_clone(struct vm_area_struct *dst)
{
	anon_vma_link(dst->anon_vma, dst);
}

void __anon_vma_unlink(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	spin_lock(&anon_vma->lock);
	list_del(&vma->anon_vma_node);
	spin_unlock(&anon_vma->lock);
	vma->anon_vma = NULL;
	anon_vma_put(anon_vma);
}

/*
 * May @b be glued onto the end of @a as far as their anonymous pages go?
 * Two anon_vmas cannot become one (their pages point at them); with one
 * or two, the pages' indexes must run on across the join.
 */
bool anon_vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->anon_vma && b->anon_vma && a->anon_vma != b->anon_vma)
		return false;
	if (a->vm_file || !b->anon_vma || !a->anon_vma)
		return true;	/* files: checked by the caller; one side without pages: fixed below */
	return a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* @vma is about to absorb @next: it takes @next's anon_vma if it has none. */
void anon_vma_merge(struct vm_area_struct *vma, struct vm_area_struct *next)
{
	if (vma->anon_vma || !next->anon_vma)
		return;
	if (!vma->vm_file)	/* no page of @vma has an index yet */
		vma->vm_pgoff = next->vm_pgoff - vma_pages(vma);
	anon_vma_link(next->anon_vma, vma);
}

/* ---- adding pages ---- */

unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	unsigned long off = page->index - vma->vm_pgoff;	/* wraps when below */

	if (off >= vma_pages(vma))
		return -EFAULT;
	return vma->vm_start + (off << PAGE_SHIFT);
}

/* ---- the walk ---- */

/* The mm of a VMA being visited: held by the caller, or trylocked now.  False if busy. */
static bool rmap_lock_mm(struct mm_struct *mm, const struct rmap_walk_control *rwc)
{
	if (mm == rwc->locked_mm)
		return true;
	/* an exiting mm (mm_users 0) is being torn down under its lock */
	return atomic_read(&mm->mm_users) && __mutex_trylock(&mm->mmap_lock);
}

static void rmap_unlock_mm(struct mm_struct *mm, const struct rmap_walk_control *rwc)
{
	if (mm == rwc->locked_mm)
		return;
	__acquire(&mm->mmap_lock);	/* for sparse: taken by rmap_lock_mm's trylock */
	mutex_unlock(&mm->mmap_lock);
}

static bool rmap_visit(struct page *page, struct vm_area_struct *vma, unsigned long addr,
		       struct rmap_walk_control *rwc)
{
	struct mm_struct *mm = vma->vm_mm;
	bool ret = true;
	pgd_t *pgd;

	if (!rmap_lock_mm(mm, rwc)) {
		rwc->contended = true;
		return true;
	}
	pgd = pgd_offset(mm, addr);
	if (!pgd_none(*pgd))
		ret = rwc->rmap_one(page, vma, addr, pte_offset(pgd, addr), rwc->arg);
	rmap_unlock_mm(mm, rwc);
	return ret;
}

static void rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma = page_anon_vma(page);
	struct vm_area_struct *vma;

	if (!anon_vma)
		return;
	spin_lock(&anon_vma->lock);
	list_for_each_entry(vma, &anon_vma->head, anon_vma_node) {
		unsigned long addr = vma_address(page, vma);

		if (addr != (unsigned long)-EFAULT && !rmap_visit(page, vma, addr, rwc))
			break;
	}
	spin_unlock(&anon_vma->lock);
}

static void rmap_walk_file(struct page *page, struct rmap_walk_control *rwc)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;

	if (!mapping)
		return;
	spin_lock(&mapping->i_mmap_lock);
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		unsigned long addr = vma_address(page, vma);

		if (addr != (unsigned long)-EFAULT && !rmap_visit(page, vma, addr, rwc))
			break;
	}
	spin_unlock(&mapping->i_mmap_lock);
}

void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(page))
		rmap_walk_anon(page, rwc);
	else
		rmap_walk_file(page, rwc);
}

static bool pte_maps_page(pte_t pte, const struct page *page)
{
	return pte_present(pte) && pte_pfn(pte) == page_to_pfn(page);
}

/* ---- page_referenced ---- */

struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma,
				unsigned long addr, pte_t *pte, void *arg)
{
	struct referenced_arg *ra = arg;

	if (!pte_maps_page(*pte, page))
		return true;
	if (vma->vm_flags & VM_LOCKED) {
		ra->vm_flags |= VM_LOCKED;
		return false;		/* reclaim will mlock it: stop here */
	}
	/* A sequential reader's pages are not counted as a working set (Linux). */
	if (ptep_test_and_clear_young(vma, addr, pte) && !(vma->vm_flags & VM_SEQ_READ)) {
		ra->referenced++;
		ra->vm_flags |= vma->vm_flags;
	}
	return true;
}

int page_referenced(struct page *page, struct mm_struct *locked_mm, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0, 0 };
	struct rmap_walk_control rwc = {
		.rmap_one = page_referenced_one,
		.arg = &ra,
		.locked_mm = locked_mm,
	};

	*vm_flags = 0;
	if (!page_mapped(page))
		return 0;
	rmap_walk(page, &rwc);
	*vm_flags = ra.vm_flags;
	return rwc.contended ? -1 : ra.referenced;
}

/* ---- try_to_unmap ---- */

#define UNMAP_SHARED_SLOTS	8

struct unmap_arg {
	pte_t *cleared[UNMAP_SHARED_SLOTS];	/* slots cleared in shared tables */
	int ncleared;
	bool failed;
};

static bool pte_in_shared_table(struct mm_struct *mm, unsigned long addr)
{
	return pgd_sharers(*pgd_offset(mm, addr)) > 1;
}

static bool slot_cleared(const struct unmap_arg *ua, const pte_t *pte)
{
	for (int i = 0; i < ua->ncleared; i++)
		if (ua->cleared[i] == pte)
			return true;
	return false;
}

static void rss_drop(struct mm_struct *mm, const struct page *page)
{
	update_hiwater_rss(mm);
	if (PageAnon(page))
		mm->rss_anon--;
	else
		mm->rss_file--;
}

/* Takes the present *@pte off @page: the swap hook for anon pages, else a plain clear. */
static bool unmap_pte(struct page *page, struct vm_area_struct *vma, unsigned long addr,
		      pte_t *pte)
{
	pte_t old;

	if (PageAnon(page))
		return try_to_unmap_anon_pte(vma, addr, pte, page);
	old = ptep_get_and_clear(pte);
	if (pte_dirty(old))
		set_page_dirty(page);	/* the data goes to the file, not lost */
	return true;
}

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long addr, pte_t *pte, void *arg)
{
	struct unmap_arg *ua = arg;
	bool shared = pte_in_shared_table(vma->vm_mm, addr);

	if (!pte_maps_page(*pte, page)) {
		if (shared && slot_cleared(ua, pte))
			rss_drop(vma->vm_mm, page);	/* cleared through another sharer */
		return true;
	}
	if (vma->vm_flags & VM_LOCKED) {
		mlock_page(page);
		ua->failed = true;
		return false;
	}
	if ((shared && ua->ncleared == UNMAP_SHARED_SLOTS) || !unmap_pte(page, vma, addr, pte)) {
		ua->failed = true;
		return false;
	}
	if (shared)
		ua->cleared[ua->ncleared++] = pte;
	flush_tlb_page(vma, addr);
	atomic_dec(&page->_mapcount);
	rss_drop(vma->vm_mm, page);
	put_page(page);		/* the mapping's; the caller still holds one */
	return true;
}

bool try_to_unmap(struct page *page, struct mm_struct *locked_mm)
{
	struct unmap_arg ua = { .ncleared = 0, .failed = false };
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = &ua,
		.locked_mm = locked_mm,
	};

	if (page_mapped(page))
		rmap_walk(page, &rwc);
	return !page_mapped(page);
}

/*
 * A page read back from swap (mm/swap_state.c made it PG_anon with no
 * anon_vma: a slot does not say whose page it held) is being mapped at
 * @addr of @vma: it joins @vma's anon_vma (the fork family's, so the
 * other mms whose swap PTEs name the slot find it too); it has been on
 * the LRU since it entered the swap cache.  A page that stayed in the
 * swap cache kept both.  Page locked.  0, or -ENOMEM (the VMA's first anon_vma).
 */
int page_add_swapin_rmap(struct page *page, struct vm_area_struct *vma, unsigned long addr)
{
	struct anon_vma *anon_vma;

	if (page_anon_vma(page))
		return 0;
	if (!vma->anon_vma && anon_vma_prepare(vma))
		return -ENOMEM;
	anon_vma = vma->anon_vma;
	atomic_inc(&anon_vma->refcount);	/* the page's; dropped by page_release */
	page->index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	WRITE_ONCE(page->mapping, (void *)((unsigned long)anon_vma + PAGE_MAPPING_ANON));
	/* On the LRU since swapin_start (or isolated by reclaim, which puts it back). */
	if (unlikely(vma->vm_flags & VM_LOCKED))
		mlock_page(page);
	return 0;
}
