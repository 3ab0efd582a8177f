/*
 * ktest suite "swap": swap entries, swap counts and the swap cache
 * (mm/swapfile.c, mm/swap_state.c), on an area in memory only
 * (swap_test_area_add: no device, so nothing is read or written: a page
 * "paged out" here stays in the swap cache, where a fault finds it).
 * The mms are the tests' own, never run (mm/ktest_mm.c).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/swap.h>
#include <asm/pgtable.h>

#define ADDR	0x40000000UL
#define PAGES	4
#define SLOTS	16

static pte_t *pte_of(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);

	return pgd_none(*pgd) ? NULL : pte_offset(pgd, addr);
}

static void swp_entry_encoding(struct ktest *t)
{
	static const unsigned long offsets[] = { 1, 2, 0x12345, SWP_OFFSET_MAX };

	for (unsigned int type = 0; type < MAX_SWAPFILES; type++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(offsets); i++) {
			swp_entry_t e = swp_entry(type, offsets[i]);
			pte_t pte = swp_entry_to_pte(e);

			KTEST_EXPECT_EQ(t, swp_type(pte_to_swp_entry(pte)), type);
			KTEST_EXPECT_EQ(t, swp_offset(pte_to_swp_entry(pte)), offsets[i]);
			KTEST_EXPECT_TRUE(t, is_swap_pte(pte) && !pte_present(pte) && !pte_none(pte));
		}
	}
}

/* A slot: HAS_CACHE first, then PTE counts; free only when both are gone. */
static void swap_counts(struct ktest *t)
{
	unsigned long free0 = nr_swap_pages;
	int type = swap_test_area_add(SLOTS);
	swp_entry_t e;

	KTEST_ASSERT_TRUE(t, type >= 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 1);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, swp_type(e), (unsigned int)type);
	KTEST_EXPECT_EQ(t, *__swap_map(e), SWAP_HAS_CACHE);
	KTEST_EXPECT_EQ(t, swap_duplicate(e), 0);
	KTEST_EXPECT_EQ(t, swap_duplicate(e), 0);
	KTEST_EXPECT_EQ(t, swap_count(e), 2);
	swap_clear_cache_bit(e);
	KTEST_EXPECT_EQ(t, *__swap_map(e), 2);
	KTEST_EXPECT_FALSE(t, swap_test_area_remove(type));	/* still in use */
	swap_free(e);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 2);
	swap_free(e);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 1);
	KTEST_EXPECT_FALSE(t, swap_set_cache_bit(e));		/* a free slot */
	for (int i = 1; i < SLOTS; i++)
		KTEST_EXPECT_NE(t, get_swap_page().val, 0);
	KTEST_EXPECT_EQ(t, get_swap_page().val, 0);		/* full */
	for (int i = 1; i < SLOTS; i++)
		swap_clear_cache_bit(swp_entry(type, i));
	KTEST_EXPECT_TRUE(t, swap_test_area_remove(type));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0);
}

/* Pages out the page at @addr of @mm as MADV_PAGEOUT would, without the write. */
static struct page *page_out(struct ktest *t, struct mm_struct *mm, unsigned long addr)
{
	struct page *page = ktest_page_at(mm, addr);
	bool ok;

	if (!page)
		return NULL;
	lock_page(page);
	get_page(page);
	ok = !add_to_swap(page) && try_to_unmap(page, NULL);
	unlock_page(page);
	KTEST_EXPECT_TRUE(t, ok);
	return ok ? page : NULL;
}

