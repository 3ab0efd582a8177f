/*
 * alloc_fail: the unwind paths of mm and page-cache allocation sites
 * (Documentation/mm/allocation-failures.md).  Each case fails exactly the
 * n-th page or slab allocation of one operation, for n = 1, 2, ... until
 * the operation gets through (Linux's fail_nth), and checks after every
 * attempt that the state is as before; the runner's leak check then
 * proves that every page and slab object came back.
 *
 * The suite runs with injection live, but borrows both boot attrs for
 * the whole case (nothing fails outside the planned failure) and puts
 * them back exactly, counters included.  With a task filter on, pid 1
 * (which runs ktest) is never failed: the cases then skip.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/radix-tree.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/err.h>
#include <linux-ish/vmstack.h>
#include <asm/pgtable.h>

#define MAX_NTH		64
#define BASE		0x40000000UL

struct inject {
	struct fault_attr page, slab;	/* the boot settings */
};

static void inject_off(void)
{
	setup_fault_attr(&fail_page_alloc_attr, "1,0,0,0");
	setup_fault_attr(&failslab_attr, "1,0,0,0");
	fault_attr_reseed(&fail_page_alloc_attr, 0);
	fault_attr_reseed(&failslab_attr, 0);
}

/* Borrows both sites; nothing fails until inject_nth(). */
static void inject_begin(struct inject *in)
{
	in->page = fail_page_alloc_attr;
	in->slab = failslab_attr;
	fail_page_alloc_attr.min_order = 0;
	fail_page_alloc_attr.verbose = 0;
	failslab_attr.verbose = 0;
	inject_off();
}

/* From now on, fail the @nth call of one site ("%u,100,0,1") and no other. */
static void inject_nth(bool page, unsigned int nth)
{
	char cfg[32];

	inject_off();
	snprintf(cfg, sizeof(cfg), "%u,100,0,1", nth);
	setup_fault_attr(page ? &fail_page_alloc_attr : &failslab_attr, cfg);
}

/* Stops failing; true if a failure was injected since inject_nth(). */
static bool inject_stop(void)
{
	bool hit = fail_page_alloc_attr.nr_failures + failslab_attr.nr_failures;

	inject_off();
	return hit;
}

static void inject_end(struct inject *in)
{
	fail_page_alloc_attr = in->page;
	failslab_attr = in->slab;
}

/*
 * ---- an address space of the test's own, as current->mm ----
 * No other task can reach it, so its mmap_lock is not taken (as in
 * exit_mmap()); nothing here touches user memory.
 */

struct test_mm {
	struct mm_struct *mm, *saved;
};

static bool test_mm_enter(struct test_mm *tm)
{
	tm->mm = mm_alloc();
	if (!tm->mm)
		return false;
	tm->mm->start_stack = STACK_TOP;
	tm->saved = current->mm;
	current->mm = tm->mm;		/* do_mmap's mm; CR3 is never switched */
	return true;
}

static void test_mm_leave(struct test_mm *tm)
{
	current->mm = tm->saved;
	mmput(tm->mm);
}

static unsigned long map_anon(unsigned long addr, unsigned long pages, unsigned long flags)
{
	return do_mmap(NULL, addr, pages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | flags, 0);
}

static bool range_unmapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return !vma || vma->vm_start >= end;
}

/* ---- the cases ---- */

/* mm_alloc: the mm_struct, then the page directory. */
static void mm_alloc_unwinds(struct ktest *t)
{
	struct inject in;
	unsigned int hits = 0;

	inject_begin(&in);
	for (int page = 0; page < 2; page++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			struct mm_struct *mm;
			bool hit;

			inject_nth(page, n);
			mm = mm_alloc();
			hit = inject_stop();
			if (mm)
				mmput(mm);
			if (!hit)
				break;
			hits++;
			KTEST_EXPECT_NULL(t, mm);
		}
	}
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/*
 * MAP_POPULATE that runs out of memory: mmap fails with -ENOMEM and the
 * new range is unmapped again, even when that needs no allocation to
 * succeed.  The new VMA joins a neighbour of the same kind, so undoing
 * it after the merge would need a split (a VMA allocation) that can fail
 * too: fail the populate's page and that allocation both.
 */
