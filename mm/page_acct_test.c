/* ktest suite "page_accounting": the census agrees with the counters, and says so when not. */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <linux-ish/vmstack.h>

#define NOWARN	(GFP_KERNEL | __GFP_NOWARN)

static char why[128];

/* Every frame below max_pfn is in exactly one kind, and the kinds agree with the counters. */
static void census_at_rest(struct ktest *t)
{
	struct page_census c;
	unsigned long sum = 0;

	page_census_take(&c);
	for (int k = 0; k < NR_PAGE_KINDS; k++)
		sum += c.pages[k];
	KTEST_EXPECT_EQ(t, sum, max_pfn);
	KTEST_EXPECT_EQ(t, c.pages[PK_FREE], nr_free_pages());
	KTEST_EXPECT_EQ(t, c.pages[PK_UNOWNED], 0);
	KTEST_EXPECT_TRUE(t, page_accounting_verify(&c, why, sizeof(why)));
}

/* A page that no owner claims is found, with its pfn. */
static void census_finds_unowned_page(struct ktest *t)
{
	struct page *page = alloc_page(NOWARN);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, page_accounting_ok(why, sizeof(why)));
	KTEST_EXPECT_NOT_NULL(t, strstr(why, "1 frames unowned"));
	__free_page(page);
	KTEST_EXPECT_TRUE(t, page_accounting_ok(why, sizeof(why)));
}

/* The broken path of issue 11 in miniature: a counter that forgot a page. */
static void census_finds_stale_counter(struct ktest *t)
{
	mod_vm_stat(NR_FILE_PAGES, 1);
	KTEST_EXPECT_FALSE(t, page_accounting_ok(why, sizeof(why)));
	KTEST_EXPECT_NOT_NULL(t, strstr(why, "file: counted"));
	mod_vm_stat(NR_FILE_PAGES, -1);
	KTEST_EXPECT_TRUE(t, page_accounting_ok(why, sizeof(why)));
}

/* Reclaim's counters too: an LRU list's length, the swap cache's size. */
static void census_finds_stale_lru_counters(struct ktest *t)
{
	struct page_census c;

	page_census_take(&c);
	for (int i = 0; i < NR_LRU_LISTS; i++)
		KTEST_EXPECT_EQ(t, c.lru[i], global_page_state(NR_INACTIVE_ANON + i));
	KTEST_EXPECT_EQ(t, c.swapcache, swap_cache_pages);
	mod_vm_stat(NR_ACTIVE_FILE, 1);
	KTEST_EXPECT_FALSE(t, page_accounting_ok(why, sizeof(why)));
	KTEST_EXPECT_NOT_NULL(t, strstr(why, "lru active_file: counted"));
	mod_vm_stat(NR_ACTIVE_FILE, -1);
	swap_cache_pages++;		/* no other user runs during a ktest case */
	KTEST_EXPECT_FALSE(t, page_accounting_ok(why, sizeof(why)));
	KTEST_EXPECT_NOT_NULL(t, strstr(why, "swap cache: counted"));
	swap_cache_pages--;
	KTEST_EXPECT_TRUE(t, page_accounting_ok(why, sizeof(why)));
}

/* A page-cache page is "file" from insertion to truncation. */
static void page_cache_pages_counted(struct ktest *t)
{
	static struct file_system_type type = { .name = "ktest" };
	static struct super_block sb = { .s_type = &type };
	unsigned long file = global_page_state(NR_FILE_PAGES);
	struct inode *inode = new_inode(&sb, S_IFREG | 0600);
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, inode);
	page = find_or_create_page(inode->i_mapping, 3);
	if (!IS_ERR(page)) {
		put_page(page);
		KTEST_EXPECT_EQ(t, global_page_state(NR_FILE_PAGES), file + 1);
		KTEST_EXPECT_TRUE(t, page_accounting_ok(why, sizeof(why)));
	}
	inode->i_size = 4 * PAGE_SIZE;
	truncate_setsize(inode, 0);
	KTEST_EXPECT_EQ(t, global_page_state(NR_FILE_PAGES), file);
	kfree_inode(inode);
	KTEST_EXPECT_NOT_NULL(t, page);
}

/* Big kmalloc blocks and kernel stacks are their own kinds, whole blocks. */
static void block_owners_counted(struct ktest *t)
{
	unsigned long kmalloc_pages = global_page_state(NR_KMALLOC_PAGES);
	unsigned long stack_pages = global_page_state(NR_KERNEL_STACK);
	void *big = kmalloc(3 * PAGE_SIZE, NOWARN);
	struct page *stack_page;
	void *stack = alloc_thread_stack(&stack_page);

	KTEST_EXPECT_EQ(t, global_page_state(NR_KMALLOC_PAGES), kmalloc_pages + (big ? 4 : 0));
	KTEST_EXPECT_EQ(t, global_page_state(NR_KERNEL_STACK),
			stack_pages + (stack ? THREAD_SIZE / PAGE_SIZE : 0));
	KTEST_EXPECT_TRUE(t, page_accounting_ok(why, sizeof(why)));
	if (stack)
		free_thread_stack(stack, stack_page);
	kfree(big);
	KTEST_EXPECT_EQ(t, global_page_state(NR_KMALLOC_PAGES), kmalloc_pages);
	KTEST_EXPECT_EQ(t, global_page_state(NR_KERNEL_STACK), stack_pages);
}

static struct ktest_case page_acct_cases[] = {
	KTEST_CASE(census_at_rest),
	KTEST_CASE(census_finds_unowned_page),
	KTEST_CASE(census_finds_stale_counter),
	KTEST_CASE(census_finds_stale_lru_counters),
	KTEST_CASE(page_cache_pages_counted),
	KTEST_CASE(block_owners_counted),
	{}
};

static struct ktest_suite page_acct_suite = {
	.name = "page_accounting",
	.cases = page_acct_cases,
};
ktest_register_suite(page_acct_suite);
