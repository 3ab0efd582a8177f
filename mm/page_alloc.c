/*
 * The buddy allocator over the coremap.
 *
 * Free memory is kept as blocks of 2^order pages, naturally aligned (the
 * first pfn is a multiple of 2^order), on one free list per order.  The
 * head page of a free block has PG_buddy and private = order; the other
 * pages of the block are untouched.  Allocation takes the smallest block
 * that fits and splits it, returning the upper halves to the lists.
 * Freeing merges a block with its buddy (pfn ^ 2^order) for as long as
 * the buddy is a free block of the same order.
 *
 * Order-0 pages also pass through a per-CPU list (Linux's per_cpu_pages,
 * "pcp"): a freed page goes to its head and the next order-0 allocation
 * takes it from there, without the zone lock and without merging and
 * splitting; past pcp.high pages a batch goes back to the free lists,
 * and an empty list takes a batch from them.  A page on it is free:
 * PG_buddy with private PCP_PRIVATE (never an order, so no merge takes
 * it for a buddy), counted by nr_free_pages() and the census.  A block
 * of order > 0 that the free lists cannot give empties the list first.
 *
 * Locking: zone.lock (IRQ-safe) covers the free lists and zone's
 * counters; the per-CPU list is its CPU's, with IRQs off (zone.lock
 * nests inside, for the batches).  Page refcounts are atomic and are not
 * under the lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/page_acct.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/string.h>
#include <linux-ish/vmscan.h>

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks on free_list */
};

struct zone {
	spinlock_t lock;
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long free_pages;
};

static struct zone zone = { .lock = __SPIN_LOCK_UNLOCKED(zone.lock) };

/* A free page on the per-CPU list: PG_buddy, and this instead of an order. */
#define PCP_PRIVATE	0x100UL

/* A refill takes one block of this order (a batch of 64 pages) when there is one. */
#define PCP_BATCH_ORDER	6
#define PCP_BATCH	(1UL << PCP_BATCH_ORDER)

/*
 * The free order-0 pages of one CPU (one CPU: one list), with IRQs off.
 * Its limit is Linux 6.1's for one CPU (zone_highsize): the low
 * watermark's pages, at least four batches.
 */
struct per_cpu_pages {
	struct list_head list;	/* most recently freed first */
	unsigned long count;	/* pages on list */
	bool off;		/* pcp_disable(): every page to the free lists */
};

static struct per_cpu_pages pcp = {
	.list = LIST_HEAD_INIT(pcp.list),
};

/* More pages than this on the list: a batch goes back to the free lists. */
static inline unsigned long pcp_high(void)
{
	return max(READ_ONCE(zone_watermark[WMARK_LOW]), 4 * PCP_BATCH);
}

struct page *mem_map;
unsigned long max_pfn;
unsigned long totalram_pages;
unsigned long nr_bad_pages;

void zone_init(void);
void zone_init(void)
{
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		INIT_LIST_HEAD(&zone.free_area[o].free_list);
}

/* Caller holds zone.lock. */
static void add_to_free_list(struct page *page, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
	list_add(&page->lru, &zone.free_area[order].free_list);
	zone.free_area[order].nr_free++;
}

/* Caller holds zone.lock. */
static void del_from_free_list(struct page *page, unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone.free_area[order].nr_free--;
}

/* Is @page the head of a free block of exactly @order? Caller holds zone.lock. */
static bool page_is_buddy(unsigned long pfn, unsigned int order)
{
	struct page *page;

	if (!pfn_valid(pfn))
		return false;
	page = pfn_to_page(pfn);
	return PageBuddy(page) && page->private == order;
}

/* Frees the block at @pfn, merging upward.  Caller holds zone.lock. */
static void __free_one_block(unsigned long pfn, unsigned int order)
{
	zone.free_pages += 1UL << order;
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy = pfn ^ (1UL << order);

		if (!page_is_buddy(buddy, order))
			break;
		del_from_free_list(pfn_to_page(buddy), order);
		pfn &= ~(1UL << order);
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), order);
}