static void mmap_populate_failure_unmaps(struct ktest *t)
{
	struct test_mm tm;
	struct inject in;
	unsigned long ret;

	inject_begin(&in);
	if (!test_mm_enter(&tm)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, map_anon(BASE, 2, MAP_POPULATE), BASE);
	setup_fault_attr(&fail_page_alloc_attr, "1,100,0,1");	/* the populate's page */
	setup_fault_attr(&failslab_attr, "2,100,0,1");		/* after the new VMA: any */
	ret = map_anon(BASE + 2 * PAGE_SIZE, 2, MAP_POPULATE);
	if (!inject_stop()) {
		ktest_skip(t, "no failure injected (task filter?)");
	} else {
		KTEST_EXPECT_EQ(t, (long)ret, -ENOMEM);
		KTEST_EXPECT_TRUE(t, range_unmapped(tm.mm, BASE + 2 * PAGE_SIZE,
						    BASE + 4 * PAGE_SIZE));
		KTEST_EXPECT_EQ(t, tm.mm->map_count, 1);
		KTEST_EXPECT_EQ(t, tm.mm->total_vm, 2);
		KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 2);
	}
	test_mm_leave(&tm);
	inject_end(&in);
}

/* Every allocation of mmap(MAP_POPULATE) next to a mapping, failed in turn. */
static void mmap_populate_unwinds(struct ktest *t)
{
	unsigned int hits = 0;
	struct test_mm tm;
	struct inject in;

	inject_begin(&in);
	if (!test_mm_enter(&tm)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, map_anon(BASE, 2, MAP_POPULATE), BASE);
	for (int page = 0; page < 2; page++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			unsigned long ret;
			bool hit;

			inject_nth(page, n);
			ret = map_anon(BASE + 2 * PAGE_SIZE, 4, MAP_POPULATE);
			hit = inject_stop();
			if (!IS_ERR_VALUE(ret)) {
				KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 6);
				KTEST_EXPECT_EQ(t, do_munmap(tm.mm, ret, 4 * PAGE_SIZE), 0);
			} else {
				KTEST_EXPECT_EQ(t, (long)ret, -ENOMEM);
			}
			KTEST_EXPECT_TRUE(t, range_unmapped(tm.mm, BASE + 2 * PAGE_SIZE,
							    BASE + 6 * PAGE_SIZE));
			KTEST_EXPECT_EQ(t, tm.mm->total_vm, 2);
			KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 2);
			if (!hit)
				break;
			hits++;
		}
	}
	test_mm_leave(&tm);
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/*
 * munmap of a VMA's middle needs a new VMA; without one it fails with
 * -ENOMEM and the mapping is as it was.
 */
static void munmap_split_failure_changes_nothing(struct ktest *t)
{
	struct test_mm tm;
	struct inject in;
	int err;

	inject_begin(&in);
	if (!test_mm_enter(&tm)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, map_anon(BASE, 4, MAP_POPULATE), BASE);
	inject_nth(false, 1);
	err = do_munmap(tm.mm, BASE + PAGE_SIZE, PAGE_SIZE);
	if (!inject_stop()) {
		ktest_skip(t, "no failure injected (task filter?)");
	} else {
		KTEST_EXPECT_EQ(t, err, -ENOMEM);
		KTEST_EXPECT_EQ(t, tm.mm->map_count, 1);
		KTEST_EXPECT_EQ(t, tm.mm->total_vm, 4);
		KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 4);
		KTEST_EXPECT_EQ(t, find_vma(tm.mm, BASE)->vm_end, BASE + 4 * PAGE_SIZE);
	}
	test_mm_leave(&tm);
	inject_end(&in);
}

