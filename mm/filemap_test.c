/*
 * ktest suite "pagecache": the page-cache protocols against a fake disk.
 * The fake's readpage/writepage copy from/to a kmalloc'd store and
 * complete from a timer (interrupt context, as a disk's completion), so
 * the page lock and writeback waits really sleep.  A file on it is a
 * ramfs tmpfile whose mapping is given the fake's a_ops, opened, and
 * mapped MAP_SHARED in an mm of the test's own (never run: faults are
 * made by calling handle_mm_fault, PTEs read back through the arch
 * helpers).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/mount.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <linux-ish/writeback.h>
#include <asm/pgtable.h>

#define DISK_PAGES	8
#define FILE_PAGES	DISK_PAGES
#define MAP_ADDR	0x40000000UL
#define NO_PAGE		ULONG_MAX
#define MAX_PENDING	8

/* ---- the fake disk ---- */

struct fake_io {
	struct page *page;
	bool write;
};

static struct fake_disk {
	char *store;			/* DISK_PAGES pages; beyond: reads zeros, writes dropped */
	pgoff_t bad_read, bad_write;	/* the index whose I/O fails (NO_PAGE: none) */
	unsigned int reads, writes;
	struct fake_io pending[MAX_PENDING];
	unsigned int nr_pending;
	struct timer_list timer;
	bool hold;			/* the test looks at I/O in flight: don't complete yet */
} disk;

/* Finishes one I/O: what a disk's interrupt handler would do. */
static void fake_complete(struct fake_io *io)
{
	struct page *page = io->page;
	pgoff_t index = page->index;
	char *at = index < DISK_PAGES ? disk.store + index * PAGE_SIZE : NULL;

	if (io->write) {
		if (index == disk.bad_write)
			mapping_set_error(page->mapping, -EIO);
		else if (at)
			memcpy(at, page_address(page), PAGE_SIZE);
		end_page_writeback(page);
	} else {
		if (index == disk.bad_read) {
			SetPageError(page);
		} else {
			if (at)
				memcpy(page_address(page), at, PAGE_SIZE);
			else
				memset(page_address(page), 0, PAGE_SIZE);
			SetPageUptodate(page);
		}
		unlock_page(page);
	}
}

static void fake_timer(unsigned long unused)
{
	if (disk.hold) {
		mod_timer(&disk.timer, jiffies + 1);
		return;
	}
	for (unsigned int i = 0; i < disk.nr_pending; i++)
		fake_complete(&disk.pending[i]);
	disk.nr_pending = 0;
}

/* Queues the I/O for the next tick (or does it now if the queue is full). */
static void fake_submit(struct page *page, bool write)
{
	unsigned long flags;

	local_irq_save(flags);
	if (disk.nr_pending == MAX_PENDING) {
		struct fake_io io = { page, write };

		fake_complete(&io);
	} else {
		disk.pending[disk.nr_pending++] = (struct fake_io){ page, write };
		mod_timer(&disk.timer, jiffies + 1);
	}
	local_irq_restore(flags);
}

static int fake_readpage(struct file *file, struct page *page)
{
	disk.reads++;
	fake_submit(page, false);
	return 0;
}

static int fake_writepage(struct page *page, struct writeback_control *wbc)
{
	disk.writes++;
	set_page_writeback(page);
	unlock_page(page);
	fake_submit(page, true);
	return 0;
}

static const struct address_space_operations fake_aops = {
	.readpage = fake_readpage,
	.writepage = fake_writepage,
	.write_begin = simple_write_begin,
	.write_end = simple_write_end,
};

static const struct file_operations fake_fops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.mmap = generic_file_mmap,
	.fsync = generic_file_fsync,
};

/* The store: page i filled with byte 'a' + i. */
static bool disk_setup(void)
{
	disk.store = kmalloc(DISK_PAGES * PAGE_SIZE, GFP_KERNEL);
	if (!disk.store)
		return false;
	for (int i = 0; i < DISK_PAGES; i++)
		memset(disk.store + i * PAGE_SIZE, 'a' + i, PAGE_SIZE);
	disk.bad_read = disk.bad_write = NO_PAGE;
	disk.reads = disk.writes = 0;
	disk.nr_pending = 0;
	timer_setup(&disk.timer, fake_timer, 0);
	return true;
}