/*
 * Splits the free block @page of order @high down to @low, returning the
 * upper halves to the free lists.  Caller holds zone.lock.
 */
static __always_inline void expand(struct page *page, unsigned int low, unsigned int high)
{
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), high);
	}
}

/* Takes a block of @order off the free lists, or NULL.  Caller holds zone.lock. */
static __always_inline struct page *__rmqueue(unsigned int order)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &zone.free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(page, o);
		expand(page, order, o);
		zone.free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* Moves up to @n pages from the per-CPU list (its cold end) to the free lists.  IRQs off. */
static void pcp_free_batch(unsigned long n)
{
	spin_lock(&zone.lock);
	while (n-- && pcp.count) {
		struct page *page = list_last_entry(&pcp.list, struct page, lru);

		list_del(&page->lru);
		pcp.count--;
		page->flags &= ~(1UL << PG_buddy);	/* free: nobody else looks */
		__free_one_block(page_to_pfn(page), 0);
	}
	spin_unlock(&zone.lock);
}

/* @n pages from @page on, free and stateless, to the per-CPU list's cold end.  IRQs off. */
static void pcp_add_run(struct page *page, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++, page++) {
		page->private = PCP_PRIVATE;
		page->flags |= 1UL << PG_buddy;
		list_add_tail(&page->lru, &pcp.list);
	}
	pcp.count += n;
}

/*
 * Fills the empty per-CPU list with a batch from the free lists: one
 * block of PCP_BATCH pages, or the order-0 pages there are; false if
 * none.  IRQs off.
 */
static noinline bool pcp_refill(void)
{
	struct page *page;

	spin_lock(&zone.lock);
	page = __rmqueue(PCP_BATCH_ORDER);
	if (page) {
		pcp_add_run(page, PCP_BATCH);
	} else {
		for (unsigned long i = 0; i < PCP_BATCH && (page = __rmqueue(0)); i++)
			pcp_add_run(page, 1);
	}
	spin_unlock(&zone.lock);
	return pcp.count;
}

/* An order-0 page from the per-CPU list, refilled when empty; NULL if none is free.  IRQs off. */
static __always_inline struct page *pcp_alloc(void)
{
	struct page *page;

	if (unlikely(!pcp.count) && !pcp_refill())
		return NULL;
	page = list_first_entry(&pcp.list, struct page, lru);
	list_del(&page->lru);
	pcp.count--;
	page->flags &= ~(1UL << PG_buddy);	/* free: nobody else looks */
	return page;
}

/*
 * A block of @order > 0 after the free lists had none: the per-CPU
 * list goes back to them (its pages may complete one), then another
 * try.  IRQs off.
 */
static noinline struct page *rmqueue_drained(unsigned int order)
{
	struct page *page;

	pcp_free_batch(pcp.count);
	spin_lock(&zone.lock);
	page = __rmqueue(order);
	spin_unlock(&zone.lock);
	return page;
}

/* Every free page in the free lists (IRQs off): nothing left on the per-CPU list. */
static void pcp_drain(void)
{
	pcp_free_batch(pcp.count);
}

/*
 * Turns the per-CPU list off (Linux's zone_pcp_disable) and empties it,
 * for callers that look at the free lists' exact shape (the buddy
 * ktests); pcp_enable() turns it back on.
 */
void pcp_disable(void)
{
	unsigned long flags;

	local_irq_save(flags);
	pcp.off = true;
	pcp_drain();
	local_irq_restore(flags);
}

void pcp_enable(void)
{
	WRITE_ONCE(pcp.off, false);
}

/*
 * The free pages an allocation must leave: min for one that may sleep,
 * 3/8 of min for one that may not, none for __GFP_MEMALLOC
 * (Documentation/mm/reclaim.md, "Watermarks").
 */
static inline unsigned long alloc_reserve(gfp_t gfp)
{
	unsigned long min = wmark_pages(WMARK_MIN);

	if (likely(gfp & __GFP_RECLAIM) && !(gfp & __GFP_MEMALLOC))
		return min;
	if (gfp & __GFP_MEMALLOC)
		return 0;
	return min * 3 / 8;
}

