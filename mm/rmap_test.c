/*
 * ktest suite "rmap": the LRU lists and the reverse map (mm/swap.c,
 * mm/rmap.c).  The mms are the test's own (never run), children made by
 * fork's dup_mm() in both fork modes.  After each step rmap_check_mms()
 * holds: every mapped page's _mapcount is the number of PTEs mapping it
 * (a shared page table's once) and rmap_walk() finds each of them.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/mman.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmstat.h>
#include <asm/pgtable.h>
#include "internal.h"

#define ADDR	0x40000000UL
#define NEWADDR	0x40800000UL
#define PAGES	4

static int check(struct mm_struct *a, struct mm_struct *b, struct mm_struct *c)
{
	struct mm_struct *mms[3] = { a, b, c };

	return rmap_check_mms(mms, c ? 3 : b ? 2 : 1);
}

static vm_fault_t write_at(struct mm_struct *mm, unsigned long addr)
{
	return handle_mm_fault(find_vma(mm, addr), addr, FAULT_FLAG_WRITE);
}

/* A new anonymous page is on the inactive anon list, with its anon_vma; freed, off it. */
static void anon_page_on_inactive_list(struct ktest *t)
{
	long inactive = global_page_state(NR_INACTIVE_ANON);
	struct mm_struct *mm = ktest_populated_mm(ADDR, PAGES);
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, mm);
	page = ktest_page_at(mm, ADDR);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageLRU(page) && PageSwapBacked(page) && PageAnon(page));
	KTEST_EXPECT_FALSE(t, PageActive(page) || PageUnevictable(page));
	KTEST_EXPECT_TRUE(t, page_anon_vma(page) == find_vma(mm, ADDR)->anon_vma);
	KTEST_EXPECT_EQ(t, global_page_state(NR_INACTIVE_ANON), inactive + PAGES);
	KTEST_EXPECT_EQ(t, check(mm, NULL, NULL), 0);
	mmput(mm);
	KTEST_EXPECT_EQ(t, global_page_state(NR_INACTIVE_ANON), inactive);
}

