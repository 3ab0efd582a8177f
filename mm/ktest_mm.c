/*
 * Helpers for the mm ktest suites (kernel/fork_test.c, mm/mremap_test.c):
 * an mm of their own, never run (CR3 is never switched to it), with
 * populated anonymous pages to look at.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sched.h>
#include <asm/pgtable.h>

struct mm_struct *ktest_populated_mm(unsigned long addr, unsigned long npages)
{
	struct mm_struct *mm = mm_alloc(), *saved = current->mm;
	unsigned long got;

	if (!mm)
		return NULL;
	mm->start_stack = STACK_TOP;
	current->mm = mm;	/* only while do_mmap() runs */
	got = do_mmap(NULL, addr, npages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, 0);
	current->mm = saved;
	if (got != addr) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

struct page *ktest_page_at(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pte_t pte;

	if (pgd_none(*pgd))
		return NULL;
	pte = *pte_offset(pgd, addr);
	return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}

struct mm_struct *ktest_fork_mm(struct mm_struct *parent, bool share)
{
	bool saved = fork_share_tables;
	struct mm_struct *child;

	fork_share_tables = share;
	child = dup_mm(parent);
	fork_share_tables = saved;
	return child;
}
