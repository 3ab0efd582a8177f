/*
 * mprotect(): change a range's VMAs (splitting them at the range's edges
 * and merging what ends up alike) and their PTEs, VMA by VMA in address
 * order as Linux: an error (EACCES, ENOMEM for a hole or a failed split
 * or charge) stops there, and the VMAs before it keep their new
 * protection.
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

/*
 * Making a private mapping writable charges it (mm/commit.c) unless it
 * already is charged, or may never be (shared, MAP_NORESERVE).
 */
static bool needs_charge(const struct vm_area_struct *vma, unsigned long newflags)
{
	return (newflags & VM_WRITE) &&
	       !(vma->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE));
}

/* Gives [start, end), inside @vma, the access flags @newflags.  0 or -errno. */
static int mprotect_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			unsigned long end, unsigned long newflags)
{
	unsigned long may = (vma->vm_flags & (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)) >> 4;
	bool charge = needs_charge(vma, newflags);
	int err;

	if (newflags & ~may)
		return -EACCES;
	if (charge && vm_enough_memory(mm, (end - start) >> PAGE_SHIFT))
		return -ENOMEM;
	err = unshare_pte_range(mm, start, end, false);	/* page tables shared by fork */
	if (err)
		return err;
	err = split_range(mm, start, end);
	if (err)
		return err;
	vma = find_vma(mm, start);
	if (charge) {
		vma->vm_flags |= VM_ACCOUNT;
		vm_acct_memory(vma_pages(vma));
	}
	vma->vm_flags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | newflags;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	change_protection(vma, vma->vm_start, vma->vm_end, vma->vm_page_prot);
	vma_merge_neighbours(mm, vma);
	return 0;
}

static int do_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end, newflags = prot_to_vm(prot);
	int err = 0;

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
	for (unsigned long at = start, to; !err && at < end; at = to) {
		struct vm_area_struct *vma = find_vma(mm, at);

		if (!vma || vma->vm_start > at) {
			err = -ENOMEM;		/* a hole: what came before stays changed */
			break;
		}
		to = min(end, vma->vm_end);
		err = mprotect_vma(mm, vma, at, to, newflags);
	}
	validate_mm(mm);
	return err;
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