static vm_fault_t fault_in(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	vm_fault_t ret;

	mutex_lock(&mm->mmap_lock);
	ret = handle_mm_fault(find_vma(mm, addr), addr, flags);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/*
 * A swapped page forked (tables copied, or shared and then unshared by
 * the fault): both PTEs name the slot; the first fault maps the cached
 * page and keeps it cached for the other, the second takes it out of
 * the cache (the slot is free); the page is mapped read-only by both.
 */
static void fork_shares_swapped_page(struct ktest *t, bool share)
{
	unsigned long free0 = nr_swap_pages, cached0 = swap_cache_pages;
	int type = swap_test_area_add(SLOTS);
	struct mm_struct *parent, *child;
	struct page *page;
	swp_entry_t e;

	KTEST_ASSERT_TRUE(t, type >= 0);
	parent = ktest_populated_mm(ADDR, PAGES);
	KTEST_ASSERT_NOT_NULL(t, parent);
	page = page_out(t, parent, ADDR);
	KTEST_ASSERT_NOT_NULL(t, page);
	e = pte_to_swp_entry(*pte_of(parent, ADDR));
	KTEST_EXPECT_EQ(t, e.val, page->private);
	KTEST_EXPECT_EQ(t, swap_count(e), 1);
	KTEST_EXPECT_EQ(t, parent->swap_ents, 1);
	KTEST_EXPECT_EQ(t, parent->rss_anon, PAGES - 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0 + 1);
	child = ktest_fork_mm(parent, share);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, swap_count(e), share ? 1 : 2);	/* a shared table: one PTE */
	KTEST_EXPECT_EQ(t, child->swap_ents, 1);
	KTEST_EXPECT_EQ(t, fault_in(child, ADDR, 0), 0);
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) == page);
	KTEST_EXPECT_EQ(t, swap_count(e), 1);			/* the parent's */
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_EQ(t, child->swap_ents, 0);
	KTEST_EXPECT_EQ(t, fault_in(parent, ADDR, 0), 0);
	KTEST_EXPECT_TRUE(t, ktest_page_at(parent, ADDR) == page);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 2);
	KTEST_EXPECT_EQ(t, page_count(page), 3);		/* two mappings and ours */
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(parent, ADDR)) || pte_write(*pte_of(child, ADDR)));
	KTEST_EXPECT_EQ(t, parent->swap_ents, 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 1);	/* the slot is free */
	/* A write now copies (two users); the second writer reuses. */
	KTEST_EXPECT_EQ(t, fault_in(child, ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) != page);
	put_page(page);		/* the parent's mapping keeps it */
	KTEST_EXPECT_EQ(t, fault_in(parent, ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_TRUE(t, ktest_page_at(parent, ADDR) == page);
	mmput(child);
	mmput(parent);
	KTEST_EXPECT_TRUE(t, swap_test_area_remove(type));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0);
}

static void fork_copies_swap_entry(struct ktest *t)
{
	fork_shares_swapped_page(t, false);
}

static void fork_shares_table_with_swap_entry(struct ktest *t)
{
	fork_shares_swapped_page(t, true);
}

/* Exit of both owners of a swapped page frees the slot and the cached page. */
static void zap_frees_slot_and_cache(struct ktest *t)
{
	unsigned long free0 = nr_swap_pages, cached0 = swap_cache_pages;
	int type = swap_test_area_add(SLOTS);
	struct mm_struct *parent, *child;
	struct page *page;

	KTEST_ASSERT_TRUE(t, type >= 0);
	parent = ktest_populated_mm(ADDR, PAGES);
	KTEST_ASSERT_NOT_NULL(t, parent);
	page = page_out(t, parent, ADDR);
	KTEST_ASSERT_NOT_NULL(t, page);
	child = ktest_fork_mm(parent, false);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, page_count(page), 2);		/* the cache's and ours */
	mmput(parent);
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));		/* the child's PTE names it */
	mmput(child);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_EQ(t, page_count(page), 1);		/* ours only: the cache let go */
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 1);
	put_page(page);
	KTEST_EXPECT_TRUE(t, swap_test_area_remove(type));
}

static struct ktest_case swap_cases[] = {
	KTEST_CASE(swp_entry_encoding),
	KTEST_CASE(swap_counts),
	KTEST_CASE(fork_copies_swap_entry),
	KTEST_CASE(fork_shares_table_with_swap_entry),
	KTEST_CASE(zap_frees_slot_and_cache),
	{}
};

static struct ktest_suite swap_suite = { .name = "swap", .cases = swap_cases };
ktest_register_suite(swap_suite);
