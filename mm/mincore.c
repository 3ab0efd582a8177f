/*
 * mincore(2): which pages of a range are in memory.  One byte per page,
 * bit 0 set when resident.  A page is resident when the process maps it
 * (anonymous memory that was touched, the zero page included), or, for a
 * file or shared-memory mapping, when the page is in the page cache even
 * if this process has not faulted it in, as on Linux.  Linnet has no
 * swap, so nothing mapped is ever out of memory.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/swap.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

/* Is the page at @addr of @vma in memory?  mmap_lock held. */
static unsigned char page_resident(struct vm_area_struct *vma, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(vma->vm_mm, addr);
	struct page *page;
	pte_t pte = pgd_none(*pgd) ? __pte(0) : *pte_offset(pgd, addr);

	if (pte_present(pte))
		return 1;
	if (is_swap_pte(pte)) {		/* swapped out: in memory if the swap cache has it */
		unsigned char in;

		page = lookup_swap_cache(pte_to_swp_entry(pte));
		in = page && PageUptodate(page);
		if (page)
			put_page(page);
		return in;
	}
	if (!vma->vm_file || vma_is_anonymous(vma))
		return 0;	/* anonymous (/dev/zero's too): only what is mapped */
	page = find_get_page(vma->vm_file->f_inode->i_mapping,
			     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT));
	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/* Fills @vec for [start, start + @pages pages); -ENOMEM at the first hole. */
static long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long pages,
		       unsigned char *vec)
{
	unsigned long addr = start, end = start + (pages << PAGE_SHIFT);
	struct vm_area_struct *vma;

	for_each_vma_range(vma, mm, start, end) {
		if (vma->vm_start > addr)
			return -ENOMEM;
		for (; addr < min(vma->vm_end, end); addr += PAGE_SIZE)
			vec[(addr - start) >> PAGE_SHIFT] = page_resident(vma, addr);
	}
	return addr >= end ? 0 : -ENOMEM;
}

/* The range is done a page of bytes (PAGE_SIZE pages) at a time, as Linux does. */
SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, uvec)
{
	struct mm_struct *mm = current->mm;
	unsigned long pages, done = 0;
	unsigned char *vec;
	long err = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE - start)
		return -ENOMEM;
	pages = PAGE_ALIGN(len) >> PAGE_SHIFT;
	vec = pages ? kmalloc(PAGE_SIZE, GFP_KERNEL) : NULL;
	if (pages && !vec)
		return -EAGAIN;			/* Linux's answer when it cannot get a buffer */
	while (!err && done < pages) {
		unsigned long n = min(pages - done, PAGE_SIZE);

		mutex_lock(&mm->mmap_lock);
		err = do_mincore(mm, start + (done << PAGE_SHIFT), n, vec);
		mutex_unlock(&mm->mmap_lock);
		if (!err && copy_to_user(uvec + done, vec, n))
			err = -EFAULT;
		done += n;
	}
	kfree(vec);
	return err;
}