static void disk_teardown(void)
{
	del_timer(&disk.timer);
	kfree(disk.store);
	disk.store = NULL;
}

/* An open file of FILE_PAGES pages on the fake disk, or NULL. */
static struct file *fake_file_open(void)
{
	struct dentry *d;
	struct path path;
	struct file *f;

	if (ramfs_tmpfile(init_root.dentry, S_IFREG | 0600, &d))
		return NULL;
	d->d_inode->i_mapping->a_ops = &fake_aops;
	d->d_inode->i_size = FILE_PAGES * PAGE_SIZE;
	path.mnt = init_root.mnt;
	path.dentry = d;
	f = alloc_file(&path, O_RDWR, &fake_fops);
	dput(d);			/* the file holds its own, or frees it */
	return f;
}

/* A second open file description of @f's inode. */
static struct file *reopen(struct file *f)
{
	return alloc_file(&f->f_path, O_RDWR, &fake_fops);
}

static struct address_space *mapping_of(struct file *f)
{
	return f->f_inode->i_mapping;
}

/* Everything a case needs; false (and nothing held) if memory ran out. */
static bool setup(struct ktest *t, struct file **f)
{
	if (!disk_setup()) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for the fake disk");
		return false;
	}
	*f = fake_file_open();
	if (!*f) {
		disk_teardown();
		ktest_fail(t, __FILE__, __LINE__, "no memory for the file");
		return false;
	}
	return true;
}

static void teardown(struct file *f)
{
	fput(f);
	disk_teardown();
}

/* ---- the cases ---- */

/* A miss reads through readpage once; the page is then uptodate and cached. */
static void read_miss_calls_readpage(struct ktest *t)
{
	struct file *f;
	struct page *page;

	if (!setup(t, &f))
		return;
	page = read_mapping_page(mapping_of(f), 3, f);
	KTEST_ASSERT_TRUE(t, !IS_ERR(page));
	KTEST_EXPECT_EQ(t, disk.reads, 1);
	KTEST_EXPECT_TRUE(t, PageUptodate(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, ((char *)page_address(page))[100], 'a' + 3);
	put_page(page);
	page = read_mapping_page(mapping_of(f), 3, f);	/* a hit: no I/O */
	KTEST_EXPECT_TRUE(t, !IS_ERR(page));
	KTEST_EXPECT_EQ(t, disk.reads, 1);
	if (!IS_ERR(page))
		put_page(page);
	KTEST_EXPECT_EQ(t, mapping_of(f)->nrpages, 1);
	teardown(f);
}

/* An unreadable page: read() gets EIO, a fault on it SIGBUS; nothing stays locked. */
static void readpage_error_is_eio_and_sigbus(struct ktest *t)
{
	struct mm_struct *mm, *saved = current->mm;
	struct vm_area_struct *vma;
	struct page *page;
	loff_t pos = 5 * PAGE_SIZE;
	struct file *f;
	unsigned long addr;

	if (!setup(t, &f))
		return;
	disk.bad_read = 5;
	page = read_mapping_page(mapping_of(f), 5, f);
	KTEST_EXPECT_EQ(t, PTR_ERR(page), -EIO);
	/* the read fails before any copy: the buffer is never touched */
	KTEST_EXPECT_EQ(t, generic_file_read(f, (__force char __user *)16, 10, &pos), -EIO);
	KTEST_EXPECT_EQ(t, pos, 5 * PAGE_SIZE);
	page = find_get_page(mapping_of(f), 5);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageError(page) && !PageUptodate(page) && !PageLocked(page));
	put_page(page);

	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_stack = STACK_TOP;
	current->mm = mm;
	addr = do_mmap(f, MAP_ADDR, FILE_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_FIXED, 0);
	KTEST_EXPECT_EQ(t, addr, MAP_ADDR);
	vma = find_vma(mm, MAP_ADDR);
	if (vma && addr == MAP_ADDR) {
		KTEST_EXPECT_EQ(t, handle_mm_fault(vma, MAP_ADDR + 5 * PAGE_SIZE, 0),
				VM_FAULT_SIGBUS);
		KTEST_EXPECT_EQ(t, handle_mm_fault(vma, MAP_ADDR + 4 * PAGE_SIZE, 0), 0);
	}
	current->mm = saved;
	mmput(mm);
	teardown(f);
}

