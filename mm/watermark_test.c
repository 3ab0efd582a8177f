/*
 * ktest suite "watermark": Linux 6.1's arithmetic for min_free_kbytes
 * and the min/low/high watermarks, worked by hand for a few zone sizes
 * (Documentation/mm/reclaim.md, "Watermarks"), and the live marks.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/vmscan.h>

static void expect_marks(struct ktest *t, unsigned long managed, int kbytes, int scale,
			 unsigned long min, unsigned long low, unsigned long high)
{
	unsigned long w[NR_WMARK];

	calculate_watermarks(managed, kbytes, scale, w);
	KTEST_EXPECT_EQ(t, w[WMARK_MIN], min);
	KTEST_EXPECT_EQ(t, w[WMARK_LOW], low);
	KTEST_EXPECT_EQ(t, w[WMARK_HIGH], high);
}

/* sqrt(lowmem_kbytes * 16), rounded down, never below 128. */
static void min_free_kbytes_rule(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, calculate_min_free_kbytes(32635), 1445);	/* 127.5 MiB: sqrt(2088640) */
	KTEST_EXPECT_EQ(t, calculate_min_free_kbytes(2048), 362);	/* 8 MiB: sqrt(131072) */
	KTEST_EXPECT_EQ(t, calculate_min_free_kbytes(229279), 3830);	/* 896 MiB */
	KTEST_EXPECT_EQ(t, calculate_min_free_kbytes(200), 128);	/* the floor */
	KTEST_EXPECT_EQ(t, calculate_min_free_kbytes(0), 128);
}

/* low = min + step, high = min + 2 * step, step = max(min / 4, managed * scale / 10000). */
static void watermark_steps(struct ktest *t)
{
	expect_marks(t, 32635, 1445, 10, 361, 451, 541);	/* min / 4 wins */
	expect_marks(t, 2048, 362, 10, 90, 112, 134);
	expect_marks(t, 229279, 3830, 10, 957, 1196, 1435);
	expect_marks(t, 200, 128, 10, 32, 40, 48);
	expect_marks(t, 32635, 1445, 1000, 361, 3624, 6887);	/* the scale factor wins */
	expect_marks(t, 32635, 0, 10, 0, 32, 64);		/* min_free_kbytes 0 */
}

/* The zone's marks are the rule applied to its own size and the sysctls. */
static void live_watermarks(struct ktest *t)
{
	unsigned long w[NR_WMARK];

	calculate_watermarks(totalram_pages, min_free_kbytes, watermark_scale_factor, w);
	KTEST_EXPECT_EQ(t, wmark_pages(WMARK_MIN), w[WMARK_MIN]);
	KTEST_EXPECT_EQ(t, wmark_pages(WMARK_LOW), w[WMARK_LOW]);
	KTEST_EXPECT_EQ(t, wmark_pages(WMARK_HIGH), w[WMARK_HIGH]);
	KTEST_EXPECT_TRUE(t, wmark_pages(WMARK_MIN) < wmark_pages(WMARK_LOW));
	KTEST_EXPECT_TRUE(t, wmark_pages(WMARK_LOW) < wmark_pages(WMARK_HIGH));
}

/* Gives back a block taken straight off the free lists (no prep_new_page). */
static void free_raw_page(struct page *page)
{
	atomic_set(&page->_refcount, 1);	/* as prep_new_page leaves it */
	atomic_set(&page->_mapcount, -1);
	page->mapping = NULL;
	__free_pages(page, 0);
}

/*
 * A sleeping allocation leaves min free; __GFP_MEMALLOC may take the
 * rest.  The marks keep their order (min <= low <= high: the fast path
 * relies on it), all three at the free-page count.
 */
static void reserve_kept(struct ktest *t)
{
	unsigned long saved[NR_WMARK], free = nr_free_pages();
	struct page *page;

	for (int i = 0; i < NR_WMARK; i++) {
		saved[i] = zone_watermark[i];
		WRITE_ONCE(zone_watermark[i], free);
	}
	page = get_page_from_freelist(GFP_KERNEL, 0);
	if (page)
		free_raw_page(page);
	KTEST_EXPECT_NULL(t, page);
	page = get_page_from_freelist(GFP_KERNEL | __GFP_MEMALLOC, 0);
	for (int i = 0; i < NR_WMARK; i++)
		WRITE_ONCE(zone_watermark[i], saved[i]);
	KTEST_ASSERT_NOT_NULL(t, page);
	free_raw_page(page);
}

static struct ktest_case watermark_cases[] = {
	KTEST_CASE(min_free_kbytes_rule),
	KTEST_CASE(watermark_steps),
	KTEST_CASE(live_watermarks),
	KTEST_CASE(reserve_kept),
	{}
};

static struct ktest_suite watermark_suite = { .name = "watermark", .cases = watermark_cases };
ktest_register_suite(watermark_suite);
