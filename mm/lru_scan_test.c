/*
 * ktest suite "lru_scan": the LRU scan (mm/lru_scan.c) on its own.
 *
 * Anonymous pages of a test mm (mm/ktest_mm.c, never run; forked over
 * three generations in both fork modes) are swapped out by the scan alone -- aging, references,
 * add_to_swap, try_to_unmap, the asynchronous write and the free on the
 * next pass -- to a test area whose slots are vda5 of the test disk (1
 * MiB, which the swap selftests overwrite with their own mkswap later),
 * then faulted back and compared byte for byte, with the counters
 * (slots in use, VmSwap, rss, the swap cache, pswpout/pswpin) and
 * _mapcount (rmap_check_mms) checked at each step.  Clean page-cache
 * pages of vda1 are dropped by a scan that may not sleep.  Without the
 * test disk the swap cases skip.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/fs.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <linux-ish/time.h>
#include <linux-ish/vmscan.h>
#include <asm/pgtable.h>

#define ADDR		0x40000000UL
#define NPAGES		64
#define SLOTS		256		/* vda5: 1 MiB, slot 0 the header */
#define FILE_PAGES	16

static u32 pattern(unsigned long i, unsigned int w, u32 seed)
{
	return (u32)(i * 2654435761u) ^ (w * 40503u) ^ seed;
}

/* Writes (or checks: the number of bad words) @mm's pages through the kernel map. */
static unsigned long pages_pattern(struct mm_struct *mm, unsigned long n, u32 seed, bool check)
{
	unsigned long bad = 0;

	for (unsigned long i = 0; i < n; i++) {
		struct page *page = ktest_page_at(mm, ADDR + i * PAGE_SIZE);
		u32 *w;

		if (!page) {
			bad++;
			continue;
		}
		w = page_address(page);
		for (unsigned int j = 0; j < PAGE_SIZE / 4; j += 61) {
			if (!check)
				w[j] = pattern(i, j, seed);
			else if (w[j] != pattern(i, j, seed))
				bad++;
		}
	}
	return bad;
}

/* A test area whose slots are on vda5, or -1 (no test disk). */
static int disk_area(void)
{
	struct block_device *bdev = bdev_by_dev(MKDEV(VIRTBLK_MAJOR, 5));
	struct swap_info_struct *si;
	int type;

	if (!bdev || bdev->bd_nr_sectors < (SLOTS << 3))
		return -1;
	type = swap_test_area_add(SLOTS);
	if (type < 0)
		return -1;
	si = swp_swap_info(swp_entry(type, 1));
	si->bdev = bdev;
	return type;
}

static bool area_remove(int type)
{
	struct swap_info_struct *si = swp_swap_info(swp_entry(type, 1));

	si->bdev = NULL;
	return swap_test_area_remove(type);
}

/*
 * Scans as kswapd would (may sleep, priority 0) until @done says so,
 * waiting a tick between passes for the writes; at most 200 passes.
 */