/*
 * A write fault that cannot get its page table or its page returns
 * VM_FAULT_OOM and changes no counter; the PTE stays empty.
 */
static void anon_fault_oom_keeps_counts(struct ktest *t)
{
	unsigned int hits = 0;
	struct test_mm tm;
	struct inject in;

	inject_begin(&in);
	if (!test_mm_enter(&tm)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, map_anon(BASE, 1, 0), BASE);
	for (unsigned int n = 1; n <= MAX_NTH; n++) {
		unsigned long ptes = tm.mm->nr_ptes;
		vm_fault_t ret;
		bool hit;

		inject_nth(true, n);
		ret = handle_mm_fault(find_vma(tm.mm, BASE), BASE, FAULT_FLAG_WRITE);
		hit = inject_stop();
		if (!hit) {
			KTEST_EXPECT_EQ(t, ret, 0);
			KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 1);
			break;
		}
		hits++;
		KTEST_EXPECT_EQ(t, ret, VM_FAULT_OOM);
		KTEST_EXPECT_EQ(t, tm.mm->rss_anon, 0);
		KTEST_EXPECT_LE(t, tm.mm->nr_ptes, ptes + 1);
		if (!pgd_none(*pgd_offset(tm.mm, BASE)))
			KTEST_EXPECT_TRUE(t, pte_none(*pte_offset(pgd_offset(tm.mm, BASE), BASE)));
	}
	test_mm_leave(&tm);
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/*
 * Faults on shared anonymous memory (a shmem object's page cache): the
 * read fault needs the cache's slot array and page, the private-copy
 * case a page more.  On failure the cache keeps only its own reference.
 */
static void shmem_fault_oom_unwinds(struct ktest *t)
{
	unsigned int hits = 0;
	struct test_mm tm;
	struct inject in;
	struct file *f;

	inject_begin(&in);
	f = shmem_file_setup(PAGE_SIZE);
	if (IS_ERR(f) || !test_mm_enter(&tm)) {
		if (!IS_ERR(f))
			fput(f);
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, do_mmap(f, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_FIXED, 0), BASE);
	for (int page = 0; page < 2; page++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			vm_fault_t ret;
			bool hit;

			inject_nth(page, n);
			ret = handle_mm_fault(find_vma(tm.mm, BASE), BASE, 0);
			hit = inject_stop();
			if (!hit) {
				KTEST_EXPECT_EQ(t, ret, 0);
				KTEST_EXPECT_EQ(t, tm.mm->rss_file, 1);
				break;
			}
			hits++;
			KTEST_EXPECT_EQ(t, ret, VM_FAULT_OOM);
			KTEST_EXPECT_EQ(t, tm.mm->rss_file, 0);
			KTEST_EXPECT_EQ(t, f->f_inode->i_mapping->nrpages, 0);
		}
		zap_page_range(find_vma(tm.mm, BASE), BASE, BASE + PAGE_SIZE);
		truncate_setsize(f->f_inode, 0);
		truncate_setsize(f->f_inode, PAGE_SIZE);
	}
	test_mm_leave(&tm);
	fput(f);
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/* shmem_file_setup: inode, dentry, file. */
static void shmem_setup_unwinds(struct ktest *t)
{
	unsigned int hits = 0;
	struct inject in;

	inject_begin(&in);
	for (int page = 0; page < 2; page++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			struct file *f;
			bool hit;

			inject_nth(page, n);
			f = shmem_file_setup(PAGE_SIZE);
			hit = inject_stop();
			if (!IS_ERR(f))
				fput(f);
			if (!hit)
				break;
			hits++;
			KTEST_EXPECT_EQ(t, PTR_ERR(f), -ENOMEM);
		}
	}
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/* The page cache: growing the slot array, then the page. */
static void page_cache_insert_unwinds(struct ktest *t)
{
	static struct file_system_type type = { .name = "ktest" };
	static struct super_block sb = { .s_type = &type };
	unsigned int hits = 0;
	struct inode *inode;
	struct inject in;

	inject_begin(&in);
	inode = new_inode(&sb, S_IFREG | 0600);
	if (!inode) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	for (int page = 0; page < 2; page++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			struct page *p;
			bool hit;

			inject_nth(page, n);
			p = find_or_create_page(inode->i_mapping, 20);
			hit = inject_stop();
			if (IS_ERR(p))
				p = NULL;
			if (p) {
				KTEST_EXPECT_EQ(t, page_count(p), 2);
				put_page(p);
			} else {
				KTEST_EXPECT_EQ(t, inode->i_mapping->nrpages, 0);
			}
			if (!hit)
				break;
			hits++;
			KTEST_EXPECT_NULL(t, p);
		}
		truncate_inode_pages(inode->i_mapping);
	}
	kfree_inode(inode);
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/*
 * The page-cache index: inserting a key 4 GiB of file away from the only
 * other one needs three new levels on top and three nodes down.  Each
 * failing node allocation gives -ENOMEM with every item still found and
 * the new one absent (levels added on top before the failure stay: they
 * hold the old tree); emptying the tree frees every node (the runner's
 * leak check and the node count).
 */
