/*
 * msync(): hands the dirty state of a shared file mapping to the page
 * cache and, with MS_SYNC, writes it back.  For a RAM file's mapping a
 * write only sets the PTE's dirty bit (the MMU does it); msync moves that
 * to the page (PG_dirty) and cleans the PTE.  A file that writes back
 * tracks dirtying by write faults instead (vma_wants_writenotify), so its
 * pages are PG_dirty already; MS_SYNC then runs vfs_fsync_range over the
 * file range the VMA maps (Linux: the same), whose error msync returns.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/syscalls.h>
#include <asm/pgtable.h>
#include <uapi/linux-ish/mman.h>

/* A written shared page becomes PG_dirty; the PTE starts clean again. */
static void sync_dirty_pte(pte_t *pte, void *unused)
{
	if (!pte_dirty(*pte))
		return;
	set_page_dirty(pfn_to_page(pte_pfn(*pte)));
	set_pte(pte, pte_mkclean(*pte));
}

/*
 * MS_SYNC of [at, to) of a shared file VMA: writes back and waits for the
 * file bytes it maps.  Runs with mmap_lock held (Linux drops it; here the
 * writeback never needs it, and a page fault of this mm waits meanwhile).
 */
static int msync_fsync(struct vm_area_struct *vma, unsigned long at, unsigned long to)
{
	loff_t fstart = ((loff_t)vma->vm_pgoff << PAGE_SHIFT) + (at - vma->vm_start);

	return vfs_fsync_range(vma->vm_file, fstart, fstart + (to - at) - 1, 1);
}

static long do_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long end, at = start;
	int err = 0;

	if ((start & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = PAGE_ALIGN(start + len);
	if (end < start)
		return -ENOMEM;
	for_each_vma_range(vma, mm, start, end) {
		unsigned long to = min(end, vma->vm_end);

		if (vma->vm_start > at)
			return -ENOMEM;		/* a hole in the range */
		if ((vma->vm_flags & VM_SHARED) && vma->vm_file) {
			walk_present_ptes(vma, at, to, sync_dirty_pte, NULL);
			if ((flags & MS_SYNC) && !err)
				err = msync_fsync(vma, at, to);
		}
		at = vma->vm_end;
	}
	if (at < end)
		return -ENOMEM;
	return err;
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