static void scan_until(bool (*done)(void *), void *arg)
{
	for (int pass = 0; pass < 200 && !done(arg); pass++) {
		struct scan_control sc = {
			.nr_to_reclaim = 4 * NPAGES,
			.priority = 0,
			.may_sleep = true,
		};

		lru_shrink_sc(&sc);
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
}

struct out_state {
	struct mm_struct **mms;
	int n;
	unsigned long cached0;
};

/* Every page of every mm swapped and none left in the swap cache. */
static bool all_out(void *arg)
{
	struct out_state *o = arg;

	for (int m = 0; m < o->n; m++)
		if (o->mms[m]->rss_anon)
			return false;
	return swap_cache_pages == o->cached0;
}

static void fault_all(struct mm_struct *mm, unsigned int flags)
{
	mutex_lock(&mm->mmap_lock);
	for (unsigned long i = 0; i < NPAGES; i++)
		handle_mm_fault(find_vma(mm, ADDR + i * PAGE_SIZE), ADDR + i * PAGE_SIZE, flags);
	mutex_unlock(&mm->mmap_lock);
}

/*
 * NPAGES anonymous pages, in one mm or COW-shared by three generations
 * (tables copied or shared), go to swap by the scan alone and come
 * back: the data, the slots, VmSwap, rss and _mapcount all along.
 */
static void swap_out_and_in(struct ktest *t, int nr_mms, bool share)
{
	unsigned long free0 = nr_swap_pages, cached0 = swap_cache_pages;
	unsigned long out0 = pswpout, in0 = pswpin;
	struct mm_struct *mms[3] = { NULL, NULL, NULL };
	struct swap_info_struct *si;
	struct out_state o;
	int type = disk_area();

	if (type < 0) {
		ktest_skip(t, "no test disk (vda5)");
		return;
	}
	si = swp_swap_info(swp_entry(type, 1));
	mms[0] = ktest_populated_mm(ADDR, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	pages_pattern(mms[0], NPAGES, 0x5eed, false);
	for (int m = 1; m < nr_mms; m++) {	/* generations: each forks the last */
		mms[m] = ktest_fork_mm(mms[m - 1], share);
		KTEST_ASSERT_NOT_NULL(t, mms[m]);
	}
	o = (struct out_state){ mms, nr_mms, cached0 };
	scan_until(all_out, &o);
	for (int m = 0; m < nr_mms; m++) {
		KTEST_EXPECT_EQ(t, mms[m]->rss_anon, 0UL);
		KTEST_EXPECT_EQ(t, mms[m]->swap_ents, (unsigned long)NPAGES);
	}
	KTEST_EXPECT_EQ(t, si->inuse_pages, (unsigned long)NPAGES);	/* shared: one slot each */
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0);			/* written, then freed */
	KTEST_EXPECT_TRUE(t, pswpout - out0 >= NPAGES);
	KTEST_EXPECT_EQ(t, rmap_check_mms(mms, nr_mms), 0);

	/* Back in: each mm reads its pages; the child writes its own copy. */
	for (int m = 0; m < nr_mms; m++)
		fault_all(mms[m], 0);
	KTEST_EXPECT_TRUE(t, pswpin - in0 >= NPAGES);
	KTEST_EXPECT_EQ(t, rmap_check_mms(mms, nr_mms), 0);
	for (int m = 0; m < nr_mms; m++) {
		KTEST_EXPECT_EQ(t, pages_pattern(mms[m], NPAGES, 0x5eed, true), 0UL);
		KTEST_EXPECT_EQ(t, mms[m]->swap_ents, 0UL);
		KTEST_EXPECT_EQ(t, mms[m]->rss_anon, (unsigned long)NPAGES);
	}
	if (nr_mms > 1) {
		/* Still shared after the swap-in: one frame for all, until a write. */
		struct page *p0 = ktest_page_at(mms[0], ADDR);

		for (int m = 1; m < nr_mms; m++)
			KTEST_EXPECT_TRUE(t, p0 && ktest_page_at(mms[m], ADDR) == p0);
		KTEST_EXPECT_EQ(t, page_mapcount(p0), nr_mms);
		/* The last generation writes its own copy; the others keep theirs. */
		fault_all(mms[nr_mms - 1], FAULT_FLAG_WRITE);
		pages_pattern(mms[nr_mms - 1], NPAGES, 0xc41d, false);
		for (int m = 0; m < nr_mms - 1; m++)
			KTEST_EXPECT_EQ(t, pages_pattern(mms[m], NPAGES, 0x5eed, true), 0UL);
		KTEST_EXPECT_EQ(t, pages_pattern(mms[nr_mms - 1], NPAGES, 0xc41d, true), 0UL);
		KTEST_EXPECT_EQ(t, rmap_check_mms(mms, nr_mms), 0);
	}
	for (int m = nr_mms - 1; m >= 0; m--)
		mmput(mms[m]);
	KTEST_EXPECT_EQ(t, si->inuse_pages, 0UL);
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0);
	KTEST_EXPECT_TRUE(t, area_remove(type));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0);
}

