/*
 * ktest suite "pgtable_share": fork sharing page tables (fork_mode=share,
 * mm/pgtable_share.c).  Parent and child are mms of the test's own
 * (never run, CR3 never switched to them): the child is made by dup_mm()
 * as fork makes it.  After every step pgtable_share_check() holds: each
 * page table's _refcount is the number of page directories pointing at
 * it, and a shared table's entries are read-only.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmstat.h>
#include <asm/pgtable.h>

#define ADDR	0x40000000UL
#define PAGES	4

static pgd_t pgd_at(struct mm_struct *mm, unsigned long addr)
{
	return *pgd_offset(mm, addr);
}

static bool same_table(struct mm_struct *a, struct mm_struct *b, unsigned long addr)
{
	return pgd_present(pgd_at(a, addr)) && pgd_pfn(pgd_at(a, addr)) == pgd_pfn(pgd_at(b, addr));
}

static pte_t pte_at(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);

	return pgd_none(*pgd) ? __pte(0) : *pte_offset(pgd, addr);
}

static int check2(struct mm_struct *a, struct mm_struct *b)
{
	struct mm_struct *mms[2] = { a, b };

	return pgtable_share_check(mms, b ? 2 : 1);
}

/* fork shares the table: one more reference on it, none on the pages. */
static void fork_shares_table_not_pages(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child;
	long tables = global_page_state(NR_PAGETABLE);

	KTEST_ASSERT_NOT_NULL(t, parent);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_TRUE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_FALSE(t, pgd_write(pgd_at(parent, ADDR)));
	KTEST_EXPECT_FALSE(t, pgd_write(pgd_at(child, ADDR)));
	KTEST_EXPECT_EQ(t, page_count(pgd_page(pgd_at(parent, ADDR))), 2);
	KTEST_EXPECT_EQ(t, page_count(ktest_page_at(parent, ADDR)), 1);
	KTEST_EXPECT_EQ(t, child->rss_anon, PAGES);
	KTEST_EXPECT_EQ(t, child->nr_ptes, 1);
	/* the child's page directory only: no table was allocated */
	KTEST_EXPECT_EQ(t, global_page_state(NR_PAGETABLE), tables + 1);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);		/* exit lets go of the table, touches no page */
	KTEST_EXPECT_EQ(t, page_count(pgd_page(pgd_at(parent, ADDR))), 1);
	KTEST_EXPECT_EQ(t, page_count(ktest_page_at(parent, ADDR)), 1);
	KTEST_EXPECT_EQ(t, parent->rss_anon, PAGES);
	KTEST_EXPECT_EQ(t, global_page_state(NR_PAGETABLE), tables);
	KTEST_EXPECT_EQ(t, check2(parent, NULL), 0);
	mmput(parent);
}

/*
 * The child's write fault copies the table for the child (the pages one
 * more reference each, the writable PTEs write-protected on both sides),
 * then breaks COW on the one page; the parent, now the table's only
 * owner, takes it back writable without a copy and reuses its page.
 */
static void write_fault_unshares(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child;
	struct page *first, *second;
	unsigned long unshares = vm_events.pt_unshare;
	pgd_t before;

	KTEST_ASSERT_NOT_NULL(t, parent);
	first = ktest_page_at(parent, ADDR);
	second = ktest_page_at(parent, ADDR + PAGE_SIZE);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	before = pgd_at(parent, ADDR);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, ADDR), ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_FALSE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_TRUE(t, pgd_write(pgd_at(child, ADDR)));
	KTEST_EXPECT_EQ(t, pgd_val(pgd_at(parent, ADDR)), pgd_val(before));
	KTEST_EXPECT_EQ(t, page_count(pgd_page(before)), 1);
	KTEST_EXPECT_EQ(t, vm_events.pt_unshare, unshares + 1);
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) != first);	/* COW copy */
	KTEST_EXPECT_EQ(t, page_count(first), 1);
	KTEST_EXPECT_EQ(t, page_count(second), 2);
	KTEST_EXPECT_EQ(t, page_mapcount(second), 2);
	KTEST_EXPECT_FALSE(t, pte_write(pte_at(parent, ADDR + PAGE_SIZE)));
	KTEST_EXPECT_FALSE(t, pte_write(pte_at(child, ADDR + PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, child->rss_anon, PAGES);
	KTEST_EXPECT_EQ(t, child->nr_ptes, 1);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);

	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(parent, ADDR), ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, pgd_val(pgd_at(parent, ADDR)), pgd_val(pgd_mkwrite(before)));
	KTEST_EXPECT_TRUE(t, ktest_page_at(parent, ADDR) == first);	/* reused */
	KTEST_EXPECT_TRUE(t, pte_write(pte_at(parent, ADDR)));
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);
	KTEST_EXPECT_EQ(t, page_count(second), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(second), 1);
	mmput(parent);
}