/*
 * May @need pages go, with @free free, and leave @gfp's reserve?  *@low:
 * free memory is then below the low watermark.  Above low after the
 * allocation: no reserve to look at.
 */
static __always_inline bool watermark_ok(gfp_t gfp, unsigned long need, unsigned long free,
					 bool *low)
{
	*low = free < zone_watermark[WMARK_LOW] + need;
	return likely(!*low) || free >= alloc_reserve(gfp) + need;
}

/*
 * A block of @order that leaves @gfp's reserve free, or NULL; no state
 * set yet.  *@low: free memory is now below the low watermark.  Inline
 * in alloc_pages(): the fast path is a compare more than taking a page
 * off the per-CPU list.  The pages counted free are the free lists' and
 * the per-CPU list's, exactly: IRQs are off and there is one CPU.
 */
static __always_inline struct page *__get_page_from_freelist(gfp_t gfp, unsigned int order,
							      bool *low)
{
	unsigned long flags;
	struct page *page = NULL;

	if (likely(!order && !pcp.off)) {
		local_irq_save(flags);
		if (watermark_ok(gfp, 1, zone.free_pages + pcp.count, low))
			page = pcp_alloc();
		local_irq_restore(flags);
		return page;
	}
	spin_lock_irqsave(&zone.lock, flags);
	if (watermark_ok(gfp, 1UL << order, zone.free_pages + pcp.count, low)) {
		page = __rmqueue(order);
		if (unlikely(!page) && pcp.count) {
			spin_unlock(&zone.lock);
			page = rmqueue_drained(order);
			local_irq_restore(flags);
			return page;
		}
	}
	spin_unlock_irqrestore(&zone.lock, flags);
	return page;
}

struct page *get_page_from_freelist(gfp_t gfp, unsigned int order)
{
	bool low;

	return __get_page_from_freelist(gfp, order, &low);
}

static void bad_page(struct page *page, const char *reason)
{
	nr_bad_pages++;
	printk(KERN_ERR "BUG: Bad page state: pfn:%#lx count:%d mapcount:%d flags:%#lx: %s\n",
	       page_to_pfn(page), page_count(page), page_mapcount(page),
	       page->flags, reason);
	dump_stack();
}

/* Flags no page being freed may carry. */
#define PAGE_FLAGS_BAD_AT_FREE							\
	(1UL << PG_buddy | 1UL << PG_reserved | 1UL << PG_slab | 1UL << PG_table |	\
	 1UL << PG_stack | 1UL << PG_large_kmalloc)

/* The head of a block being freed is in the "plain allocated" state: the usual case. */
static __always_inline bool page_plain_at_free(const struct page *page)
{
	return !(page->flags & PAGE_FLAGS_BAD_AT_FREE) && !page_mapcount(page) && !page->mapping;
}

/* Why the head of a block being freed is not in the "plain allocated" state. */
static const char *head_bad_reason(const struct page *page)
{
	if (page_plain_at_free(page))
		return NULL;
	if (PageBuddy(page))
		return "already free (double free?)";
	if (PageReserved(page))
		return "PG_reserved set";
	if (PageSlab(page))
		return "still owned by a slab cache";
	if (PageTable(page))
		return "still a page table";
	if (PageStack(page))
		return "still a kernel stack";
	if (PageLargeKmalloc(page))
		return "still owned by kmalloc";
	if (PageLRU(page))
		return "still on an LRU list";
	if (page_mapcount(page) != 0)
		return "still mapped";
	if (page->mapping)
		return "still in a mapping";
	return NULL;
}

/* The other pages of a block carry no reference and no state of their own. */
static const char *tail_bad_reason(const struct page *tail)
{
	if (page_count(tail))
		return "tail page holds a reference";
	if (tail->flags)
		return "tail page has flags set";
	if (page_mapcount(tail) != 0)
		return "tail page still mapped";
	return NULL;
}