static void lru_swap_one_mm(struct ktest *t)
{
	swap_out_and_in(t, 1, false);
}

/* Three generations of fork, tables copied (fork_mode=copy) or shared (ODF). */
static void lru_swap_fork_copied(struct ktest *t)
{
	swap_out_and_in(t, 3, false);
}

static void lru_swap_fork_shared(struct ktest *t)
{
	swap_out_and_in(t, 3, true);
}

/* An mlocked page is never taken: it goes to the unevictable list instead. */
static void lru_mlocked_stays(struct ktest *t)
{
	unsigned long free0 = nr_swap_pages;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int type = swap_test_area_add(SLOTS);

	KTEST_ASSERT_TRUE(t, type >= 0);
	mm = ktest_populated_mm(ADDR, 4);
	KTEST_ASSERT_NOT_NULL(t, mm);
	vma = find_vma(mm, ADDR);
	vma->vm_flags |= VM_LOCKED;	/* as if mlocked after the pages came */
	for (int pass = 0; pass < 8; pass++) {
		struct scan_control sc = { .nr_to_reclaim = 64, .priority = 0, .may_sleep = true };

		lru_shrink_sc(&sc);
	}
	KTEST_EXPECT_EQ(t, mm->rss_anon, 4UL);
	KTEST_EXPECT_EQ(t, mm->swap_ents, 0UL);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0 + SLOTS - 1);
	for (unsigned long i = 0; i < 4; i++) {
		struct page *page = ktest_page_at(mm, ADDR + i * PAGE_SIZE);

		KTEST_EXPECT_TRUE(t, page && PageMlocked(page) && PageUnevictable(page));
	}
	vma->vm_flags &= ~VM_LOCKED;
	mmput(mm);
	KTEST_EXPECT_TRUE(t, swap_test_area_remove(type));
}

/* Clean page-cache pages (vda1's) go under a scan that may not sleep. */
static void lru_clean_file_dropped(struct ktest *t)
{
	struct block_device *bdev = bdev_by_dev(MKDEV(VIRTBLK_MAJOR, 1));
	struct address_space *mapping;
	int left = 0;

	if (!bdev || !bdev->bd_inode) {
		ktest_skip(t, "no test disk (vda1)");
		return;
	}
	mapping = bdev->bd_inode->i_mapping;
	for (pgoff_t i = 0; i < FILE_PAGES; i++) {
		struct page *page = read_mapping_page(mapping, i, NULL);

		KTEST_ASSERT_TRUE(t, !IS_ERR(page));
		KTEST_EXPECT_TRUE(t, PageUptodate(page) && PageLRU(page) && !PageSwapBacked(page));
		put_page(page);
	}
	for (int pass = 0; pass < 4; pass++) {
		struct scan_control sc = { .nr_to_reclaim = ULONG_MAX / 2, .priority = 0 };

		lru_shrink_sc(&sc);
	}
	for (pgoff_t i = 0; i < FILE_PAGES; i++) {
		struct page *page = find_get_page(mapping, i);

		if (page) {
			left++;
			put_page(page);
		}
	}
	KTEST_EXPECT_EQ(t, left, 0);
}

static struct ktest_case lru_scan_cases[] = {
	KTEST_CASE(lru_swap_one_mm),
	KTEST_CASE(lru_swap_fork_copied),
	KTEST_CASE(lru_swap_fork_shared),
	KTEST_CASE(lru_mlocked_stays),
	KTEST_CASE(lru_clean_file_dropped),
	{}
};
static struct ktest_suite lru_scan_suite = { .name = "lru_scan", .cases = lru_scan_cases };
ktest_register_suite(lru_scan_suite);
