/*
 * msync(): hands the dirty state of a shared file mapping to the page
 * cache.  A write through a MAP_SHARED mapping only sets the PTE's dirty
 * bit (the MMU does it); msync moves that to the page (PG_dirty) and
 * cleans the PTE, so that the next write is noticed again.  Linnet's
 * files live in RAM, so there is nothing further to write yet: a disk
 * file system's writeback will start from PG_dirty.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/syscalls.h>
#include <asm/pgtable.h>
#include <uapi/linux-ish/mman.h>

/* A written shared page becomes PG_dirty; the PTE starts clean again. */
static void sync_dirty_pte(pte_t *pte, void *unused)
{
	if (!pte_dirty(*pte))
		return;
	SetPageDirty(pfn_to_page(pte_pfn(*pte)));
	set_pte(pte, pte_mkclean(*pte));
}

static long do_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, at = start;

	if ((start & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = PAGE_ALIGN(start + len);
	if (end < start)
		return -ENOMEM;
	for_each_vma_range(vma, mm, start, end) {
		if (vma->vm_start > at)
			return -ENOMEM;		/* a hole in the range */
		if ((vma->vm_flags & VM_SHARED) && vma->vm_file)
			walk_present_ptes(vma, at, min(end, vma->vm_end), sync_dirty_pte, NULL);
		at = vma->vm_end;
	}
	return at >= end ? 0 : -ENOMEM;
}

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	long ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_msync(start, len, flags);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