/* write(): the page is dirty, DIRTY-tagged and counted; writeback turns that around. */
static void write_dirties_writeback_cleans(struct ktest *t)
{
	unsigned long dirty = global_page_state(NR_FILE_DIRTY);
	unsigned long wb = global_page_state(NR_WRITEBACK);
	struct address_space *mapping;
	struct page *page;
	struct file *f;

	if (!setup(t, &f))
		return;
	mapping = mapping_of(f);
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, "hello", 5, 2 * PAGE_SIZE + 10), 5);
	KTEST_EXPECT_EQ(t, disk.reads, 1);		/* a partial write reads first */
	page = find_get_page(mapping, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageDirty(page) && PageUptodate(page));
	KTEST_EXPECT_TRUE(t, radix_tree_tag_get(&mapping->i_pages, 2, PAGECACHE_TAG_DIRTY));
	KTEST_EXPECT_EQ(t, global_page_state(NR_FILE_DIRTY), dirty + 1);

	disk.hold = true;		/* a tick may pass before the checks below */
	KTEST_EXPECT_EQ(t, filemap_fdatawrite(mapping), 0);	/* started, not finished */
	KTEST_EXPECT_EQ(t, disk.writes, 1);
	KTEST_EXPECT_TRUE(t, !PageDirty(page) && PageWriteback(page));
	KTEST_EXPECT_FALSE(t, radix_tree_tag_get(&mapping->i_pages, 2, PAGECACHE_TAG_DIRTY));
	KTEST_EXPECT_TRUE(t, radix_tree_tag_get(&mapping->i_pages, 2, PAGECACHE_TAG_WRITEBACK));
	KTEST_EXPECT_EQ(t, global_page_state(NR_FILE_DIRTY), dirty);
	KTEST_EXPECT_EQ(t, global_page_state(NR_WRITEBACK), wb + 1);
	disk.hold = false;

	KTEST_EXPECT_EQ(t, filemap_fdatawait_range(mapping, 0, FILE_PAGES * PAGE_SIZE - 1), 0);
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	KTEST_EXPECT_FALSE(t, mapping_tagged(mapping, PAGECACHE_TAG_WRITEBACK));
	KTEST_EXPECT_EQ(t, global_page_state(NR_WRITEBACK), wb);
	KTEST_EXPECT_EQ(t, memcmp(disk.store + 2 * PAGE_SIZE + 10, "hello", 5), 0);
	KTEST_EXPECT_EQ(t, disk.store[2 * PAGE_SIZE + 9], 'a' + 2);	/* read, then kept */
	KTEST_EXPECT_EQ(t, filemap_write_and_wait(mapping), 0);		/* clean: nothing */
	KTEST_EXPECT_EQ(t, disk.writes, 1);
	put_page(page);
	teardown(f);
}

/* The PTE of @addr in @mm (present), or none. */
static pte_t pte_at(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);

	return pgd_none(*pgd) ? __pte(0) : *pte_offset(pgd, addr);
}

/*
 * MAP_SHARED: a read maps the clean page read-only, the first write
 * faults and dirties it; fsync writes it and write-protects the PTE
 * again (page_mkclean), so the next write dirties it anew.
 */
