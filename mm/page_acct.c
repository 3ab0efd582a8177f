/*
 * Page accounting: every page frame is counted exactly once.
 *
 * The rule (Documentation/mm/page-accounting.md): each frame below
 * max_pfn is, at any moment between system calls, exactly one of
 *
 *   free        in the buddy allocator          nr_free_pages()
 *   file        in a page cache (shmem too)     NR_FILE_PAGES (NR_SHMEM)
 *   anon        private anonymous memory         NR_ANON_PAGES
 *   slab        a slab cache's page              NR_SLAB_PAGES
 *   kmalloc     a kmalloc block > one page       NR_KMALLOC_PAGES
 *   pagetable   a user page directory or table   NR_PAGETABLE
 *   kstack      a kernel stack                   NR_KERNEL_STACK
 *   initrd      the initramfs archive, until unpacked
 *   reserved    everything else PG_reserved: BIOS, kernel image, mem_map, holes
 *
 * so that   free + file + anon + slab + kmalloc + pagetable + kstack
 *         = totalram_pages
 * and       initrd + reserved = max_pfn - totalram_pages.
 *
 * Two more rules for reclaim's state: a frame is PG_lru or PG_swapcache
 * only if it is anon or file (never free, never a kernel page), each LRU
 * list's counter (NR_INACTIVE_ANON ... NR_UNEVICTABLE) is the number of
 * PG_lru frames whose flags name that list (page_lru()), and
 * swap_cache_pages the number of PG_swapcache frames.
 *
 * The counters are kept by the owners as they take and give back pages;
 * the census below tells each frame's owner from the coremap (its flags
 * and ->mapping) instead.  The check compares the two, kind by kind: a
 * path that frees a page-cache page without uncounting it shows as
 * "file: counted N, coremap N-1" (and the sum one over totalram), a page
 * that leaves its owner without being freed as an "unowned" frame.
 *
 * The check is exact only where no owner is half-way through handing a
 * page over: between system calls (page_accounting_check=N), after a
 * ktest case, or when user space reads /sys/kernel/debug/page_accounting
 * with nothing else running.  Locking: the census holds the zone lock
 * with IRQs off, so free blocks stay put; the owners' state (flags,
 * ->mapping) and counters are read without their locks, which is exact
 * on one CPU at those points and a snapshot on SMP.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/swap.h>
#include <asm/irqflags.h>
#include <asm/setup.h>

static const char *const page_kind_names[NR_PAGE_KINDS] = {
	[PK_FREE] = "free",
	[PK_FILE] = "file",
	[PK_ANON] = "anon",
	[PK_SLAB] = "slab",
	[PK_KMALLOC] = "kmalloc",
	[PK_PAGETABLE] = "pagetable",
	[PK_KSTACK] = "kstack",
	[PK_INITRD] = "initrd",
	[PK_RESERVED] = "reserved",
	[PK_UNOWNED] = "unowned",
};

static const char *const census_lru_names[CENSUS_LRU_LISTS] = {
	[LRU_INACTIVE_ANON] = "inactive_anon",
	[LRU_ACTIVE_ANON] = "active_anon",
	[LRU_INACTIVE_FILE] = "inactive_file",
	[LRU_ACTIVE_FILE] = "active_file",
	[LRU_UNEVICTABLE] = "unevictable",
};

/* Is @pfn a frame of the initramfs archive (not yet unpacked and freed)? */
static bool pfn_in_initrd(unsigned long pfn)
{
	return initrd_start && pfn >= PFN_DOWN(initrd_start) && pfn < PFN_UP(initrd_end);
}

/* Who owns the in-use block that starts at @page, from the coremap alone. */
static enum page_kind page_kind(const struct page *page)
{
	if (PageReserved(page))
		return pfn_in_initrd(page_to_pfn(page)) ? PK_INITRD : PK_RESERVED;
	if (PageSlab(page))
		return PK_SLAB;
	if (PageLargeKmalloc(page))
		return PK_KMALLOC;
	if (PageTable(page))
		return PK_PAGETABLE;
	if (PageStack(page))
		return PK_KSTACK;
	if (PageAnon(page))
		return PK_ANON;
	if (page->mapping)
		return PK_FILE;
	return PK_UNOWNED;
}

/* coremap_walk() callback: adds one block to the census. */
static void census_block(struct page *page, unsigned long pages, void *arg)
{
	struct page_census *c = arg;
	enum page_kind kind = PageBuddy(page) ? PK_FREE : page_kind(page);

	c->pages[kind] += pages;
	if (kind == PK_FILE && mapping_is_shmem(page->mapping))
		c->shmem += pages;
	if (kind == PK_UNOWNED && !c->first_unowned)
		c->first_unowned = page;
	if (!(page->flags & ((1UL << PG_lru) | (1UL << PG_swapcache))))
		return;
	/* Reclaim's flags: only on a user page (one frame), never a free block. */
	if ((kind != PK_ANON && kind != PK_FILE) || pages != 1) {
		if (!c->first_stray)
			c->first_stray = page;
		return;
	}
	if (PageLRU(page))
		c->lru[page_lru(page)]++;
	if (PageSwapCache(page))
		c->swapcache++;
}

