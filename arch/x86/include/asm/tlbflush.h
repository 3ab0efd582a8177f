/*
 * TLB flushing.  A PTE that loses a permission or a frame must be flushed
 * before anyone can use the stale entry, on every CPU running that mm --
 * several threads share one mm (CLONE_VM), and munmap/mprotect by one
 * must be seen by all.  With one CPU that is the running address space,
 * flushed at once; another mm's TLB entries died with the last CR3
 * switch away from it, and a thread of the same mm switched to later
 * reloads CR3.  SMP will send IPIs here to the other CPUs running @mm.
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <linux-ish/mm_types.h>
#include <linux-ish/sched.h>
#include <asm/processor.h>

#define FLUSH_ALL_THRESHOLD	32	/* pages: above this, reload CR3 */

static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	if (vma->vm_mm == current->active_mm)
		__flush_tlb_one(addr);
}

static inline void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	if (vma->vm_mm != current->active_mm)
		return;
	if ((end - start) >> PAGE_SHIFT > FLUSH_ALL_THRESHOLD) {
		__flush_tlb();
		return;
	}
	for (; start < end; start += PAGE_SIZE)
		__flush_tlb_one(start);
}

static inline void flush_tlb_mm(const struct mm_struct *mm)
{
	if (mm == current->active_mm)
		__flush_tlb();
}

#endif