static void shared_write_dirties_mkclean_rearms(struct ktest *t)
{
	struct mm_struct *mm, *saved = current->mm;
	unsigned long addr = MAP_ADDR + PAGE_SIZE;
	struct vm_area_struct *vma;
	struct page *page;
	struct file *f;
	pte_t pte;

	if (!setup(t, &f))
		return;
	mm = mm_alloc();
	if (!mm) {
		teardown(f);
		KTEST_ASSERT_TRUE(t, false);
	}
	mm->start_stack = STACK_TOP;
	current->mm = mm;
	vma = NULL;
	if (do_mmap(f, MAP_ADDR, FILE_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_FIXED, 0) == MAP_ADDR)
		vma = find_vma(mm, MAP_ADDR);
	KTEST_EXPECT_NOT_NULL(t, vma);
	if (!vma)
		goto out;
	KTEST_EXPECT_EQ(t, handle_mm_fault(vma, addr, 0), 0);
	pte = pte_at(mm, addr);
	KTEST_EXPECT_TRUE(t, pte_present(pte) && !pte_write(pte) && !pte_dirty(pte));
	page = pfn_to_page(pte_pfn(pte));
	KTEST_EXPECT_FALSE(t, PageDirty(page));

	KTEST_EXPECT_EQ(t, handle_mm_fault(vma, addr, FAULT_FLAG_WRITE), 0);	/* do_wp_page */
	pte = pte_at(mm, addr);
	KTEST_EXPECT_TRUE(t, pte_write(pte) && pte_dirty(pte));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, radix_tree_tag_get(&mapping_of(f)->i_pages, 1, PAGECACHE_TAG_DIRTY));
	memset(page_address(page), 'X', 8);		/* "the user's" write */

	KTEST_EXPECT_EQ(t, vfs_fsync(f, 0), 0);
	KTEST_EXPECT_EQ(t, disk.writes, 1);
	KTEST_EXPECT_EQ(t, disk.store[PAGE_SIZE], 'X');
	pte = pte_at(mm, addr);
	KTEST_EXPECT_TRUE(t, pte_present(pte) && !pte_write(pte) && !pte_dirty(pte));
	KTEST_EXPECT_FALSE(t, PageDirty(page));

	KTEST_EXPECT_EQ(t, handle_mm_fault(vma, addr, FAULT_FLAG_WRITE), 0);	/* re-armed */
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, vfs_fsync(f, 0), 0);
	KTEST_EXPECT_EQ(t, disk.writes, 2);
	/* a write fault on a page not yet mapped dirties it at once */
	KTEST_EXPECT_EQ(t, handle_mm_fault(vma, MAP_ADDR, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_TRUE(t, radix_tree_tag_get(&mapping_of(f)->i_pages, 0, PAGECACHE_TAG_DIRTY));
out:
	current->mm = saved;
	mmput(mm);			/* the unmap keeps page 0 dirty: the inode's end drops it */
	teardown(f);
}

/* A failed writeback: every open file's next fsync says EIO, once; a later open never. */
static void fsync_error_reported_once(struct ktest *t)
{
	struct file *f, *g, *h;

	if (!setup(t, &f))
		return;
	g = reopen(f);
	KTEST_ASSERT_NOT_NULL(t, g);
	disk.bad_write = 1;
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, "x", 1, PAGE_SIZE), 1);
	KTEST_EXPECT_EQ(t, vfs_fsync(f, 0), -EIO);
	KTEST_EXPECT_EQ(t, vfs_fsync(f, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_fsync(g, 1), -EIO);
	KTEST_EXPECT_EQ(t, vfs_fsync(g, 1), 0);
	h = reopen(f);
	if (h) {
		KTEST_EXPECT_EQ(t, vfs_fsync(h, 0), 0);
		fput(h);
	}
	/* a second failure is news to everyone again */
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, "y", 1, PAGE_SIZE), 1);
	KTEST_EXPECT_EQ(t, vfs_fsync(g, 0), -EIO);
	KTEST_EXPECT_EQ(t, vfs_fsync(f, 0), -EIO);
	fput(g);
	teardown(f);
}

