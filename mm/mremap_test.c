/*
 * ktest suite "mremap": a move carries the PTEs, not the pages.  In an mm
 * of its own (never run, CR3 never switched to it) four populated pages
 * move to another page table: the same struct pages end up there with
 * the same _refcount and _mapcount, the old PTEs are empty, rss and
 * total_vm are unchanged, and the old page table is freed.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmstat.h>
#include <asm/pgtable.h>
#include "internal.h"

#define OLD_ADDR	0x40000000UL
#define NEW_ADDR	0x40800000UL	/* two page tables further */
#define PAGES		4

static void move_keeps_pages_and_counts(struct ktest *t)
{
	struct mm_struct *mm = ktest_populated_mm(OLD_ADDR, PAGES);
	struct page *pages[PAGES];
	int refs[PAGES], maps[PAGES];
	unsigned long rss, vm;
	long tables, ret;

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < PAGES; i++) {
		pages[i] = ktest_page_at(mm, OLD_ADDR + i * PAGE_SIZE);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		refs[i] = page_count(pages[i]);
		maps[i] = page_mapcount(pages[i]);
	}
	rss = mm->rss_anon;
	vm = mm->total_vm;
	tables = global_page_state(NR_PAGETABLE);
	ret = mremap_mm(mm, OLD_ADDR, PAGES << PAGE_SHIFT, PAGES << PAGE_SHIFT,
			MREMAP_MAYMOVE | MREMAP_FIXED, NEW_ADDR);
	KTEST_EXPECT_EQ(t, ret, (long)NEW_ADDR);
	for (int i = 0; i < PAGES; i++) {
		KTEST_EXPECT_TRUE(t, ktest_page_at(mm, NEW_ADDR + i * PAGE_SIZE) == pages[i]);
		KTEST_EXPECT_EQ(t, page_count(pages[i]), refs[i]);
		KTEST_EXPECT_EQ(t, page_mapcount(pages[i]), maps[i]);
	}
	KTEST_EXPECT_TRUE(t, pgd_none(*pgd_offset(mm, OLD_ADDR)));	/* its table freed */
	KTEST_EXPECT_EQ(t, global_page_state(NR_PAGETABLE), tables);	/* one new, one gone */
	KTEST_EXPECT_EQ(t, mm->rss_anon, rss);
	KTEST_EXPECT_EQ(t, mm->total_vm, vm);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	mmput(mm);
}

/* DONTUNMAP: the pages move, the old VMA stays (twice the total_vm), empty. */
static void dontunmap_leaves_empty_vma(struct ktest *t)
{
	struct mm_struct *mm = ktest_populated_mm(OLD_ADDR, PAGES);
	struct page *first;
	unsigned long vm;
	long ret;

	KTEST_ASSERT_NOT_NULL(t, mm);
	first = ktest_page_at(mm, OLD_ADDR);
	vm = mm->total_vm;
	ret = mremap_mm(mm, OLD_ADDR, PAGES << PAGE_SHIFT, PAGES << PAGE_SHIFT,
			MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, NEW_ADDR);
	KTEST_EXPECT_EQ(t, ret, (long)NEW_ADDR);
	KTEST_EXPECT_TRUE(t, ktest_page_at(mm, NEW_ADDR) == first);
	KTEST_EXPECT_TRUE(t, ktest_page_at(mm, OLD_ADDR) == NULL);
	KTEST_EXPECT_EQ(t, mm->total_vm, 2 * vm);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	mmput(mm);
}

static struct ktest_case mremap_cases[] = {
	KTEST_CASE(move_keeps_pages_and_counts),
	KTEST_CASE(dontunmap_leaves_empty_vma),
	{}
};

static struct ktest_suite mremap_suite = { .name = "mremap", .cases = mremap_cases };
ktest_register_suite(mremap_suite);