/* Counts the frames of each kind as the coremap tells them. */
void page_census_take(struct page_census *c)
{
	BUILD_BUG_ON(CENSUS_LRU_LISTS != NR_LRU_LISTS);
	memset(c, 0, sizeof(*c));
	c->counted_free = coremap_walk(census_block, c);
}

/* What the owners' counters say each kind should hold. */
static void page_census_expected(const struct page_census *c, struct page_census *want)
{
	memset(want, 0, sizeof(*want));
	want->pages[PK_FREE] = c->counted_free;
	want->pages[PK_FILE] = atomic_read(&vm_stat[NR_FILE_PAGES]);
	want->shmem = atomic_read(&vm_stat[NR_SHMEM]);
	want->pages[PK_ANON] = atomic_read(&vm_stat[NR_ANON_PAGES]);
	want->pages[PK_SLAB] = atomic_read(&vm_stat[NR_SLAB_PAGES]);
	want->pages[PK_KMALLOC] = atomic_read(&vm_stat[NR_KMALLOC_PAGES]);
	want->pages[PK_PAGETABLE] = atomic_read(&vm_stat[NR_PAGETABLE]);
	want->pages[PK_KSTACK] = atomic_read(&vm_stat[NR_KERNEL_STACK]);
	if (initrd_start)
		want->pages[PK_INITRD] = PFN_UP(initrd_end) - PFN_DOWN(initrd_start);
	want->pages[PK_RESERVED] = max_pfn - totalram_pages - want->pages[PK_INITRD];
	for (int i = 0; i < NR_LRU_LISTS; i++)
		want->lru[i] = atomic_read(&vm_stat[NR_INACTIVE_ANON + i]);
	want->swapcache = READ_ONCE(swap_cache_pages);
}

/* The LRU and swap-cache rules (see the top); false with @why if one is broken. */
static bool page_census_reclaim_ok(const struct page_census *c, const struct page_census *want,
				   char *why, size_t len)
{
	const struct page *p = c->first_stray;

	if (p) {
		snprintf(why, len, "%s frame %s (pfn %#lx, count %d, flags %#lx)",
			 PageBuddy(p) ? "a free" : "a non-user",
			 PageLRU(p) ? "on an LRU list" : "in the swap cache",
			 page_to_pfn(p), page_count(p), p->flags);
		return false;
	}
	for (int i = 0; i < NR_LRU_LISTS; i++) {
		if (c->lru[i] == want->lru[i])
			continue;
		snprintf(why, len, "lru %s: counted %ld, coremap %lu", census_lru_names[i],
			 (long)want->lru[i], c->lru[i]);
		return false;
	}
	if (c->swapcache != want->swapcache) {
		snprintf(why, len, "swap cache: counted %lu, coremap %lu", want->swapcache,
			 c->swapcache);
		return false;
	}
	return true;
}

/* The counters in use by someone (all but free): sums to totalram - free. */
static unsigned long counted_in_use(const struct page_census *want)
{
	unsigned long sum = 0;

	for (int k = PK_FILE; k <= PK_KSTACK; k++)
		sum += want->pages[k];
	return sum;
}

/*
 * Checks the rule.  Returns true if every kind agrees with its counter,
 * no frame is unowned and the in-use counters add up to totalram_pages;
 * otherwise false with the first disagreement described in @why.
 */
bool page_accounting_verify(const struct page_census *c, char *why, size_t len)
{
	struct page_census want;

	page_census_expected(c, &want);
	for (int k = 0; k < NR_PAGE_KINDS; k++) {
		if (c->pages[k] == want.pages[k])
			continue;
		if (k == PK_UNOWNED)
			snprintf(why, len, "%lu frames unowned (the first: pfn %#lx, count %d, "
				 "flags %#lx)", c->pages[k], page_to_pfn(c->first_unowned),
				 page_count(c->first_unowned), c->first_unowned->flags);
		else
			snprintf(why, len, "%s: counted %ld, coremap %lu", page_kind_names[k],
				 (long)want.pages[k], c->pages[k]);
		return false;
	}
	if (c->shmem != want.shmem) {
		snprintf(why, len, "shmem: counted %ld, coremap %lu", (long)want.shmem, c->shmem);
		return false;
	}
	if (counted_in_use(&want) + want.pages[PK_FREE] != totalram_pages) {
		snprintf(why, len, "counters sum to %lu, totalram is %lu",
			 counted_in_use(&want) + want.pages[PK_FREE], totalram_pages);
		return false;
	}
	return page_census_reclaim_ok(c, &want, why, len);
}