/* A page at a 4 GiB offset (and the last index) costs a few nodes, not an array. */
static void sparse_index_at_4gib(struct ktest *t)
{
	unsigned long nodes = radix_tree_nr_nodes();
	pgoff_t far = (pgoff_t)(0x100000000ULL >> PAGE_SHIFT);
	struct address_space *mapping;
	struct page *pages[4];
	pgoff_t index = 0;
	struct file *f;

	if (!setup(t, &f))
		return;
	mapping = mapping_of(f);
	f->f_inode->i_size = 0x100000000LL + 2 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, "far", 3, 0x100000000LL), 3);
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, "near", 4, 0), 4);
	KTEST_EXPECT_EQ(t, mapping->nrpages, 2);
	KTEST_EXPECT_LE(t, radix_tree_nr_nodes() - nodes, 8);
	KTEST_EXPECT_EQ(t, find_get_pages_tag(mapping, &index, ULONG_MAX, PAGECACHE_TAG_DIRTY,
					      4, pages), 2);
	if (index == far + 1) {
		KTEST_EXPECT_EQ(t, pages[0]->index, 0);
		KTEST_EXPECT_EQ(t, pages[1]->index, far);
		put_page(pages[0]);
		put_page(pages[1]);
	} else {
		ktest_fail(t, __FILE__, __LINE__, "tag walk ended at %lu", index);
	}
	truncate_setsize(f->f_inode, PAGE_SIZE);	/* drops the far page, keeps page 0 */
	KTEST_EXPECT_EQ(t, mapping->nrpages, 1);
	KTEST_EXPECT_NULL(t, find_get_page(mapping, far));
	KTEST_EXPECT_FALSE(t, list_empty(&mapping->wb_list));	/* page 0 is still dirty */
	truncate_setsize(f->f_inode, 0);	/* dirty pages leave uncounted, the list too */
	KTEST_EXPECT_TRUE(t, list_empty(&mapping->wb_list));
	KTEST_EXPECT_FALSE(t, mapping_tagged(mapping, PAGECACHE_TAG_DIRTY));
	teardown(f);
	KTEST_EXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* The radix tree alone: keys at the ends of the range, tags propagate and clear. */
static void radix_tree_tags_and_ends(struct ktest *t)
{
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	static int items[3];
	unsigned long keys[3] = { 0, 0x12345, ULONG_MAX }, got[4];
	void *res[4];

	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, radix_tree_insert(&root, keys[i], &items[i]), 0);
	KTEST_EXPECT_EQ(t, radix_tree_insert(&root, 0x12345, &items[0]), -EEXIST);
	KTEST_EXPECT_TRUE(t, radix_tree_lookup(&root, ULONG_MAX) == &items[2]);
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&root, 0x12344));
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup(&root, res, got, 1, 4), 2);
	KTEST_EXPECT_EQ(t, got[0], 0x12345);
	KTEST_EXPECT_EQ(t, got[1], ULONG_MAX);
	KTEST_EXPECT_FALSE(t, radix_tree_tagged(&root, 1));
	radix_tree_tag_set(&root, ULONG_MAX, 1);
	KTEST_EXPECT_TRUE(t, radix_tree_tagged(&root, 1));
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup_tag(&root, res, got, 0, 4, 1), 1);
	KTEST_EXPECT_EQ(t, got[0], ULONG_MAX);
	KTEST_EXPECT_EQ(t, radix_tree_gang_lookup_tag(&root, res, got, 0, 4, 0), 0);
	radix_tree_tag_clear(&root, ULONG_MAX, 1);
	KTEST_EXPECT_FALSE(t, radix_tree_tagged(&root, 1));
	radix_tree_tag_set(&root, 0x12345, 0);
	KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, 0x12345) == &items[1]);
	KTEST_EXPECT_FALSE(t, radix_tree_tagged(&root, 0));	/* the tag went with it */
	KTEST_EXPECT_NULL(t, radix_tree_delete(&root, 0x12345));
	KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, 0) == &items[0]);
	KTEST_EXPECT_TRUE(t, radix_tree_delete(&root, ULONG_MAX) == &items[2]);
	KTEST_EXPECT_NULL(t, root.rnode);
}

/* errseq: an observer sees an error once; one that samples after it, not at all. */
static void errseq_once_per_observer(struct ktest *t)
{
	errseq_t word = 0, a = errseq_sample(&word), b;

	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &a), 0);
	errseq_set(&word, -EIO);
	b = errseq_sample(&word);	/* nobody saw it yet: b still will */
	KTEST_EXPECT_EQ(t, errseq_check(&word, a), -EIO);
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &a), -EIO);
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &a), 0);
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &b), -EIO);
	b = errseq_sample(&word);	/* seen now: a new observer starts clean */
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &b), 0);
	errseq_set(&word, -ENOSPC);
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &b), -ENOSPC);
	KTEST_EXPECT_EQ(t, errseq_check_and_advance(&word, &a), -ENOSPC);
}

/* ---- writeback of inodes (fs/fs-writeback.c) and throttling ---- */