/* A read of a present page needs no table of its own; a new PTE does. */
static void read_fault_keeps_sharing(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child;

	KTEST_ASSERT_NOT_NULL(t, parent);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, ADDR), ADDR, 0), 0);
	KTEST_EXPECT_TRUE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);
	mmput(parent);
}

/* munmap of part of a shared table copies it; of all of it, lets go. */
static void munmap_partial_copies_whole_drops(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child;
	struct page *second;

	KTEST_ASSERT_NOT_NULL(t, parent);
	second = ktest_page_at(parent, ADDR + PAGE_SIZE);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, do_munmap(child, ADDR, PAGE_SIZE), 0);
	KTEST_EXPECT_FALSE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) == NULL);
	KTEST_EXPECT_TRUE(t, ktest_page_at(parent, ADDR) != NULL);
	KTEST_EXPECT_EQ(t, page_count(second), 2);
	KTEST_EXPECT_EQ(t, child->rss_anon, PAGES - 1);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);

	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, do_munmap(child, ADDR, PGDIR_SIZE), 0);
	KTEST_EXPECT_TRUE(t, pgd_none(pgd_at(child, ADDR)));
	KTEST_EXPECT_EQ(t, child->rss_anon, 0);
	KTEST_EXPECT_EQ(t, child->nr_ptes, 0);
	KTEST_EXPECT_EQ(t, page_count(second), 1);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);
	mmput(parent);
}

/* fork_mode=copy: the child gets its own table, the pages a reference each. */
static void copy_mode_copies(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child;

	KTEST_ASSERT_NOT_NULL(t, parent);
	child = ktest_fork_mm(parent, false);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_FALSE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_TRUE(t, pgd_write(pgd_at(child, ADDR)));
	KTEST_EXPECT_TRUE(t, pgd_write(pgd_at(parent, ADDR)));
	KTEST_EXPECT_EQ(t, page_count(ktest_page_at(parent, ADDR)), 2);
	KTEST_EXPECT_EQ(t, child->rss_anon, PAGES);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);
	mmput(parent);
}

/*
 * A 4 MiB range that also holds a shared mapping is copied per PTE: the
 * shared VMA's pages are shared, its table is not.
 */
static void mixed_range_not_shared(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child, *saved = current->mm;
	unsigned long got;

	KTEST_ASSERT_NOT_NULL(t, parent);
	current->mm = parent;
	got = do_mmap(NULL, ADDR + 16 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, 0);
	current->mm = saved;
	KTEST_EXPECT_EQ(t, got, ADDR + 16 * PAGE_SIZE);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_FALSE(t, same_table(parent, child, ADDR));
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) == ktest_page_at(parent, ADDR));
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR + 16 * PAGE_SIZE) == NULL);
	KTEST_EXPECT_EQ(t, child->rss_anon, PAGES);
	KTEST_EXPECT_EQ(t, check2(parent, child), 0);
	mmput(child);
	mmput(parent);
}

/* Three generations on one table: the references add up, exits give them back. */
static void grandchild_shares_too(struct ktest *t)
{
	struct mm_struct *parent = ktest_populated_mm(ADDR, PAGES), *child, *grandchild;
	struct mm_struct *mms[3];

	KTEST_ASSERT_NOT_NULL(t, parent);
	child = ktest_fork_mm(parent, true);
	KTEST_ASSERT_NOT_NULL(t, child);
	grandchild = ktest_fork_mm(child, true);
	KTEST_ASSERT_NOT_NULL(t, grandchild);
	mms[0] = parent;
	mms[1] = child;
	mms[2] = grandchild;
	KTEST_EXPECT_EQ(t, page_count(pgd_page(pgd_at(parent, ADDR))), 3);
	KTEST_EXPECT_EQ(t, pgtable_share_check(mms, 3), 0);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, ADDR), ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, page_count(pgd_page(pgd_at(parent, ADDR))), 2);
	KTEST_EXPECT_EQ(t, pgtable_share_check(mms, 3), 0);
	mmput(child);
	mmput(grandchild);
	KTEST_EXPECT_EQ(t, page_count(pgd_page(pgd_at(parent, ADDR))), 1);
	KTEST_EXPECT_EQ(t, page_count(ktest_page_at(parent, ADDR + PAGE_SIZE)), 1);
	KTEST_EXPECT_EQ(t, check2(parent, NULL), 0);
	mmput(parent);
}

static struct ktest_case pgtable_share_cases[] = {
	KTEST_CASE(fork_shares_table_not_pages),
	KTEST_CASE(write_fault_unshares),
	KTEST_CASE(read_fault_keeps_sharing),
	KTEST_CASE(munmap_partial_copies_whole_drops),
	KTEST_CASE(copy_mode_copies),
	KTEST_CASE(mixed_range_not_shared),
	KTEST_CASE(grandchild_shares_too),
	{}
};

static struct ktest_suite pgtable_share_suite = {
	.name = "pgtable_share", .cases = pgtable_share_cases
};
ktest_register_suite(pgtable_share_suite);