/*
 * A block about to be freed must be in the "plain allocated" state;
 * anything else means someone still uses it.  Reports and returns true if
 * so: the block is then leaked on purpose rather than handed out twice.
 */
static bool free_pages_check(struct page *page, unsigned int order)
{
	const char *reason = head_bad_reason(page);
	struct page *bad = page;

	for (unsigned long i = 1; CONFIG_DEBUG_VM && !reason && i < (1UL << order); i++) {
		bad = page + i;
		reason = tail_bad_reason(bad);
	}
	if (!reason)
		return false;
	bad_page(bad, reason);
	return true;
}

/* A checked, stateless order-0 page to the per-CPU list (or, when it is off, the free lists). */
static void free_page_pcp(struct page *page)
{
	unsigned long flags;

	local_irq_save(flags);
	if (unlikely(pcp.off)) {
		spin_lock(&zone.lock);
		__free_one_block(page_to_pfn(page), 0);
		spin_unlock(&zone.lock);
	} else {
		page->private = PCP_PRIVATE;
		page->flags |= 1UL << PG_buddy;
		list_add(&page->lru, &pcp.list);
		if (unlikely(++pcp.count > pcp_high()))
			pcp_free_batch(PCP_BATCH);
	}
	local_irq_restore(flags);
}

static void free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long flags, f;

	/* An order-0 page in the usual state needs no more checking. */
	if ((order || !page_plain_at_free(page)) && free_pages_check(page, order))
		return;
	/*
	 * A free page carries no state: it may come back as any block's
	 * tail.  Its count is 0, nobody else looks at its flags: one plain
	 * store, as Linux's free_pages_prepare.  PG_error is a failed
	 * read's mark (the page cache's).
	 */
	f = page->flags;
	if (f & (1UL << PG_anon))
		mod_vm_stat(NR_ANON_PAGES, -1);
	page->flags = f & ~((1UL << PG_head) | (1UL << PG_dirty) | (1UL << PG_uptodate) |
			    (1UL << PG_error) | (1UL << PG_anon));
	if (likely(!order)) {
		free_page_pcp(page);
		return;
	}
	spin_lock_irqsave(&zone.lock, flags);
	__free_one_block(page_to_pfn(page), order);
	spin_unlock_irqrestore(&zone.lock, flags);
}

/*
 * Drops a reference; true if it was the last.  A put of a page whose
 * count is already zero is a double free: reported, the count stays 0.
 */
static bool put_page_testzero(struct page *page)
{
	int v = atomic_dec_return(&page->_refcount);

	if (likely(v >= 0))
		return v == 0;
	atomic_inc(&page->_refcount);
	bad_page(page, "reference count underflow (freed twice?)");
	return false;
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	atomic_set(&page->_refcount, 1);
	atomic_set(&page->_mapcount, -1);
	page->private = order;
	page->mapping = NULL;
	page->index = 0;
	if (order)
		SetPageHead(page);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static __always_inline bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	if (likely(!READ_ONCE(fail_page_alloc_attr.probability)))
		return false;		/* the site cannot fail: one test (should_fail_ex's first) */
	if (gfp & __GFP_NOFAIL)
		return false;
	if (order < fail_page_alloc_attr.min_order)
		return false;
	/* As in Linux, "space" counts pages for this site. */
	return should_fail_ex(&fail_page_alloc_attr, 1L << order,
			      (gfp & __GFP_NOWARN) ? FAULT_NOWARN : 0);
}

/*
 * Returns a block of 2^order pages with _refcount 1, or NULL when no block
 * is free within the caller's watermark even after reclaim, the order is
 * too large, or a failure was injected.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;
	bool low;

	if (order > MAX_PAGE_ORDER)
		return NULL;
	if (should_fail_alloc_page(gfp, order)) {
		current->flags &= ~PF_NOMEM_DEFERRED;	/* a fault must not take it for exhaustion */
		return NULL;		/* injected: never reclaim, never the OOM killer */
	}
	page = __get_page_from_freelist(gfp, order, &low);
	if (unlikely(!page))
		page = alloc_pages_slowpath(gfp, order);	/* mm/vmscan.c */
	if (!page) {
		if (!(gfp & __GFP_NOWARN) && !(current->flags & PF_NOMEM_DEFERRED))
			pr_warn("page allocation failure: order:%u, %lu pages free\n",
				order, nr_free_pages());
		return NULL;
	}
	if (unlikely(low))
		wakeup_kswapd();			/* mm/vmscan.c */
	prep_new_page(page, order, gfp);
	return page;
}