/* Three generations of fork (each mode), COW breaks at each, a split, a move, an unmap. */
static void three_generations(struct ktest *t, bool share)
{
	struct mm_struct *p = ktest_populated_mm(ADDR, PAGES), *c, *g;
	struct page *first;

	KTEST_ASSERT_NOT_NULL(t, p);
	first = ktest_page_at(p, ADDR);
	c = ktest_fork_mm(p, share);
	KTEST_ASSERT_NOT_NULL(t, c);
	g = ktest_fork_mm(c, share);
	KTEST_ASSERT_NOT_NULL(t, g);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	KTEST_EXPECT_EQ(t, page_mapcount(first), share ? 1 : 3);
	KTEST_EXPECT_EQ(t, write_at(c, ADDR), 0);		/* the middle one copies */
	KTEST_EXPECT_TRUE(t, ktest_page_at(c, ADDR) != first);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	KTEST_EXPECT_EQ(t, write_at(g, ADDR + PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	/* the grandchild splits its VMA (mprotect's first step), then merges it back */
	KTEST_EXPECT_EQ(t, split_vma(g, find_vma(g, ADDR), ADDR + 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	vma_merge_neighbours(g, find_vma(g, ADDR));
	KTEST_EXPECT_EQ(t, g->map_count, 1);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	/* the child moves half its pages (mremap), the grandchild unmaps one */
	KTEST_EXPECT_EQ(t, mremap_mm(c, ADDR + 2 * PAGE_SIZE, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
				     MREMAP_MAYMOVE | MREMAP_FIXED, NEWADDR), (long)NEWADDR);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	KTEST_EXPECT_EQ(t, do_munmap(g, ADDR + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, check(p, c, g), 0);
	mmput(c);		/* the middle generation goes first */
	KTEST_EXPECT_EQ(t, check(p, g, NULL), 0);
	mmput(g);
	KTEST_EXPECT_EQ(t, page_mapcount(first), 1);
	KTEST_EXPECT_EQ(t, check(p, NULL, NULL), 0);
	mmput(p);
}

static void three_generations_copy(struct ktest *t)
{
	three_generations(t, false);
}

static void three_generations_share(struct ktest *t)
{
	three_generations(t, true);
}

/* page_referenced counts young PTEs once each (a shared table's once) and clears them. */
static void page_referenced_counts(struct ktest *t)
{
	struct mm_struct *p = ktest_populated_mm(ADDR, PAGES), *c, *s;
	unsigned long flags;
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, p);
	page = ktest_page_at(p, ADDR);
	c = ktest_fork_mm(p, false);
	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, page_referenced(page, NULL, &flags), 2);
	KTEST_EXPECT_TRUE(t, flags & VM_WRITE);
	KTEST_EXPECT_EQ(t, page_referenced(page, NULL, &flags), 0);
	KTEST_EXPECT_EQ(t, flags, 0);
	mmput(c);
	s = ktest_fork_mm(p, true);	/* one PTE, two mms */
	KTEST_ASSERT_NOT_NULL(t, s);
	*pte_offset(pgd_offset(p, ADDR), ADDR) = pte_mkyoung(*pte_offset(pgd_offset(p, ADDR), ADDR));
	KTEST_EXPECT_EQ(t, page_referenced(page, NULL, &flags), 1);
	KTEST_EXPECT_EQ(t, page_referenced(page, NULL, &flags), 0);
	mmput(s);
	mmput(p);
}

/* Without swap an anonymous page stays where it is. */
static void anon_unmap_needs_swap(struct ktest *t)
{
	struct mm_struct *p = ktest_populated_mm(ADDR, 1);
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, p);
	page = ktest_page_at(p, ADDR);
	KTEST_EXPECT_FALSE(t, try_to_unmap(page, NULL));
	KTEST_EXPECT_TRUE(t, ktest_page_at(p, ADDR) == page);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	mmput(p);
}

/* An mm mapping shmem file @f at ADDR (@flags: MAP_SHARED or MAP_PRIVATE), 2 pages. */
static struct mm_struct *file_mm(struct file *f, unsigned long flags)
{
	struct mm_struct *mm = mm_alloc(), *saved = current->mm;
	unsigned long got;

	if (!mm)
		return NULL;
	mm->start_stack = STACK_TOP;
	current->mm = mm;
	got = do_mmap(f, ADDR, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, flags | MAP_FIXED, 0);
	current->mm = saved;
	if (got != ADDR) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* try_to_unmap of a file page mapped by parent and child clears both PTEs. */
static void unmap_file_page_both(struct ktest *t, unsigned long flags, bool share)
{
	struct file *f = shmem_file_setup(2 * PAGE_SIZE);
	struct mm_struct *p, *c;
	struct page *page;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	p = file_mm(f, flags);
	fput(f);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(p, ADDR), ADDR, 0), 0);
	if (flags & MAP_PRIVATE)	/* a private copy: fork then shares the table */
		KTEST_EXPECT_EQ(t, write_at(p, ADDR + PAGE_SIZE), 0);
	c = ktest_fork_mm(p, share);
	KTEST_ASSERT_NOT_NULL(t, c);
	if (!ktest_page_at(c, ADDR))
		KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(c, ADDR), ADDR, 0), 0);
	page = ktest_page_at(p, ADDR);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageLRU(page) && PageSwapBacked(page) && !PageAnon(page));
	KTEST_EXPECT_EQ(t, check(p, c, NULL), 0);
	get_page(page);
	lock_page(page);
	KTEST_EXPECT_TRUE(t, try_to_unmap(page, NULL));
	unlock_page(page);
	KTEST_EXPECT_NULL(t, ktest_page_at(p, ADDR));
	KTEST_EXPECT_NULL(t, ktest_page_at(c, ADDR));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, p->rss_file, 0);
	KTEST_EXPECT_EQ(t, c->rss_file, 0);
	KTEST_EXPECT_EQ(t, check(p, c, NULL), 0);
	put_page(page);
	mmput(c);
	mmput(p);
}

static void unmap_shared_file_page(struct ktest *t)
{
	unmap_file_page_both(t, MAP_SHARED, true);
}

static void unmap_private_file_page_shared_table(struct ktest *t)
{
	unmap_file_page_both(t, MAP_PRIVATE, true);
}

static void unmap_private_file_page_copied_table(struct ktest *t)
{
	unmap_file_page_both(t, MAP_PRIVATE, false);
}

/* read()/write()'s two-touch rule: referenced, then active. */
static void two_touches_activate(struct ktest *t)
{
	struct file *f = shmem_file_setup(PAGE_SIZE);
	struct page *page;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	page = find_or_create_page(f->f_inode->i_mapping, 0);
	if (IS_ERR(page)) {
		fput(f);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_TRUE(t, PageLRU(page) && !PageActive(page) && !PageReferenced(page));
	mark_page_accessed(page);
	KTEST_EXPECT_TRUE(t, !PageActive(page) && PageReferenced(page));
	mark_page_accessed(page);
	KTEST_EXPECT_TRUE(t, PageActive(page) && !PageReferenced(page));
	deactivate_page(page);
	KTEST_EXPECT_TRUE(t, PageLRU(page) && !PageActive(page));
	put_page(page);
	fput(f);
}

static struct ktest_case rmap_cases[] = {
	KTEST_CASE(anon_page_on_inactive_list),
	KTEST_CASE(three_generations_copy),
	KTEST_CASE(three_generations_share),
	KTEST_CASE(page_referenced_counts),
	KTEST_CASE(anon_unmap_needs_swap),
	KTEST_CASE(unmap_shared_file_page),
	KTEST_CASE(unmap_private_file_page_shared_table),
	KTEST_CASE(unmap_private_file_page_copied_table),
	KTEST_CASE(two_touches_activate),
	{}
};

static struct ktest_suite rmap_suite = { .name = "rmap", .cases = rmap_cases };
ktest_register_suite(rmap_suite);