static void page_index_node_unwinds(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	unsigned long nodes = radix_tree_nr_nodes(), far = 0x100000;
	static int near_item, far_item;
	unsigned int hits = 0;
	struct inject in;

	inject_begin(&in);
	if (radix_tree_insert(&root, 0, &near_item)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	for (unsigned int n = 1; n <= MAX_NTH; n++) {
		bool hit;
		int err;

		inject_nth(false, n);
		err = radix_tree_insert(&root, far, &far_item);
		hit = inject_stop();
		KTEST_EXPECT_TRUE(t, radix_tree_lookup(&root, 0) == &near_item);
		if (!hit) {
			KTEST_EXPECT_EQ(t, err, 0);
			break;
		}
		hits++;
		KTEST_EXPECT_EQ(t, err, -ENOMEM);
		KTEST_EXPECT_NULL(t, radix_tree_lookup(&root, far));
	}
	KTEST_EXPECT_GE(t, hits, 3);	/* levels a failed try added on top stay */
	radix_tree_delete(&root, far);
	radix_tree_delete(&root, 0);
	KTEST_EXPECT_NULL(t, root.rnode);
	KTEST_EXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
	inject_end(&in);
}

/* A kernel stack: no page, no slot. */
static void thread_stack_unwinds(struct ktest *t)
{
	unsigned int stacks = nr_thread_stacks();
	struct page *page = NULL;
	struct inject in;
	void *stack;

	inject_begin(&in);
	inject_nth(true, 1);
	stack = alloc_thread_stack(&page);
	if (!inject_stop()) {
		ktest_skip(t, "no failure injected (task filter?)");
	} else {
		KTEST_EXPECT_NULL(t, stack);
		KTEST_EXPECT_EQ(t, nr_thread_stacks(), stacks);
	}
	if (stack)
		free_thread_stack(stack, page);
	inject_end(&in);
}

/* ramfs: a name is in the directory only if its inode and dentry both exist. */
static void ramfs_mknod_unwinds(struct ktest *t)
{
	static const char name[] = "ktest-alloc-fail";
	unsigned int hits = 0, nlink = init_root.dentry->d_inode->i_nlink;
	struct inject in;

	inject_begin(&in);
	for (int symlink = 0; symlink < 2; symlink++) {
		for (unsigned int n = 1; n <= MAX_NTH; n++) {
			struct dentry *d;
			bool hit;
			int err;

			inject_nth(false, n);
			err = symlink ? ramfs_symlink(init_root.dentry, name, "target", 6) :
					ramfs_mknod(init_root.dentry, name, S_IFDIR | 0700, 0, NULL);
			hit = inject_stop();
			d = d_lookup(init_root.dentry, name, strlen(name));
			if (!err) {
				KTEST_ASSERT_NOT_NULL(t, d);
				if (S_ISDIR(d->d_inode->i_mode)) {
					d->d_inode->i_nlink = 1;
					init_root.dentry->d_inode->i_nlink--;
				}
				d_delete(d);
			} else {
				KTEST_EXPECT_EQ(t, err, -ENOMEM);
				KTEST_EXPECT_NULL(t, d);
			}
			KTEST_EXPECT_EQ(t, init_root.dentry->d_inode->i_nlink, nlink);
			if (!hit)
				break;
			hits++;
		}
	}
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

/*
 * A write fault under a page table shared by fork (fork_mode=share) must
 * copy the table first: when that copy (or the page after it) cannot be
 * had, the fault returns VM_FAULT_OOM and the table is still shared,
 * whole, with both references (never half copied).
 */
static void unshare_oom_keeps_table_shared(struct ktest *t)
{
	bool saved_mode = fork_share_tables;
	struct mm_struct *child, *mms[2];
	unsigned int hits = 0;
	struct test_mm tm;
	struct inject in;

	inject_begin(&in);
	if (!test_mm_enter(&tm)) {
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	KTEST_EXPECT_EQ(t, map_anon(BASE, 2, MAP_POPULATE), BASE);
	fork_share_tables = true;
	child = dup_mm(tm.mm);
	fork_share_tables = saved_mode;
	if (!child) {
		test_mm_leave(&tm);
		inject_end(&in);
		KTEST_ASSERT_TRUE(t, false);
	}
	mms[0] = tm.mm;
	mms[1] = child;
	for (unsigned int n = 1; n <= MAX_NTH; n++) {
		pgd_t before = *pgd_offset(child, BASE);
		vm_fault_t ret;
		bool hit;

		inject_nth(true, n);
		ret = handle_mm_fault(find_vma(child, BASE), BASE, FAULT_FLAG_WRITE);
		hit = inject_stop();
		if (!hit) {
			KTEST_EXPECT_EQ(t, ret, 0);
			KTEST_EXPECT_TRUE(t, pgd_write(*pgd_offset(child, BASE)));
			break;
		}
		hits++;
		KTEST_EXPECT_EQ(t, ret, VM_FAULT_OOM);
		KTEST_EXPECT_EQ(t, child->rss_anon, 2);
		KTEST_EXPECT_EQ(t, pgtable_share_check(mms, 2), 0);
		if (n == 1) {	/* the table copy failed: still the shared one */
			KTEST_EXPECT_EQ(t, pgd_val(*pgd_offset(child, BASE)), pgd_val(before));
			KTEST_EXPECT_EQ(t, page_count(pgd_page(before)), 2);
		}
	}
	KTEST_EXPECT_EQ(t, pgtable_share_check(mms, 2), 0);
	mmput(child);
	test_mm_leave(&tm);
	inject_end(&in);
	if (!hits)
		ktest_skip(t, "no failure injected (task filter?)");
}

static struct ktest_case alloc_fail_cases[] = {
	KTEST_CASE(mm_alloc_unwinds),
	KTEST_CASE(mmap_populate_failure_unmaps),
	KTEST_CASE(mmap_populate_unwinds),
	KTEST_CASE(munmap_split_failure_changes_nothing),
	KTEST_CASE(anon_fault_oom_keeps_counts),
	KTEST_CASE(unshare_oom_keeps_table_shared),
	KTEST_CASE(shmem_fault_oom_unwinds),
	KTEST_CASE(shmem_setup_unwinds),
	KTEST_CASE(page_cache_insert_unwinds),
	KTEST_CASE(page_index_node_unwinds),
	KTEST_CASE(thread_stack_unwinds),
	KTEST_CASE(ramfs_mknod_unwinds),
	{}
};

static struct ktest_suite alloc_fail_suite = {
	.name = "alloc_fail", .cases = alloc_fail_cases, .fault_injection = true,
};
ktest_register_suite(alloc_fail_suite);