/* Dirty pages list their inode, oldest first; write_inode_now cleans and unlists it. */
static void dirty_inodes_listed_in_order(struct ktest *t)
{
	struct inode *a, *b;
	struct file *f, *g;

	if (!setup(t, &f))
		return;
	g = fake_file_open();
	if (!g) {
		teardown(f);
		return;
	}
	a = f->f_inode;
	b = g->f_inode;
	KTEST_EXPECT_TRUE(t, list_empty(&a->i_io_list) && !(a->i_state & I_DIRTY));
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(a, "A", 1, 0), 1);
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(b, "B", 1, PAGE_SIZE), 1);
	KTEST_EXPECT_TRUE(t, (a->i_state & I_DIRTY_PAGES) && (b->i_state & I_DIRTY_PAGES));
	KTEST_EXPECT_TRUE(t, a->i_io_list.next == &b->i_io_list);	/* b came later */
	KTEST_EXPECT_TRUE(t, (long)(b->dirtied_when - a->dirtied_when) >= 0);
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(a, "C", 1, 2 * PAGE_SIZE), 1);
	KTEST_EXPECT_TRUE(t, a->i_io_list.next == &b->i_io_list);	/* dirty already: stays */
	KTEST_EXPECT_EQ(t, write_inode_now(a, 1), 0);
	KTEST_EXPECT_TRUE(t, list_empty(&a->i_io_list) && !(a->i_state & (I_DIRTY | I_SYNC)));
	KTEST_EXPECT_EQ(t, disk.store[0], 'A');
	KTEST_EXPECT_EQ(t, disk.store[2 * PAGE_SIZE], 'C');
	KTEST_EXPECT_FALSE(t, list_empty(&b->i_io_list));
	KTEST_EXPECT_EQ(t, write_inode_now(b, 1), 0);
	KTEST_EXPECT_TRUE(t, list_empty(&b->i_io_list));
	KTEST_EXPECT_EQ(t, disk.store[PAGE_SIZE], 'B');
	fput(g);
	teardown(f);
}

/* vm.dirty_bytes of two pages: a writer of eight pages writes back as it goes. */
static void writer_throttled_under_dirty_bytes(struct ktest *t)
{
	int ratio = vm_dirty_ratio;
	unsigned long bytes = vm_dirty_bytes, bg, limit;
	size_t len = FILE_PAGES * PAGE_SIZE;
	struct file *f;
	char *buf;

	if (!setup(t, &f))
		return;
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf) {
		teardown(f);
		return;
	}
	memset(buf, 'z', len);
	vm_dirty_bytes = 2 * PAGE_SIZE;
	global_dirty_limits(&bg, &limit);
	KTEST_EXPECT_EQ(t, limit, 2);
	KTEST_EXPECT_EQ(t, bg, 1);		/* bg >= limit: half of it, as Linux */
	KTEST_EXPECT_EQ(t, page_cache_write_kernel(f->f_inode, buf, len, 0), (ssize_t)len);
	KTEST_EXPECT_TRUE(t, global_dirty_pages() <= limit);
	KTEST_EXPECT_TRUE(t, disk.writes >= FILE_PAGES - 2);	/* written while writing */
	vm_dirty_bytes = bytes;
	vm_dirty_ratio = ratio;
	KTEST_EXPECT_EQ(t, filemap_write_and_wait(mapping_of(f)), 0);
	KTEST_EXPECT_EQ(t, memcmp(disk.store, buf, len), 0);
	kfree(buf);
	teardown(f);
}

static struct ktest_case pagecache_cases[] = {
	KTEST_CASE(read_miss_calls_readpage),
	KTEST_CASE(readpage_error_is_eio_and_sigbus),
	KTEST_CASE(write_dirties_writeback_cleans),
	KTEST_CASE(shared_write_dirties_mkclean_rearms),
	KTEST_CASE(fsync_error_reported_once),
	KTEST_CASE(sparse_index_at_4gib),
	KTEST_CASE(radix_tree_tags_and_ends),
	KTEST_CASE(errseq_once_per_observer),
	KTEST_CASE(dirty_inodes_listed_in_order),
	KTEST_CASE(writer_throttled_under_dirty_bytes),
	{}
};

static struct ktest_suite pagecache_suite = {
	.name = "pagecache", .cases = pagecache_cases,
};
ktest_register_suite(pagecache_suite);
