/*
 * mremap(): shrink, grow in place, or move a mapping by moving its page
 * table entries (never its pages).
 *
 * A move gives the range a new VMA at the new address (a copy of the old
 * one: same flags, file and offset, so a file VMA joins the file's i_mmap
 * through ->open) and carries each present PTE across unchanged.  The
 * frame, its _refcount and _mapcount, the mm's rss and the page's place
 * in the page cache all stay as they were: one mapping of the same page,
 * only at another address.  The old range's TLB entries are flushed
 * before anything can reach it again.  Then the old VMA is unmapped (its
 * PTEs are empty by now) or, with MREMAP_DONTUNMAP, kept: it faults in
 * afresh (zeros for private anonymous memory, the file's or the shared
 * object's pages otherwise).
 *
 * Everything that can fail (the splits at the old range's edges, the new
 * VMA, the destination's page tables) is done before the first PTE
 * moves, so a failure leaves the old mapping as it was.
 *
 * Commit charge and total_vm follow the VMAs (vm_stat_account): the new
 * VMA is charged when linked, the old one uncharged when unmapped; the
 * growth is asked of the overcommit policy first.  Locking: mmap_lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/syscalls.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include "internal.h"

#define MREMAP_FLAGS	(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)

/* What one mremap() asks, page aligned. */
struct mremap_req {
	unsigned long addr, old_len, new_len, new_addr, flags;
};

/* The VMA that holds @addr, or ERR_PTR(-EFAULT). */
static struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	return vma;
}

/*
 * Linux's vma_to_resize(): may [addr, addr + old_len) of @vma become
 * @new_len long?  0, -EINVAL, -EFAULT or -ENOMEM (RLIMIT_AS).
 */
static int check_resize(struct mm_struct *mm, struct vm_area_struct *vma,
			const struct mremap_req *r)
{
	unsigned long pgoff = vma->vm_pgoff + ((r->addr - vma->vm_start) >> PAGE_SHIFT);

	/* Duplicating a private mapping (old_len 0) would make a fresh one. */
	if (!r->old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if (r->old_len > vma->vm_end - r->addr)
		return -EFAULT;
	if (r->new_len <= r->old_len)
		return 0;
	if (vma->vm_flags & VM_DONTEXPAND)
		return -EFAULT;
	if (pgoff + (r->new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (!may_expand_vm(mm, (r->new_len - r->old_len) >> PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

/* Page tables for [start, end) of @mm, so that the move cannot fail midway. */
static int alloc_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr = start, next;
	pgd_t *pgd = pgd_offset(mm, start);

	if (start == end)
		return 0;
	do {
		next = pgd_addr_end(addr, end);
		if (pte_alloc(mm, pgd))
			return -ENOMEM;
	} while (pgd++, addr = next, addr != end);
	return unshare_pte_range(mm, start, end, false);	/* tables shared by fork */
}

/*
 * Moves the PTEs of [old, old + len) to [new, ...) (whose tables exist and
 * are empty there), then flushes the old range: nothing is referenced or
 * unreferenced, the pages just change address.
 */
static void move_ptes(struct vm_area_struct *vma, unsigned long old,
		      unsigned long new, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = old, end = old + len, next;
	pgd_t *pgd = pgd_offset(mm, old);

	if (!len)
		return;
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		for (unsigned long a = addr; a != next; a += PAGE_SIZE) {
			pte_t *src = pte_offset(pgd, a);
			pte_t *dst = pte_offset(pgd_offset(mm, a - old + new), a - old + new);
			pte_t pte = ptep_get_and_clear(src);

			VM_BUG_ON(!pte_none(*dst));
			if (!pte_none(pte))
				set_pte(dst, pte);
		}
	} while (pgd++, addr = next, addr != end);
	flush_tlb_range(vma, old, end);
}

/* A copy of @vma for [new_addr, new_addr + new_len) backed from @addr's offset. */
static struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				       unsigned long new_addr, unsigned long new_len)
{
	struct vm_area_struct *new = vm_area_dup(vma);

	if (!new)
		return NULL;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	return new;
}

/* Faults in what a locked VMA gained; errors are ignored, as by Linux. */
static void populate_growth(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (start < end && vma && vma->vm_start <= start &&
	    (vma->vm_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED &&
	    (vma->vm_flags & VM_ACCESS_FLAGS))
		populate_range(vma, start, min(end, vma->vm_end));
}

/* The charge a move adds: the growth, or all of the new range if the old stays. */
static int charge_move(struct mm_struct *mm, const struct vm_area_struct *vma,
		       const struct mremap_req *r)
{
	unsigned long pages = (r->flags & MREMAP_DONTUNMAP) ? r->new_len :
			      r->new_len - min(r->old_len, r->new_len);

	pages >>= PAGE_SHIFT;
	if (!pages)
		return 0;
	if ((r->flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, pages))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(mm, pages))
		return -ENOMEM;
	return 0;
}

/*
 * Moves [r->addr, + r->old_len) of @vma to r->new_addr (free by now), the
 * new VMA r->new_len long.  Returns the new address or -ENOMEM, having
 * changed nothing on failure.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		     const struct mremap_req *r)
{
	bool keep_old = (r->flags & MREMAP_DONTUNMAP) || !r->old_len;
	unsigned long moved = r->old_len;
	struct vm_area_struct *new;
	int err;

	if (mm->map_count >= READ_ONCE(sysctl_max_map_count) - 3)
		return -ENOMEM;
	err = charge_move(mm, vma, r);
	if (err)
		return err;
	if (!keep_old) {
		err = split_range(mm, r->addr, r->addr + r->old_len);
		if (err)
			goto out_merge;
		vma = find_vma(mm, r->addr);
	}
	new = copy_vma(vma, r->addr, r->new_addr, r->new_len);
	if (!new) {
		err = -ENOMEM;
		goto out_merge;
	}
	if (new->vm_ops && new->vm_ops->mremap) {
		err = new->vm_ops->mremap(new);
		if (err) {
			vm_area_free(new);
			goto out_merge;
		}
	}
	if (alloc_pgtables(mm, r->new_addr, r->new_addr + moved) ||
	    unshare_pte_range(mm, r->addr, r->addr + moved, false)) {
		vm_area_free(new);
		free_pgtables(mm, r->new_addr, r->new_addr + moved);
		err = -ENOMEM;
		goto out_merge;
	}
	move_ptes(vma, r->addr, r->new_addr, moved);
	vma_link(mm, new);
	if (r->flags & MREMAP_DONTUNMAP)
		vma->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);	/* as Linux: the old VMA unlocks */
	else if (!keep_old)
		do_munmap(mm, r->addr, r->old_len);	/* exact edges: cannot fail */
	vma_merge_neighbours(mm, new);
	validate_mm(mm);
	return r->new_addr;

out_merge:
	vma_merge_neighbours(mm, vma);
	return err;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: Linux's mremap_to(). */
static long mremap_to(struct mm_struct *mm, struct mremap_req *r)
{
	struct vm_area_struct *vma;
	int err;

	if ((r->new_addr & ~PAGE_MASK) || r->new_len > TASK_SIZE ||
	    r->new_addr > TASK_SIZE - r->new_len)
		return -EINVAL;
	if (r->addr + r->old_len > r->new_addr && r->new_addr + r->new_len > r->addr)
		return -EINVAL;		/* the ranges overlap */
	if (mm->map_count + 2 >= READ_ONCE(sysctl_max_map_count) - 3)
		return -ENOMEM;
	if (r->flags & MREMAP_FIXED) {
		err = do_munmap(mm, r->new_addr, r->new_len);
		if (err)
			return err;
	}
	if (r->old_len > r->new_len) {
		err = do_munmap(mm, r->addr + r->new_len, r->old_len - r->new_len);
		if (err)
			return err;
		r->old_len = r->new_len;
	}
	vma = vma_lookup(mm, r->addr);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	err = check_resize(mm, vma, r);
	if (err)
		return err;
	if (!(r->flags & MREMAP_FIXED)) {
		r->new_addr = get_unmapped_area_hint(mm, r->new_addr, r->new_len);
		if (!r->new_addr)
			return -ENOMEM;
	} else if (r->new_addr < PAGE_SIZE || r->new_addr < READ_ONCE(mmap_min_addr)) {
		return -EPERM;
	}
	return move_vma(mm, vma, r);
}

/* Grows @vma's end in place if what follows is free.  True if done. */
static bool expand_in_place(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long delta, long *ret)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE || !range_is_free(mm, vma->vm_end, end))
		return false;
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(mm, delta >> PAGE_SHIFT)) {
		*ret = -ENOMEM;
		return true;
	}
	vm_stat_account(mm, vma, delta >> PAGE_SHIFT);
	vma->vm_end = end;
	validate_mm(mm);
	return true;
}

