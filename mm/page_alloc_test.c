/*
 * ktest suites for the coremap and the buddy allocator ("buddy") and for
 * page reference counts ("page_refcount").  They rely on nothing else
 * running: the counts they compare are exact.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/string.h>

#define NOWARN	(GFP_KERNEL | __GFP_NOWARN | __GFP_MEMALLOC)	/* all of memory, no reclaim */

static bool counts_equal(const unsigned long a[NR_PAGE_ORDERS],
			 const unsigned long b[NR_PAGE_ORDERS])
{
	return !memcmp(a, b, sizeof(unsigned long) * NR_PAGE_ORDERS);
}

/* Allocates every free block of @order, chained on @list; returns how many. */
static unsigned long drain_order(unsigned int order, struct list_head *list)
{
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_pages(NOWARN, order))) {
		list_add(&page->lru, list);
		n++;
	}
	return n;
}

static void free_list_of(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

static void buddy_every_order(struct ktest *t)
{
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		unsigned long before = nr_free_pages();
		struct page *page = alloc_pages(NOWARN, order);
		unsigned char *p;

		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, page_to_pfn(page) & ((1UL << order) - 1), 0);
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		KTEST_EXPECT_EQ(t, nr_free_pages(), before - (1UL << order));
		KTEST_EXPECT_FALSE(t, PageBuddy(page));
		p = page_address(page);
		memset(p, 0xa5, PAGE_SIZE << order);	/* the whole block is ours */
		KTEST_EXPECT_EQ(t, p[(PAGE_SIZE << order) - 1], 0xa5);
		__free_pages(page, order);
		KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	}
}

static void buddy_too_large_order(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, alloc_pages(NOWARN, MAX_PAGE_ORDER + 1));
	KTEST_EXPECT_NULL(t, alloc_pages(NOWARN, 31));
}

/*
 * With the order-0 list empty, one order-0 allocation must split the
 * smallest larger block: one new free block at every order below it.  The
 * next allocation is its buddy.  Freeing both restores every list.
 */
static void __buddy_split_and_merge(struct ktest *t)
{
	unsigned long before[NR_PAGE_ORDERS], split[NR_PAGE_ORDERS];
	LIST_HEAD(drained);
	struct page *a, *b;
	unsigned int k;

	buddy_free_counts(before);
	/* Take exactly the order-0 blocks that exist, so the list is empty. */
	for (unsigned long i = 0; i < before[0]; i++) {
		a = alloc_pages(NOWARN, 0);
		KTEST_ASSERT_NOT_NULL(t, a);
		list_add(&a->lru, &drained);
	}
	buddy_free_counts(split);
	KTEST_EXPECT_EQ(t, split[0], 0);
	for (k = 1; k < NR_PAGE_ORDERS && !split[k]; k++)
		;
	KTEST_ASSERT_TRUE(t, k < NR_PAGE_ORDERS);

	a = alloc_pages(NOWARN, 0);
	KTEST_ASSERT_NOT_NULL(t, a);
	buddy_free_counts(split);
	for (unsigned int o = 0; o < k; o++)
		KTEST_EXPECT_EQ(t, split[o], 1);
	b = alloc_pages(NOWARN, 0);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_EQ(t, page_to_pfn(b), page_to_pfn(a) ^ 1);

	__free_pages(a, 0);
	__free_pages(b, 0);
	free_list_of(&drained, 0);
	buddy_free_counts(split);
	KTEST_EXPECT_TRUE(t, counts_equal(before, split));
}

/* Every page can be allocated; then nothing can; then all of it merges back. */
static void __buddy_exhaustion(struct ktest *t)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	unsigned long free = nr_free_pages(), got;
	LIST_HEAD(all);

	buddy_free_counts(before);
	got = drain_order(0, &all);
	KTEST_EXPECT_EQ(t, got, free);
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++)
		KTEST_EXPECT_NULL(t, alloc_pages(NOWARN, order));
	free_list_of(&all, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	buddy_free_counts(after);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
}

