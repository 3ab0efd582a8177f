/*
 * mlock, mlock2, munlock, mlockall, munlockall: locked memory.
 *
 * A locked VMA (VM_LOCKED) has its pages faulted in when it is locked
 * (written where the mapping is private and writable, so copy-on-write is
 * broken now, not later), and keeps them: its pages are PG_mlocked and on
 * the unevictable LRU list (mm/swap.c), so reclaim never takes them.
 * mlock2(MLOCK_ONFAULT) and MCL_ONFAULT lock without populating
 * (VM_LOCKONFAULT).  mlockall(MCL_FUTURE) puts VM_LOCKED into mm->def_flags,
 * so later mmaps and brk are locked and populated too.  fork does not pass
 * locks on (the child's VMAs and def_flags are unlocked, as on Linux).
 *
 * RLIMIT_MEMLOCK is Linux's (8 MiB) and settable.  Linux does not apply it
 * to a task with CAP_IPC_LOCK, which root has: every Linnet process is
 * root, so it is never the reason for a refusal here, as it would not be
 * for root on Linux.  /proc/<pid>/status VmLck and smaps Locked show what
 * is locked.
 *
 * Errors as Linux: EINVAL for unknown flags; ENOMEM when the range is not
 * all mapped (Linnet changes nothing then, where Linux locks the part
 * before the hole), or when populating runs out of memory.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/mm_inline.h>
#include "internal.h"

#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)

/* Gives [start, end) of @mm the lock flags @newflags (0 to unlock).  mmap_lock held. */
static int apply_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
			    unsigned long newflags)
{
	struct vm_area_struct *vma;
	int err = range_fully_mapped(mm, start, end) ?: split_range(mm, start, end);

	if (err)
		return err;
	for_each_vma_range(vma, mm, start, end) {
		vma->vm_flags = (vma->vm_flags & ~VM_LOCKED_MASK) | newflags;
		vma = vma_merge_neighbours(mm, vma);
	}
	validate_mm(mm);
	return 0;
}

/* Calls @fn on the page of every present PTE of [start, end) of @vma (the zero page not). */
static void for_each_mapped_page(struct vm_area_struct *vma, unsigned long start,
				 unsigned long end, void (*fn)(struct page *page))
{
	pgd_t *pgd = pgd_offset(vma->vm_mm, start);
	unsigned long addr = start, next;

	if (start >= end)
		return;
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		for (unsigned long a = addr; a != next; a += PAGE_SIZE) {
			pte_t pte = *pte_offset(pgd, a);

			if (pte_present(pte) && pfn_to_page(pte_pfn(pte)) != zero_page)
				fn(pfn_to_page(pte_pfn(pte)));
		}
	} while (pgd++, addr = next, addr != end);
}

/* The pages of a VM_LOCKED range are let go of (munlock, munmap, exit). */
void munlock_vma_pages_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for_each_mapped_page(vma, start, end, munlock_page);
}

/*
 * After a lock change: the pages of [start, end)'s locked VMAs go to the
 * unevictable list, those of unlocked ones back to the evictable lists.
 */
static void lru_follow_locks(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, start, end)
		for_each_mapped_page(vma, max(start, vma->vm_start), min(end, vma->vm_end),
				     (vma->vm_flags & VM_LOCKED) ? mlock_page : munlock_page);
}

/* Faults in every page of the locked VMAs of [start, end).  0 or -ENOMEM. */
static int populate_locked(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, start, end) {
		if ((vma->vm_flags & VM_LOCKED_MASK) != VM_LOCKED ||
		    !(vma->vm_flags & VM_ACCESS_FLAGS))
			continue;
		if (populate_range(vma, max(start, vma->vm_start), min(end, vma->vm_end)))
			return -ENOMEM;
	}
	return 0;
}

static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	long err;

	end = PAGE_ALIGN(start + len);
	start &= PAGE_MASK;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	err = apply_lock_flags(mm, start, end, flags);
	if (!err && flags)
		err = populate_locked(mm, start, end);
	if (!err)
		lru_follow_locks(mm, start, end);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | ((flags & MLOCK_ONFAULT) ? VM_LOCKONFAULT : 0));
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, 0);
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
	long err = 0;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	mm->def_flags = (flags & MCL_FUTURE) ? lock : 0;
	if (flags & MCL_CURRENT) {
		struct vm_area_struct *vma;

		list_for_each_entry(vma, &mm->mmap_list, vm_list)
			vma->vm_flags |= lock;
		if (!(flags & MCL_ONFAULT))
			err = populate_locked(mm, 0, TASK_SIZE);
		lru_follow_locks(mm, 0, TASK_SIZE);
	}
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE0(munlockall)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	mutex_lock(&mm->mmap_lock);
	mm->def_flags = 0;
	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		vma->vm_flags &= ~VM_LOCKED_MASK;
	lru_follow_locks(mm, 0, TASK_SIZE);
	mutex_unlock(&mm->mmap_lock);
	return 0;
}