/* Grows [addr, + old_len) to new_len: in place, else moved if allowed. */
static long mremap_grow(struct mm_struct *mm, struct mremap_req *r)
{
	struct vm_area_struct *vma = vma_lookup(mm, r->addr);
	long ret;
	int err;

	if (IS_ERR(vma))
		return PTR_ERR(vma);
	err = check_resize(mm, vma, r);
	if (err)
		return err;
	ret = r->addr;
	if (r->old_len == vma->vm_end - r->addr &&
	    expand_in_place(mm, vma, r->new_len - r->old_len, &ret))
		return ret;
	if (!(r->flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	r->new_addr = get_unmapped_area_hint(mm, 0, r->new_len);
	if (!r->new_addr)
		return -ENOMEM;
	return move_vma(mm, vma, r);
}

static long do_mremap(struct mm_struct *mm, struct mremap_req *r)
{
	if (r->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, r);
	if (r->old_len >= r->new_len) {
		/* Shrinking just unmaps the tail, wherever it lies (as Linux). */
		int err = r->old_len == r->new_len ? 0 :
			  do_munmap(mm, r->addr + r->new_len, r->old_len - r->new_len);

		return err ? err : (long)r->addr;
	}
	return mremap_grow(mm, r);
}

/*
 * mremap() on @mm (the caller's, or a ktest's own): takes mmap_lock.
 * Returns the new address or -errno.
 */
long mremap_mm(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct mremap_req r = { addr, PAGE_ALIGN(old_len), PAGE_ALIGN(new_len), new_addr, flags };
	long ret;

	if ((flags & ~MREMAP_FLAGS) || ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	/* DONTUNMAP always moves and never resizes (compared before rounding). */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if ((addr & ~PAGE_MASK) || !r.new_len)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	ret = IS_ERR(vma_lookup(mm, addr)) ? -EFAULT : do_mremap(mm, &r);
	if (!IS_ERR_VALUE(ret) && r.new_len > r.old_len)
		populate_growth(mm, ret + r.old_len, ret + r.new_len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	return mremap_mm(current->mm, addr, old_len, new_len, flags, new_addr);
}