/* The same with the largest blocks: what is left fits no 4 MiB block. */
static void __buddy_exhaustion_max_order(struct ktest *t)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	unsigned long free = nr_free_pages(), got;
	LIST_HEAD(all);

	buddy_free_counts(before);
	got = drain_order(MAX_PAGE_ORDER, &all);
	KTEST_EXPECT_EQ(t, got, before[MAX_PAGE_ORDER]);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free - (got << MAX_PAGE_ORDER));
	free_list_of(&all, MAX_PAGE_ORDER);
	buddy_free_counts(after);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
}

/* The free lists' exact shape: with the per-CPU list off and empty. */
#define BUDDY_PCP_OFF(fn)					\
static void fn(struct ktest *t)					\
{								\
	pcp_disable();						\
	__##fn(t);						\
	pcp_enable();						\
}
BUDDY_PCP_OFF(buddy_split_and_merge)
BUDDY_PCP_OFF(buddy_exhaustion)
BUDDY_PCP_OFF(buddy_exhaustion_max_order)

/* A freed order-0 page is the next one handed out (the per-CPU list), and stays counted free. */
static void buddy_pcp_reuse(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	struct page *a = alloc_pages(NOWARN, 0), *b;

	KTEST_ASSERT_NOT_NULL(t, a);
	__free_pages(a, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	b = alloc_pages(NOWARN, 0);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_TRUE(t, a == b);
	KTEST_EXPECT_FALSE(t, PageBuddy(b));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 1);
	__free_pages(b, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/*
 * Pages parked on the per-CPU list come back for a large block: after
 * all of memory went out and came back page by page (a full list), as
 * many 4 MiB blocks as with the list off.
 */
static void buddy_pcp_gives_back(struct ktest *t)
{
	unsigned long counts[NR_PAGE_ORDERS], free, got;
	LIST_HEAD(all);

	pcp_disable();
	buddy_free_counts(counts);
	pcp_enable();
	free = nr_free_pages();
	got = drain_order(0, &all);
	KTEST_EXPECT_EQ(t, got, free);
	free_list_of(&all, 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	got = drain_order(MAX_PAGE_ORDER, &all);
	KTEST_EXPECT_EQ(t, got, counts[MAX_PAGE_ORDER]);
	free_list_of(&all, MAX_PAGE_ORDER);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static void buddy_zeroed(struct ktest *t)
{
	struct page *page = alloc_pages(NOWARN, 2);
	unsigned long pfn;

	KTEST_ASSERT_NOT_NULL(t, page);
	pfn = page_to_pfn(page);
	memset(page_address(page), 0xff, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	/* LIFO free lists: the same block comes back, now zeroed. */
	page = alloc_pages(NOWARN | __GFP_ZERO, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page_to_pfn(page), pfn);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, 4 * PAGE_SIZE));
	__free_pages(page, 2);
}

static void coremap_address_roundtrip(struct ktest *t)
{
	struct page *page = alloc_page(NOWARN);
	void *addr;

	KTEST_ASSERT_NOT_NULL(t, page);
	addr = page_address(page);
	KTEST_EXPECT_EQ(t, (unsigned long)addr & ~PAGE_MASK, 0);
	KTEST_EXPECT_GE(t, (unsigned long)addr, PAGE_OFFSET);
	KTEST_EXPECT_TRUE(t, virt_to_page(addr) == page);
	KTEST_EXPECT_TRUE(t, virt_to_page((char *)addr + PAGE_SIZE - 1) == page);
	KTEST_EXPECT_TRUE(t, pfn_to_page(page_to_pfn(page)) == page);
	KTEST_EXPECT_EQ(t, page_to_phys(page), __pa(addr));
	__free_page(page);
}

/* Kernel image and low BIOS memory are reserved and never handed out. */
static void coremap_reserved(struct ktest *t)
{
	extern char _text[], _end[];

	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(_text)));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page((void *)((unsigned long)_end - 1))));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(mem_map)));
	KTEST_EXPECT_LE(t, nr_free_pages(), totalram_pages);
	KTEST_EXPECT_EQ(t, sizeof(struct page), 32);
}

static struct ktest_case buddy_cases[] = {
	KTEST_CASE(buddy_every_order),
	KTEST_CASE(buddy_too_large_order),
	KTEST_CASE(buddy_split_and_merge),
	KTEST_CASE(buddy_exhaustion),
	KTEST_CASE(buddy_exhaustion_max_order),
	KTEST_CASE(buddy_pcp_reuse),
	KTEST_CASE(buddy_pcp_gives_back),
	KTEST_CASE(buddy_zeroed),
	KTEST_CASE(coremap_address_roundtrip),
	KTEST_CASE(coremap_reserved),
	{}
};