/*
 * Takes a census and checks it; see page_accounting_verify().  Interrupts
 * stay off from the walk to the counter reads: an I/O completion (a bio
 * freed, its slab page with it) between the two is not a broken rule.
 */
bool page_accounting_ok(char *why, size_t len)
{
	struct page_census c;
	unsigned long flags;
	bool ok;

	local_irq_save(flags);
	page_census_take(&c);
	ok = page_accounting_verify(&c, why, len);
	local_irq_restore(flags);
	return ok;
}

/* The table of kinds: coremap and counter side by side, then the verdict. */
static void page_accounting_table(struct seq_buf *m)
{
	struct page_census c, want;
	unsigned long flags;
	char why[128];
	bool ok;

	local_irq_save(flags);
	page_census_take(&c);
	ok = page_accounting_verify(&c, why, sizeof(why));
	page_census_expected(&c, &want);
	local_irq_restore(flags);
	seq_printf(m, "%-10s %10s %10s\n", "kind", "coremap", "counted");
	for (int k = 0; k < NR_PAGE_KINDS; k++)
		seq_printf(m, "%-10s %10lu %10ld\n", page_kind_names[k], c.pages[k],
			   (long)want.pages[k]);
	seq_printf(m, "%-10s %10lu %10ld\n", "(shmem)", c.shmem, (long)want.shmem);
	for (int i = 0; i < NR_LRU_LISTS; i++)
		seq_printf(m, "lru %-14s %10lu %10ld\n", census_lru_names[i], c.lru[i],
			   (long)want.lru[i]);
	seq_printf(m, "%-18s %10lu %10lu\n", "swap cache", c.swapcache, want.swapcache);
	seq_printf(m, "frames %lu, totalram %lu, reserved %lu\n", max_pfn, totalram_pages,
		   max_pfn - totalram_pages);
	seq_printf(m, "invariant: %s%s\n", ok ? "ok" : "BROKEN: ", ok ? "" : why);
}

void page_accounting_show(struct seq_buf *m, void *unused)
{
	page_accounting_table(m);
}

/* ---- page_accounting_check=N: after every system call ---- */

unsigned long page_accounting_interval;	/* 0: off */
static unsigned long syscalls_seen;

static int __init page_accounting_setup(const char *val)
{
	return kstrtoul(val, 0, &page_accounting_interval);
}
__setup("page_accounting_check=", page_accounting_setup);

/*
 * The cheap half of the check, O(1): the owners' counters and the free
 * count add up to totalram_pages.  A page freed while still counted
 * makes the sum too big, a page that left its owner without being freed
 * too small; only a page counted under the wrong owner needs the census.
 */
static bool page_counters_add_up(char *why, size_t len)
{
	unsigned long sum, flags;

	local_irq_save(flags);		/* no completion frees a page halfway through */
	sum = nr_free_pages();
	for (int i = 0; i < NR_OWNER_ITEMS; i++)
		if (i != NR_SHMEM)
			sum += atomic_read(&vm_stat[i]);
	local_irq_restore(flags);
	if (sum == totalram_pages)
		return true;
	snprintf(why, len, "free and counted pages sum to %lu, totalram is %lu",
		 sum, totalram_pages);
	return false;
}

/* Prints the census table to the log, line by line. */
static void page_accounting_dump(void)
{
	static char buf[1536];
	struct seq_buf m = { .buf = buf, .size = sizeof(buf) };
	char *line = buf, *nl;

	page_accounting_table(&m);
	buf[m.len] = '\0';
	while ((nl = strchr(line, '\n'))) {
		*nl = '\0';
		printk(KERN_ERR "page accounting: %s\n", line);
		line = nl + 1;
	}
}

/*
 * Called by do_syscall() when the check is on: the counters' sum after
 * every call, the full census after every Nth.  The first failure is
 * reported with the system call that returned just before it and the
 * census; the check then switches itself off (the counters stay wrong,
 * every later call would fail the same way).
 */
void __page_accounting_after_syscall(unsigned long nr, long ret)
{
	char why[128];

	if (page_counters_add_up(why, sizeof(why)) &&
	    (++syscalls_seen % page_accounting_interval ||
	     page_accounting_ok(why, sizeof(why))))
		return;
	page_accounting_interval = 0;
	printk(KERN_ERR "BUG: page accounting broken after system call %lu (returned %ld) "
	       "of %s[%d]: %s\n", nr, ret, current->comm, current->pid, why);
	page_accounting_dump();
}
