/* Prototypes private to mm/. */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux-ish/mm.h>

/* mm/mmap.c: VMA surgery; mmap_lock held. 0 or -ENOMEM (then nothing changed). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);
int split_range(struct mm_struct *mm, unsigned long start, unsigned long end);
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
int range_fully_mapped(struct mm_struct *mm, unsigned long start, unsigned long end);

#endif