/* Drops the caller's reference; frees the block when it was the last. */
void __free_pages(struct page *page, unsigned int order)
{
	VM_BUG_ON(page_count(page) > 0 && order != (PageHead(page) ? page->private : 0));
	if (put_page_testzero(page)) {
		page_release(page);	/* off its LRU list (mm/swap.c) */
		free_pages_ok(page, order);
	}
}

void put_page(struct page *page)
{
	if (put_page_testzero(page)) {
		page_release(page);	/* off its LRU list (mm/swap.c) */
		free_pages_ok(page, PageHead(page) ? page->private : 0);
	}
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/* The free lists' pages and the per-CPU lists' (a snapshot on SMP). */
unsigned long nr_free_pages(void)
{
	return READ_ONCE(zone.free_pages) + READ_ONCE(pcp.count);
}

void buddy_free_counts(unsigned long counts[NR_PAGE_ORDERS])
{
	unsigned long flags;

	spin_lock_irqsave(&zone.lock, flags);
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
		counts[o] = zone.free_area[o].nr_free;
	spin_unlock_irqrestore(&zone.lock, flags);
}

/* Frames in the block that starts at @page, whatever its state. */
static unsigned long block_pages(const struct page *page)
{
	if (PageBuddy(page) && page->private == PCP_PRIVATE)
		return 1;
	if (PageBuddy(page) || (!PageReserved(page) && PageHead(page)))
		return 1UL << page->private;
	return 1;
}

/*
 * Calls @fn on every block of the coremap, free or in use, in pfn order
 * (a reserved frame is a block of its own), with zone.lock held and IRQs
 * off so that no block changes state meanwhile.  Returns the free-page
 * count read under the same lock.  @fn must not allocate or free.
 */
unsigned long coremap_walk(void (*fn)(struct page *page, unsigned long pages, void *arg),
			   void *arg)
{
	unsigned long flags, free, pfn = 0;

	spin_lock_irqsave(&zone.lock, flags);
	while (pfn < max_pfn) {
		struct page *page = pfn_to_page(pfn);
		unsigned long n = min(block_pages(page), max_pfn - pfn);

		fn(page, n, arg);
		pfn += n;
	}
	free = zone.free_pages + pcp.count;	/* IRQs off: the list stays put too */
	spin_unlock_irqrestore(&zone.lock, flags);
	return free;
}

/*
 * Boot: hands [start_pfn, end_pfn) to the allocator in the largest
 * aligned blocks that fit.  The pages were PG_reserved until now.
 */
void free_boot_range(unsigned long start_pfn, unsigned long end_pfn);
void free_boot_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long flags, pfn = start_pfn;

	spin_lock_irqsave(&zone.lock, flags);
	while (pfn < end_pfn) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && ((pfn & ((1UL << order) - 1)) ||
				 pfn + (1UL << order) > end_pfn))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			struct page *p = pfn_to_page(pfn + i);

			ClearPageReserved(p);
			atomic_set(&p->_refcount, 0);
			atomic_set(&p->_mapcount, -1);
		}
		__free_one_block(pfn, order);
		totalram_pages += 1UL << order;
		pfn += 1UL << order;
	}
	spin_unlock_irqrestore(&zone.lock, flags);
}

/* The owners' page counters (linux-ish/vmstat.h). */
atomic_t vm_stat[NR_VM_STAT_ITEMS];

struct fault_attr fail_page_alloc_attr = FAULT_ATTR_INITIALIZER("fail_page_alloc");
DEFINE_FAULT_ATTR_PARAMS("fail_page_alloc", fail_page_alloc_attr);
