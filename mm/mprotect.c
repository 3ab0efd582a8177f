/*
 * mprotect() and madvise(): change a range's VMAs (splitting them at the
 * range's edges and merging what ends up alike) and their PTEs.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/syscalls.h>
#include "internal.h"

static unsigned long prot_to_vm(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Checks VM_MAY* for every VMA first, so that nothing changes on -EACCES. */
static int check_may(struct mm_struct *mm, unsigned long start, unsigned long end,
		     unsigned long newflags)
{
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, start, end) {
		unsigned long may = (vma->vm_flags & (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)) >> 4;

		if (newflags & ~may)
			return -EACCES;
	}
	return 0;
}

/*
 * Making a private mapping writable charges it (mm/commit.c) unless it
 * already is charged, or may never be (shared, MAP_NORESERVE).
 */
static bool needs_charge(const struct vm_area_struct *vma, unsigned long newflags)
{
	return (newflags & VM_WRITE) &&
	       !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE));
}

/* The pages of [start, end) that become charged; the policy's verdict.  0 or -ENOMEM. */
static int charge_check(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long newflags)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	for_each_vma_range(vma, mm, start, end)
		if (needs_charge(vma, newflags))
			pages += (min(vma->vm_end, end) - max(vma->vm_start, start)) >> PAGE_SHIFT;
	return pages ? vm_enough_memory(mm, pages) : 0;
}

static int do_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, newflags = prot_to_vm(prot);
	struct vm_area_struct *vma;
	int err;

	if ((start & ~PAGE_MASK) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC |
					    PROT_GROWSDOWN | PROT_GROWSUP)))
		return -EINVAL;
	if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	end = PAGE_ALIGN(start + len);
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	err = range_fully_mapped(mm, start, end) ?: check_may(mm, start, end, newflags) ?:
	      charge_check(mm, start, end, newflags) ?: split_range(mm, start, end);
	if (err)
		return err;
	for_each_vma_range(vma, mm, start, end) {
		if (needs_charge(vma, newflags)) {
			vma->vm_flags |= VM_ACCOUNT;
			vm_acct_memory(vma_pages(vma));
		}
		vma->vm_flags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | newflags;
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		change_protection(vma, vma->vm_start, vma->vm_end, vma->vm_page_prot);
		vma = vma_merge_neighbours(mm, vma);
	}
	validate_mm(mm);
	return 0;
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	int err;

	mutex_lock(&mm->mmap_lock);
	err = do_mprotect(start, len, prot);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

/* MADV_DONTFORK/DOFORK: flip VM_DONTCOPY on exactly [start, end). */
static int madvise_fork(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool dontfork)
{
	struct vm_area_struct *vma;
	int err = split_range(mm, start, end);

	if (err)
		return err;
	for_each_vma_range(vma, mm, start, end) {
		if (dontfork)
			vma->vm_flags |= VM_DONTCOPY;
		else
			vma->vm_flags &= ~VM_DONTCOPY;
		vma = vma_merge_neighbours(mm, vma);
	}
	return 0;
}

/* MADV_DONTNEED: drop the pages; private anonymous memory reads back as zeros. */
static void madvise_dontneed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, start, end)
		zap_page_range(vma, max(start, vma->vm_start), min(end, vma->vm_end));
}

static int do_madvise(unsigned long start, size_t len, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (advice != MADV_NORMAL && advice != MADV_RANDOM && advice != MADV_SEQUENTIAL &&
	    advice != MADV_WILLNEED && advice != MADV_DONTNEED && advice != MADV_FREE &&
	    advice != MADV_DONTFORK && advice != MADV_DOFORK)
		return -EINVAL;
	end = PAGE_ALIGN(start + len);
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	err = range_fully_mapped(mm, start, end);
	if (err)
		return err;
	switch (advice) {
	case MADV_FREE:		/* "free when convenient": now is convenient */
	case MADV_DONTNEED:
		madvise_dontneed(mm, start, end);
		return 0;
	case MADV_DONTFORK:
	case MADV_DOFORK:
		return madvise_fork(mm, start, end, advice == MADV_DONTFORK);
	default:
		return 0;	/* hints about access patterns: nothing to do in RAM */
	}
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, advice)
{
	struct mm_struct *mm = current->mm;
	int err;

	mutex_lock(&mm->mmap_lock);
	err = do_madvise(start, len, advice);
	mutex_unlock(&mm->mmap_lock);
	return err;
}
