/*
 * ktest suite "fault_retry": a fault that must wait for a swap-in page
 * does not sleep under its mmap_lock (FAULT_FLAG_ALLOW_RETRY,
 * VM_FAULT_RETRY; Documentation/mm/faults.md "Retry"), so reclaim can
 * unmap the pages of that mm's fork family meanwhile.  The bug it guards
 * against: swaptest (b), where faults waiting for reads under mmap_lock
 * made a whole fork tree unreclaimable and the OOM killer ended it.
 *
 * A parent and its forked child share two anonymous pages.  Page A is
 * paged out (an in-memory swap area: it stays in the swap cache) and
 * the test locks it, as a read in flight would.  A kernel thread faults
 * on A in the child with ALLOW_RETRY and must sleep for the page with
 * the child's mmap_lock free; reclaim's try_to_unmap of page B, mapped
 * by both, must then succeed.  Unlocking A lets the thread return
 * VM_FAULT_RETRY; the retried fault maps A.  _mapcount is checked
 * (rmap_check_mms) after each step, in both fork modes.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/rmap.h>
#include <linux-ish/sched.h>
#include <linux-ish/swap.h>
#include <linux-ish/wait.h>
#include <asm/pgtable.h>

#define ADDR	0x40000000UL
#define PAGES	2
#define SLOTS	8

static struct {
	struct mm_struct *mm;
	vm_fault_t ret;
	bool started, done;
} faulter;
static DECLARE_WAIT_QUEUE_HEAD(faulter_wq);

/* What the arch fault handler does for one try, with ALLOW_RETRY. */
static int faulter_thread(void *unused)
{
	struct mm_struct *mm = faulter.mm;

	mutex_lock(&mm->mmap_lock);
	WRITE_ONCE(faulter.started, true);
	faulter.ret = handle_mm_fault(find_vma(mm, ADDR), ADDR, FAULT_FLAG_ALLOW_RETRY);
	if (!(faulter.ret & VM_FAULT_RETRY))
		mutex_unlock(&mm->mmap_lock);
	else
		__release(&mm->mmap_lock);	/* handle_mm_fault dropped it */
	WRITE_ONCE(faulter.done, true);
	wake_up(&faulter_wq);
	return 0;
}

/* Yields until @cond or a second has passed. */
#define wait_ticks(cond) do {						\
	for (int __i = 0; __i < 1000 && !(cond); __i++) {		\
		set_current_state(TASK_UNINTERRUPTIBLE);		\
		schedule_timeout(1);					\
	}								\
} while (0)

/* Takes @page (mapped at @addr of @mm and elsewhere) as reclaim would: a slot, then every PTE. */
static bool page_out(struct page *page)
{
	bool ok;

	lock_page(page);
	ok = !add_to_swap(page) && try_to_unmap(page, NULL);
	unlock_page(page);
	return ok;
}

static void check_mapcounts(struct ktest *t, struct mm_struct *a, struct mm_struct *b)
{
	struct mm_struct *mms[2] = { a, b };

	KTEST_EXPECT_EQ(t, rmap_check_mms(mms, 2), 0);
}

static void retry_frees_mmap_lock(struct ktest *t, bool share)
{
	unsigned long free0 = nr_swap_pages, cached0 = swap_cache_pages;
	unsigned int tasks = nr_tasks();
	int type = swap_test_area_add(SLOTS);
	struct mm_struct *parent, *child;
	struct page *a, *b;

	KTEST_ASSERT_TRUE(t, type >= 0);
	parent = ktest_populated_mm(ADDR, PAGES);
	KTEST_ASSERT_NOT_NULL(t, parent);
	child = ktest_fork_mm(parent, share);
	KTEST_ASSERT_NOT_NULL(t, child);
	a = ktest_page_at(parent, ADDR);
	b = ktest_page_at(parent, ADDR + PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, a && b && ktest_page_at(child, ADDR) == a);
	get_page(a);
	get_page(b);
	KTEST_ASSERT_TRUE(t, page_out(a));
	KTEST_EXPECT_TRUE(t, PageSwapCache(a) && !page_mapped(a));
	check_mapcounts(t, parent, child);

	/* The child faults on A while A is locked, as during its read. */
	lock_page(a);
	faulter.mm = child;
	faulter.started = faulter.done = false;
	KTEST_ASSERT_NOT_NULL(t, kthread_run(faulter_thread, NULL, "ktest-fault"));
	wait_ticks(READ_ONCE(faulter.started));
	KTEST_EXPECT_TRUE(t, READ_ONCE(faulter.started));
	KTEST_EXPECT_FALSE(t, READ_ONCE(faulter.done));		/* it waits for A ... */
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&child->mmap_lock));	/* ... without the lock */
	/* So reclaim can take B from both mms meanwhile. */
	KTEST_EXPECT_TRUE(t, page_out(b));
	KTEST_EXPECT_FALSE(t, page_mapped(b));
	KTEST_EXPECT_EQ(t, child->swap_ents, 2);	/* its fault made the table its own */
	check_mapcounts(t, parent, child);

	unlock_page(a);
	wait_event(faulter_wq, READ_ONCE(faulter.done));
	KTEST_EXPECT_EQ(t, faulter.ret, VM_FAULT_RETRY);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&child->mmap_lock));
	KTEST_EXPECT_NULL(t, ktest_page_at(child, ADDR));	/* nothing mapped yet */
	/* The retry finds A in the cache, unlocked, and maps it. */
	mutex_lock(&child->mmap_lock);
	KTEST_EXPECT_EQ(t, handle_mm_fault(find_vma(child, ADDR), ADDR,
					   FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_TRIED), 0);
	mutex_unlock(&child->mmap_lock);
	KTEST_EXPECT_TRUE(t, ktest_page_at(child, ADDR) == a);
	check_mapcounts(t, parent, child);

	mmput(child);
	mmput(parent);
	put_page(a);
	put_page(b);
	KTEST_EXPECT_EQ(t, swap_cache_pages, cached0);
	KTEST_EXPECT_TRUE(t, swap_test_area_remove(type));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free0);
	wait_ticks(nr_tasks() == tasks);	/* the thread's stack is freed */
	KTEST_EXPECT_EQ(t, nr_tasks(), tasks);
}

static void retry_tables_copied(struct ktest *t)
{
	retry_frees_mmap_lock(t, false);
}

static void retry_tables_shared(struct ktest *t)
{
	retry_frees_mmap_lock(t, true);
}

static struct ktest_case fault_retry_cases[] = {
	KTEST_CASE(retry_tables_copied),
	KTEST_CASE(retry_tables_shared),
	{}
};

static struct ktest_suite fault_retry_suite = { .name = "fault_retry", .cases = fault_retry_cases };
ktest_register_suite(fault_retry_suite);
