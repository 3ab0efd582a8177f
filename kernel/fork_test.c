/*
 * ktest suite "mm_refs": the two counts that keep an mm_struct alive
 * (mm_users for the address space, mm_count for the structure and its
 * page directory), and which mm a kernel thread runs on.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmstat.h>
#include <linux-ish/wait.h>
#include <asm/page.h>
#include <asm/processor.h>

#define TEST_ADDR	0x40000000UL
#define TEST_PAGES	4

static long tables(void)
{
	return global_page_state(NR_PAGETABLE);
}

/* A new mm: one user, one struct reference, one page directory counted. */
static void mm_alloc_one_user_one_ref(struct ktest *t)
{
	long before = tables();
	struct mm_struct *mm = mm_alloc();

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 1);
	KTEST_EXPECT_EQ(t, tables(), before + 1);
	mmput(mm);
	KTEST_EXPECT_EQ(t, tables(), before);
}

/* A second user (a vfork child) keeps the mappings until it too is gone. */
static void mmput_only_last_user_unmaps(struct ktest *t)
{
	long before = tables();
	struct mm_struct *mm = ktest_populated_mm(TEST_ADDR, TEST_PAGES);

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, tables(), before + 2);	/* directory + one table */
	mmget(mm);
	mmput(mm);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 1);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, mm->rss_anon, TEST_PAGES);
	KTEST_EXPECT_EQ(t, tables(), before + 2);
	mmput(mm);
	KTEST_EXPECT_EQ(t, tables(), before);
}

/*
 * A struct reference (a kernel thread running on the mm) outlives the
 * users: the last mmput() unmaps everything and frees the page tables,
 * the page directory stays until the last mmdrop().
 */
static void mmgrab_keeps_directory_not_mappings(struct ktest *t)
{
	long before = tables();
	struct mm_struct *mm = ktest_populated_mm(TEST_ADDR, TEST_PAGES);

	KTEST_ASSERT_NOT_NULL(t, mm);
	mmgrab(mm);
	mmput(mm);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_users), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&mm->mm_count), 1);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->rss_anon, 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 0);
	KTEST_EXPECT_NOT_NULL(t, mm->pgd);
	KTEST_EXPECT_EQ(t, tables(), before + 1);
	mmdrop(mm);
	KTEST_EXPECT_EQ(t, tables(), before);
}

static DECLARE_WAIT_QUEUE_HEAD(lazy_wq);
static struct mm_struct *volatile lazy_seen_mm;
static volatile unsigned long lazy_seen_cr3;

static int record_mm_thread(void *unused)
{
	lazy_seen_cr3 = read_cr3();
	lazy_seen_mm = current->active_mm;
	wake_up(&lazy_wq);
	return 0;
}

/*
 * A kernel thread has no mm of its own and runs on a borrowed one, with
 * CR3 pointing at that mm's page directory; once it is gone, so is its
 * reference.  The ktest runner is itself a kernel thread.
 */
static void kthread_borrows_active_mm(struct ktest *t)
{
	struct mm_struct *mine = current->active_mm;
	int refs = atomic_read(&mine->mm_count);
	unsigned int tasks = nr_tasks();

	KTEST_EXPECT_NULL(t, current->mm);
	KTEST_ASSERT_NOT_NULL(t, mine);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(mine->pgd));
	lazy_seen_mm = NULL;
	KTEST_ASSERT_NOT_NULL(t, kthread_run(record_mm_thread, NULL, "ktest-lazy"));
	wait_event(lazy_wq, lazy_seen_mm != NULL);
	KTEST_EXPECT_EQ(t, lazy_seen_cr3, __pa(lazy_seen_mm->pgd));
	for (int i = 0; i < 100 && nr_tasks() != tasks; i++) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
	KTEST_EXPECT_EQ(t, nr_tasks(), tasks);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(current->active_mm->pgd));
	if (current->active_mm == mine)
		KTEST_EXPECT_EQ(t, atomic_read(&mine->mm_count), refs);
}

static struct ktest_case mm_refs_cases[] = {
	KTEST_CASE(mm_alloc_one_user_one_ref),
	KTEST_CASE(mmput_only_last_user_unmaps),
	KTEST_CASE(mmgrab_keeps_directory_not_mappings),
	KTEST_CASE(kthread_borrows_active_mm),
	{}
};

static struct ktest_suite mm_refs_suite = { .name = "mm_refs", .cases = mm_refs_cases };
ktest_register_suite(mm_refs_suite);
