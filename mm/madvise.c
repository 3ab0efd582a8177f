/*
 * madvise(): advice about a range, applied VMA by VMA as Linux 6.1 does.
 *
 * The walk visits each VMA piece of [start, end) in address order; a hole
 * is stepped over and turns the final result into -ENOMEM, after the
 * mapped parts got the advice.  The first error from a piece stops the
 * walk (what came before keeps the advice).
 *
 * What each advice does here:
 *   DONTNEED (_LOCKED)  zap: private anonymous memory reads back as
 *                       zeros, a private file mapping re-reads the file
 *                       (its private copies are gone), a shared mapping's
 *                       pages stay in the page cache or shmem object.
 *                       Locked VMAs: EINVAL (unless _LOCKED).
 *   FREE                private anonymous only; freed at once (Linux may
 *                       defer it until reclaim: "free when convenient").
 *   REMOVE              a shared shmem mapping that may be written (now or
 *                       after mprotect, VM_MAYWRITE): punches a hole in
 *                       the object; other file systems EOPNOTSUPP.
 *   WILLNEED            no-op: every page is in RAM already.
 *   COLD, PAGEOUT       deactivate / reclaim the pages only this mapping
 *                       maps (mm/lru_madvise.c); EINVAL on locked VMAs.
 *   POPULATE_READ/WRITE fault the range in as a read or a write.
 *   NORMAL, RANDOM,     VMA flags (VM_SEQ_READ, VM_RAND_READ, VM_DONTCOPY,
 *   SEQUENTIAL, (DO|    VM_WIPEONFORK, VM_DONTDUMP), splitting and merging
 *   DONT)FORK, WIPE/    VMAs; a split that fails is -EAGAIN, as Linux.
 *   KEEPONFORK, (DONT|
 *   DO)DUMP
 * Advice for features Linnet does not have (KSM, transparent huge pages,
 * memory failure) is EINVAL, as on a Linux built without them.
 * Locking: mmap_lock for the whole call.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/syscalls.h>
#include "internal.h"

/* Gives exactly [start, end) of @vma the flags @newflags.  0 or -EAGAIN. */
static int madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end, unsigned long newflags)
{
	if (newflags == vma->vm_flags)
		return 0;
	if (start > vma->vm_start) {
		if (split_vma(mm, vma, start))
			return -EAGAIN;
		vma = vma_next(mm, vma);
	}
	if (end < vma->vm_end && split_vma(mm, vma, end))
		return -EAGAIN;
	vma->vm_flags = newflags;
	vma_merge_neighbours(mm, vma);
	return 0;
}

/* Puts in *@flags the VMA flags @advice gives @vma.  0, or -EINVAL if it may not have them. */
static int advice_flags(const struct vm_area_struct *vma, int advice, unsigned long *flags)
{
	unsigned long f = vma->vm_flags;

	switch (advice) {
	case MADV_NORMAL:
		f &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		f = (f & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		f = (f & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		f |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		f &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:	/* private anonymous memory only */
		if (vma->vm_file || (f & VM_SHARED))
			return -EINVAL;
		f |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		f &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		f |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		f &= ~VM_DONTDUMP;
		break;
	}
	*flags = f;
	return 0;
}

static int madvise_dontneed_free(struct vm_area_struct *vma, unsigned long start,
				 unsigned long end, int advice)
{
	if ((vma->vm_flags & VM_LOCKED) && advice != MADV_DONTNEED_LOCKED)
		return -EINVAL;
	if (advice == MADV_FREE && !vma_is_anonymous(vma))
		return -EINVAL;
	if (unshare_pte_range(vma->vm_mm, start, end, true))	/* tables shared by fork */
		return -ENOMEM;
	zap_page_range(vma, start, end);
	return 0;
}

/* MADV_REMOVE: Linux's checks, then a hole punched in the shmem object. */
static int madvise_remove(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct file *f = vma->vm_file;
	loff_t offset;

	if ((vma->vm_flags & VM_LOCKED) || !f)
		return -EINVAL;
	/* Writable now or after mprotect (Linux 6.1 lets a PROT_READ mapping punch). */
	if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	if (!mapping_is_shmem(f->f_inode->i_mapping))
		return -EOPNOTSUPP;		/* the file system cannot punch holes */
	offset = ((loff_t)vma->vm_pgoff << PAGE_SHIFT) + (start - vma->vm_start);
	truncate_pagecache_range(f->f_inode, offset, offset + (end - start));
	return 0;
}

/*
 * MADV_POPULATE_READ/WRITE: Linux's errors: EINVAL when the VMA does not
 * allow the access, EFAULT when a fault fails (SIGBUS past the end of a
 * file), ENOMEM when memory runs out.
 */
static int madvise_populate(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool write)
{
	if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return -EINVAL;
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		vm_fault_t ret = handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0);

		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return -EFAULT;
	}
	return 0;
}

/* Applies @advice to [start, end), which lies inside @vma. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end, int advice)
{
	unsigned long newflags;
	int err;

	switch (advice) {
	case MADV_REMOVE:
		return madvise_remove(vma, start, end);
	case MADV_WILLNEED:
		return 0;			/* everything is in RAM already */
	case MADV_COLD:
	case MADV_PAGEOUT:			/* mm/lru_madvise.c */
		return madvise_cold_or_pageout(vma, start, end, advice == MADV_PAGEOUT);
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		return madvise_dontneed_free(vma, start, end, advice);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma, start, end, advice == MADV_POPULATE_WRITE);
	}
	err = advice_flags(vma, advice, &newflags);
	return err ?: madvise_update_vma(mm, vma, start, end, newflags);
}

/* Visits each mapped piece of [start, end); holes make it -ENOMEM at the end. */
static int madvise_walk(struct mm_struct *mm, unsigned long start, unsigned long end,
			int advice)
{
	int unmapped = 0;

	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long to;
		int err;

		if (!vma)
			return -ENOMEM;
		if (vma->vm_start > start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		to = min(end, vma->vm_end);
		err = madvise_vma(mm, vma, start, to, advice);
		if (err)
			return err;
		start = to;
	}
	return unmapped;
}

static bool advice_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE: case MADV_REMOVE:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		return true;
	default:
		return false;
	}
}

static int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int advice)
{
	unsigned long len = PAGE_ALIGN(len_in), end = start + len;
	int err;

	if (!advice_valid(advice) || (start & ~PAGE_MASK))
		return -EINVAL;
	if ((len_in && !len) || end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	err = madvise_walk(mm, start, end, advice);
	validate_mm(mm);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, advice)
{
	return do_madvise(current->mm, start, len, advice);
}