static struct ktest_suite buddy_suite = { .name = "buddy", .cases = buddy_cases };
ktest_register_suite(buddy_suite);

static void refcount_get_put(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	struct page *page = alloc_page(NOWARN);

	KTEST_ASSERT_NOT_NULL(t, page);
	get_page(page);
	get_page(page);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	put_page(page);
	put_page(page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 1);	/* still ours */
	put_page(page);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);		/* last ref frees */
}

/* __free_pages() is a put: a second holder keeps the block alive. */
static void refcount_free_pages_is_put(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	struct page *page = alloc_pages(NOWARN, 3);

	KTEST_ASSERT_NOT_NULL(t, page);
	get_page(page);
	__free_pages(page, 3);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 8);
	put_page(page);				/* frees all 8 pages: order kept in head */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void refcount_new_page_state(struct ktest *t)
{
	struct page *page = alloc_pages(NOWARN, 1);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
	KTEST_EXPECT_TRUE(t, PageHead(page));
	KTEST_EXPECT_NULL(t, page->mapping);
	KTEST_EXPECT_EQ(t, page_count(page + 1), 0);	/* tails hold no reference */
	__free_pages(page, 1);
}

/* A second put of a freed page is reported; the free lists stay intact. */
static void refcount_double_free_detected(struct ktest *t)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	unsigned long bad = nr_bad_pages;
	struct page *page = alloc_page(NOWARN);

	KTEST_ASSERT_NOT_NULL(t, page);
	put_page(page);
	buddy_free_counts(before);
	ktest_expect_report_begin(t);
	put_page(page);
	ktest_expect_report_end(t);
	buddy_free_counts(after);
	KTEST_EXPECT_EQ(t, nr_bad_pages, bad + 1);
	KTEST_EXPECT_EQ(t, page_count(page), 0);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
	nr_bad_pages = bad;
}

/* A tail page that took a reference of its own makes the block's free fail loudly. */
static void refcount_tail_page_checked(struct ktest *t)
{
	unsigned long bad = nr_bad_pages, free = nr_free_pages();
	struct page *page = alloc_pages(NOWARN, 2);

	KTEST_ASSERT_NOT_NULL(t, page);
	atomic_set(&page[3]._refcount, 1);	/* someone "got" a tail */
	ktest_expect_report_begin(t);
	__free_pages(page, 2);
	ktest_expect_report_end(t);
	KTEST_EXPECT_EQ(t, nr_bad_pages, bad + 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free - 4);	/* withheld */
	atomic_set(&page[3]._refcount, 0);
	atomic_set(&page->_refcount, 1);
	nr_bad_pages = bad;
	__free_pages(page, 2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

/* Freeing a page that is still mapped is reported and the page is withheld. */
static void refcount_bad_page_withheld(struct ktest *t)
{
	unsigned long before = nr_free_pages(), bad = nr_bad_pages;
	struct page *page = alloc_page(NOWARN);

	KTEST_ASSERT_NOT_NULL(t, page);
	atomic_set(&page->_mapcount, 0);		/* pretend one mapping */
	ktest_expect_report_begin(t);
	put_page(page);
	ktest_expect_report_end(t);
	KTEST_EXPECT_EQ(t, nr_bad_pages, bad + 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 1);
	/* Undo the experiment: unmap, give it a reference, free it properly. */
	atomic_set(&page->_mapcount, -1);
	atomic_set(&page->_refcount, 1);
	nr_bad_pages = bad;
	put_page(page);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static struct ktest_case refcount_cases[] = {
	KTEST_CASE(refcount_get_put),
	KTEST_CASE(refcount_free_pages_is_put),
	KTEST_CASE(refcount_new_page_state),
	KTEST_CASE(refcount_bad_page_withheld),
	KTEST_CASE(refcount_double_free_detected),
	KTEST_CASE(refcount_tail_page_checked),
	{}
};

static struct ktest_suite refcount_suite = { .name = "page_refcount", .cases = refcount_cases };
ktest_register_suite(refcount_suite);
