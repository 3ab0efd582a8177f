/*
 * Memory reclaim: kswapd, direct reclaim and drop_caches.
 *
 * Both reclaimers call shrink_node(), which asks, in turn, the LRU scan
 * (lru_shrink, the LRU's own file), the page-cache scan below, and --
 * from kswapd only -- the shrinkers.  The page-cache scan is a clock
 * hand over the coremap: it drops every page that is in a page cache
 * whose file system can read it back (a_ops->readpage; never ramfs,
 * tmpfs or shmem), clean, not under writeback, unmapped, unlocked and
 * referenced by the cache alone: what drop_caches drops.  It never
 * sleeps and never allocates, so any allocation that may sleep can run
 * it (direct reclaim); the shrinkers may sleep and free dentries and
 * inodes that a caller in the middle of a path walk may be looking at
 * without a reference, so only kswapd and drop_caches run them (Linux's
 * GFP_NOFS rule, applied to every direct reclaim).
 *
 * Locking: the scan takes a reference and the page lock (trylock) and
 * rechecks under mapping->lock (remove_clean_page).  kswapd_wait wakes
 * kswapd; kswapd_running (read without a lock) keeps the allocator's
 * fast path to one comparison.  Documentation/mm/reclaim.md.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/oom.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/shrinker.h>
#include <linux-ish/sysctl.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/time.h>
#include <linux-ish/wait.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/spinlock.h>

#define DEF_PRIORITY		12	/* a pass at priority p scans 1/2^p of memory */
#define SWAP_CLUSTER_MAX	32UL	/* pages a direct reclaimer asks for */
#define PAGE_ALLOC_COSTLY_ORDER	3	/* above: no OOM killer, the caller copes */

struct reclaim_events reclaim_events;
int sysctl_drop_caches;

static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static bool kswapd_running;		/* awake and balancing */
static struct task_struct *kswapd_task;
static unsigned long scan_pfn;		/* the clock hand of the page-cache scan */
static unsigned long reclaim_progress;	/* passes that freed pages or started writes */
static DECLARE_WAIT_QUEUE_HEAD(progress_wait);
static bool kswapd_stuck;		/* its last balance freed and started nothing at priority 0 */

/* Page-cache pages that are not the only copy of their data. */
static bool mapping_reclaimable(const struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->readpage && !mapping_is_shmem(mapping);
}

#define NOT_CACHE_FLAGS	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_slab) | \
			 (1UL << PG_head) | (1UL << PG_anon) | (1UL << PG_table) | \
			 (1UL << PG_stack) | (1UL << PG_large_kmalloc))
#define BUSY_FLAGS	((1UL << PG_locked) | (1UL << PG_dirty) | (1UL << PG_writeback))

/*
 * @page referenced if it looks like a droppable page-cache page (the
 * final word is remove_clean_page's, under the locks); NULL otherwise.
 * IRQs off so that no completion changes it between the test and the get.
 */
static struct address_space *grab_cache_candidate(struct page *page)
{
	struct address_space *mapping = NULL;
	unsigned long flags;

	local_irq_save(flags);
	if (!(page->flags & (NOT_CACHE_FLAGS | BUSY_FLAGS)) && page->mapping &&
	    page_count(page) == 1 && !page_mapcount(page) && PageUptodate(page) &&
	    mapping_reclaimable(page->mapping)) {
		mapping = page->mapping;
		get_page(page);
	}
	local_irq_restore(flags);
	return mapping;
}

/* Drops @page if it may go; true if it did. */
static bool try_drop_cache_page(struct page *page)
{
	struct address_space *mapping = grab_cache_candidate(page);
	bool dropped = false;

	if (!mapping)
		return false;
	if (trylock_page(page)) {
		dropped = remove_clean_page(mapping, page);
		unlock_page(page);
	}
	put_page(page);			/* the last one if it was dropped */
	return dropped;
}

/*
 * Looks at up to @nr_scan frames from the clock hand on and drops up
 * to @nr_to_reclaim of them.  Returns the pages freed; adds the
 * page-cache pages looked at to *@scanned.
 */
static unsigned long shrink_page_cache(unsigned long nr_to_reclaim, unsigned long nr_scan,
				       unsigned long *scanned)
{
	unsigned long freed = 0;

	while (nr_scan-- && freed < nr_to_reclaim) {
		struct page *page;

		if (++scan_pfn >= max_pfn)
			scan_pfn = 0;
		page = pfn_to_page(scan_pfn);
		if (!page->mapping || (page->flags & NOT_CACHE_FLAGS))
			continue;
		(*scanned)++;
		freed += try_drop_cache_page(page);
	}
	return freed;
}

/*
 * One pass at @priority: the LRU scan for up to @nr_to_reclaim pages;
 * kswapd's pass also asks the shrinkers for the same share of their
 * objects.  Returns the pages freed; @sc says what the pass met.
 */
static unsigned long shrink_node_prio(struct scan_control *sc, unsigned long nr_to_reclaim,
				      gfp_t gfp, bool kswapd, bool may_sleep, int priority)
{
	unsigned long freed, before = nr_free_pages();

	*sc = (struct scan_control){
		.nr_to_reclaim = nr_to_reclaim,
		.priority = priority,
		.may_sleep = may_sleep,
	};
	freed = lru_shrink(sc);
	if (freed || sc->nr_writing) {
		reclaim_progress++;
		wake_up(&progress_wait);
	}
	if (kswapd) {
		reclaim_events.pgscan_kswapd += sc->nr_scanned;
		reclaim_events.pgsteal_kswapd += freed;
		shrink_slab(gfp, max_pfn >> priority, max_pfn);
		if (nr_free_pages() > before + freed)
			freed = nr_free_pages() - before;	/* slab pages came back too */
	} else {
		reclaim_events.pgscan_direct += sc->nr_scanned;
		reclaim_events.pgsteal_direct += freed;
	}
	return freed;
}

/*
 * A pass freed less than it was asked for.  If it met writes (started
 * them, or found pages still under writeback) and may sleep, the
 * reclaimer waits for them and the caller passes again at the same
 * priority: a lower one would only look at more pages that are not
 * ready, with an rmap walk each.  kswapd waits whenever its pass fell
 * short; a direct reclaimer -- a process waiting for its page -- only
 * when its pass freed nothing at all (Linux 6.1 throttles kswapd on
 * writeback, and direct reclaim only when it makes no progress).  At
 * most MAX_THROTTLES waits per reclaim.  True if it waited.
 */
#define MAX_THROTTLES	8	/* of HZ/10 at most: 0.8 s per reclaim */
static bool throttle_on_writes(const struct scan_control *sc, int *throttles)
{
	if (!sc->may_sleep || !(sc->nr_writing || sc->nr_writeback) ||
	    *throttles >= MAX_THROTTLES || !global_page_state(NR_WRITEBACK))
		return false;
	if (sc->nr_reclaimed && !(current->flags & PF_KSWAPD))
		return false;
	(*throttles)++;
	reclaim_throttle_writeback(HZ / 10);
	return true;
}

/*
 * Passes at falling priorities until @nr_to_reclaim pages are freed; a
 * pass that met writes is repeated after waiting for them instead of
 * going lower.
 */
unsigned long shrink_node(unsigned long nr_to_reclaim, gfp_t gfp, bool kswapd)
{
	unsigned long freed = 0;
	int throttles = 0;

	for (int prio = DEF_PRIORITY; prio >= 0 && freed < nr_to_reclaim;) {
		struct scan_control sc;

		freed += shrink_node_prio(&sc, nr_to_reclaim - freed, gfp, kswapd, kswapd, prio);
		if (!sc.nr_reclaimed && !sc.nr_writing && sc.nr_contended &&
		    2 * sc.nr_contended >= sc.nr_scanned)
			break;	/* mostly busy mms: a lower priority would meet them again */
		if (freed < nr_to_reclaim && !throttle_on_writes(&sc, &throttles))
			prio--;
	}
	return freed;
}

/* ---- kswapd ---- */

static bool below_low(void)
{
	return nr_free_pages() < wmark_pages(WMARK_LOW);
}

void wakeup_kswapd(void)
{
	if (!below_low() || READ_ONCE(kswapd_running) || !kswapd_task)
		return;
	WRITE_ONCE(kswapd_running, true);
	reclaim_events.kswapd_wakeups++;
	wake_up(&kswapd_wait);
}

/*
 * Reclaims until free memory is at the high watermark, or nothing more
 * goes.  A pass that freed nothing but started writes made progress all
 * the same: kswapd waits a tick for them (their completions rotate the
 * pages to the tail) and goes on.  A balance that met only pages of busy
 * mms (their owners in a fault, mmap_lock held) tries again 10 ms later
 * rather than at lower priorities.  It stops when a whole pass down to
 * priority 0 frees nothing, meets no busy mm and nothing is in flight:
 * kswapd_stuck, which the OOM decision reads.
 */
static void balance_node(void)
{
	reclaim_events.pageoutrun++;
	while (nr_free_pages() < wmark_pages(WMARK_HIGH)) {
		unsigned long want = wmark_pages(WMARK_HIGH) - nr_free_pages();
		unsigned long writing = lru_events.writing, contended = lru_events.contended;

		if (shrink_node(max(want, SWAP_CLUSTER_MAX), GFP_KERNEL, true)) {
			WRITE_ONCE(kswapd_stuck, false);
			continue;
		}
		if (lru_events.contended != contended) {
			/* Their owners hold them (a fault): try again when they may have let go. */
			set_current_state(TASK_UNINTERRUPTIBLE);
			schedule_timeout(HZ / 100);
			continue;
		}
		if (lru_events.writing == writing && !global_page_state(NR_WRITEBACK)) {
			WRITE_ONCE(kswapd_stuck, true);
			break;
		}
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
}

/*
 * The reclaim thread: sleeps until an allocation takes free memory
 * below low, then balances.  A balance that leaves memory below low
 * (nothing reclaimable) waits a tenth of a second before trying again,
 * so an exhausted system is not kept busy by it.
 */
static int kswapd(void *unused)
{
	current->flags |= PF_MEMALLOC | PF_KSWAPD;	/* its bios may use the reserve */
	for (;;) {
		___wait_event(kswapd_wait, READ_ONCE(kswapd_running), TASK_INTERRUPTIBLE, );
		balance_node();
		if (below_low()) {
			set_current_state(TASK_INTERRUPTIBLE);
			schedule_timeout(HZ / 10);
		}
		WRITE_ONCE(kswapd_running, below_low());
	}
	return 0;
}

void kswapd_init(void)
{
	init_per_zone_wmark_min();
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		printk(KERN_ERR "vmscan: cannot start kswapd0\n");
}

/* ---- direct reclaim ---- */

/*
 * Reclaims and retries at falling priorities; the page or NULL.  A pass
 * that met writes is repeated after waiting for them (throttle_on_writes).
 */
static struct page *direct_reclaim(gfp_t gfp, unsigned int order, bool may_sleep)
{
	unsigned long want = max(SWAP_CLUSTER_MAX, 1UL << order);
	struct page *page = NULL;
	int throttles = 0;

	reclaim_events.allocstall++;
	current->flags |= PF_MEMALLOC;
	for (int prio = DEF_PRIORITY; prio >= 0;) {
		unsigned long contended = lru_events.contended;
		struct scan_control sc;

		if (shrink_node_prio(&sc, want, gfp, false, may_sleep, prio) || !prio) {
			page = get_page_from_freelist(gfp, order);
			if (page)
				break;
		} else if ((current->flags & PF_IN_FAULT) && lru_events.contended != contended) {
			break;	/* a fault's own pages are busy: defer to the fault path now */
		}
		if (!throttle_on_writes(&sc, &throttles))
			prio--;
	}
	current->flags &= ~PF_MEMALLOC;
	return page;
}

/*
 * May this allocation sleep now: in a page fault (PF_IN_FAULT), no
 * spinlock held, interrupts on, not in a handler?  Only a fault: the rest
 * of the kernel was written to the rule that an allocation never sleeps
 * (lists walked and tasks or dentries used without a reference across a
 * kmalloc, one CPU), while a fault is a sleeping point already (its I/O)
 * and every caller of copy_*_user knows it.  Elsewhere a GFP_KERNEL
 * allocation reclaims without sleeping and then takes from the reserve
 * (reclaim.md "Who may sleep").
 */
static bool alloc_may_sleep(gfp_t gfp)
{
	return (gfp & __GFP_RECLAIM) && (current->flags & PF_IN_FAULT) &&
	       !READ_ONCE(spin_depth) && !irqs_disabled() && !in_hardirq();
}

/* Is reclaim still getting somewhere (writes in flight, kswapd not stuck)? */
static bool reclaim_in_flight(void)
{
	return global_page_state(NR_WRITEBACK) || !READ_ONCE(kswapd_stuck);
}

/*
 * Sleeps until reclaim makes progress (a pass frees pages or starts
 * writes) or free memory is back above min, at most @ticks; kswapd is
 * kicked first.  While pages are under writeback the wait is for their
 * completions instead (reclaim_throttle_writeback, at most HZ/10): a
 * completed write is what lets the next pass free a page.  True if
 * there was progress.  Process context, no spinlock held.
 */
static bool wait_reclaim_progress(unsigned long ticks)
{
	unsigned long seq = READ_ONCE(reclaim_progress);
	struct wait_queue_entry w = { .task = NULL };

	if (!READ_ONCE(kswapd_running) && kswapd_task) {
		WRITE_ONCE(kswapd_running, true);
		WRITE_ONCE(kswapd_stuck, false);
		wake_up(&kswapd_wait);
	}
	if (global_page_state(NR_WRITEBACK) && nr_free_pages() <= wmark_pages(WMARK_MIN))
		return reclaim_throttle_writeback(HZ / 10) || READ_ONCE(reclaim_progress) != seq ||
		       nr_free_pages() > wmark_pages(WMARK_MIN);
	prepare_to_wait(&progress_wait, &w, TASK_UNINTERRUPTIBLE);
	if (READ_ONCE(reclaim_progress) == seq && nr_free_pages() <= wmark_pages(WMARK_MIN))
		schedule_timeout(ticks);
	finish_wait(&progress_wait, &w);
	return READ_ONCE(reclaim_progress) != seq || nr_free_pages() > wmark_pages(WMARK_MIN);
}

/*
 * A page fault's allocation failed for want of memory (the allocator
 * deferred the OOM decision: PF_NOMEM_DEFERRED), and the fault dropped
 * its mmap_lock, so that reclaim can take this process's pages too:
 * it reclaims directly (swap writes included) at falling priorities,
 * and while writes are in flight waits for them, 20 ms at a time, at
 * most 25 times.  True: retry the fault; false: a pass down to
 * priority 0 freed nothing and nothing is in flight, the OOM killer's
 * turn.
 */
static bool pagefault_reclaim_retry(void)
{
	for (int i = 0; i < 25 && !fatal_signal_pending(current); i++) {
		unsigned long writing = lru_events.writing, freed = 0;

		reclaim_events.allocstall++;
		current->flags |= PF_MEMALLOC;
		for (int prio = DEF_PRIORITY, throttles = 0; prio >= 0 && !freed;) {
			struct scan_control sc;

			freed = shrink_node_prio(&sc, SWAP_CLUSTER_MAX, GFP_KERNEL, false, true, prio);
			if (!freed && !throttle_on_writes(&sc, &throttles))
				prio--;
		}
		current->flags &= ~PF_MEMALLOC;
		if (freed || nr_free_pages() > wmark_pages(WMARK_MIN))
			return true;
		if (lru_events.writing == writing && !global_page_state(NR_WRITEBACK))
			return false;	/* priority 0 freed nothing, nothing in flight */
		wait_reclaim_progress(HZ / 50);
	}
	return true;		/* still in flight: the fault comes back */
}

/*
 * After a fault's error, mmap_lock dropped: true to run the fault again.
 * Only after a deferred allocation (real exhaustion, never an injected
 * failure): its VM_FAULT_OOM, or a SIGBUS on the way that may be its
 * consequence (a read whose request or metadata could not be had; a
 * real I/O error comes back without the deferral, or after 16 retries).
 * Reclaim first; if a pass at priority 0 freed nothing with nothing in
 * flight, the OOM killer chooses (Linux's badness), and the fault is
 * retried unless this process was chosen.
 */
bool fault_nomem_deferred(void)
{
	bool deferred = current->flags & PF_NOMEM_DEFERRED;

	current->flags &= ~PF_NOMEM_DEFERRED;
	return deferred;
}

bool fault_nomem_retry(unsigned int *retries)
{
	if (++*retries > 16 || fatal_signal_pending(current))
		return false;
	if (pagefault_reclaim_retry())
		return true;
	if (!out_of_memory(GFP_KERNEL, 0) || fatal_signal_pending(current))
		return false;
	set_current_state(TASK_KILLABLE);
	schedule_timeout(HZ / 50);	/* the victim runs to its exit */
	return !fatal_signal_pending(current);
}

/*
 * The free lists had no block within @gfp's watermark.  kswapd is
 * woken.  An allocation that may not sleep (GFP_ATOMIC, a spinlock
 * held, interrupts off) gets NULL; one that says it may but is atomic
 * (a spinlock held) reclaims without sleeping (clean page cache), then
 * takes from the atomic reserve and never calls the OOM killer.
 * One that may sleep reclaims directly (swap writes included), then
 * waits, throttled and bounded, while reclaim is getting somewhere, and
 * for orders up to PAGE_ALLOC_COSTLY_ORDER asks the OOM killer only
 * when a pass at priority 0 freed nothing and nothing is in flight.  A
 * page fault holds its mmap_lock, under which reclaim cannot unmap the
 * process's own pages: after one direct reclaim it gets NULL with
 * PF_NOMEM_DEFERRED, and the fault path reclaims again without the
 * lock (fault_nomem_retry).
 */
struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	struct page *page;
	bool sleep;

	if (gfp & __GFP_MEMALLOC)
		return NULL;
	if ((current->flags & PF_MEMALLOC) && !in_hardirq())	/* the reclaimer: no recursion */
		return get_page_from_freelist(gfp | __GFP_MEMALLOC, order);
	wakeup_kswapd();
	if (!(gfp & __GFP_RECLAIM) || irqs_disabled())
		return NULL;
	sleep = alloc_may_sleep(gfp);
	page = direct_reclaim(gfp, order, sleep);
	if (page || order > PAGE_ALLOC_COSTLY_ORDER)
		return page;
	if (!sleep)	/* not in a fault, or under a spinlock: its reserve */
		return get_page_from_freelist(gfp & ~__GFP_RECLAIM, order);
	/*
	 * In a fault, an allocation that copes with failure (__GFP_NOWARN:
	 * the fault's own page, anon_vma) is deferred; I/O on the way
	 * (bios, file-system metadata, writeback) is not: its failure would
	 * be an error, or lost data.
	 */
	if ((current->flags & PF_IN_FAULT) && (gfp & __GFP_NOWARN)) {
		current->flags |= PF_NOMEM_DEFERRED;	/* reclaim again without the mmap_lock */
		return NULL;
	}
	/*
	 * I/O on a fault's way (file-system metadata, a bio) cannot defer,
	 * and the fault's mmap_lock keeps reclaim off the process's own
	 * pages, which may be all there is: waiting could last until the
	 * OOM killer, and for init forever.  It takes from the atomic
	 * reserve first, as Linux's I/O takes from its mempools before it
	 * waits; kswapd refills the reserve.
	 */
	if (current->flags & PF_IN_FAULT) {
		page = get_page_from_freelist(gfp & ~__GFP_RECLAIM, order);
		if (page)
			return page;
	}
	for (int i = 0; i < 25 && !fatal_signal_pending(current); i++) {
		bool progress = wait_reclaim_progress(HZ / 50);

		page = get_page_from_freelist(gfp, order);
		if (page)
			return page;
		if (!progress && !reclaim_in_flight())
			break;
		page = direct_reclaim(gfp, order, true);
		if (page)
			return page;
	}
	if (!out_of_memory(gfp, order))
		return NULL;
	return get_page_from_freelist(gfp, order);
}

/* ---- drop_caches ---- */

unsigned long drop_pagecache(void)
{
	unsigned long scanned = 0;

	return shrink_page_cache(ULONG_MAX, max_pfn, &scanned);
}

/*
 * vm.drop_caches (1..4, Linux's bounds): 1 drops the clean page cache, 2
 * the unused dentries and their inodes, 3 both; 4 (a bit) silences the
 * once-only message.  The value written is remembered and read back.
 */
int drop_caches_store(const struct ctl_table *t, const char *buf)
{
	static bool told;
	int err = sysctl_store_int(t, buf);

	if (err)
		return err;
	if (sysctl_drop_caches & 1) {
		drop_pagecache();
		reclaim_events.drop_pagecache++;
	}
	if (sysctl_drop_caches & 2) {
		while (shrink_slab(GFP_KERNEL, 0, 0) > 10)
			;			/* Linux repeats while more than 10 went */
		reclaim_events.drop_slab++;
	}
	if (!told && !(sysctl_drop_caches & 4)) {
		told = true;
		printk(KERN_INFO "%s (%d): drop_caches: %d\n", current->comm, current->pid,
		       sysctl_drop_caches);
	}
	return 0;
}

/* /proc/vmstat's reclaim lines, Linux's names (one zone: allocstall_normal). */
void show_reclaim_vmstat(struct seq_buf *m)
{
	const struct reclaim_events *e = &reclaim_events;

	seq_printf(m, "allocstall_normal %lu\n", e->allocstall);
	seq_printf(m, "pgsteal_kswapd %lu\npgsteal_direct %lu\n", e->pgsteal_kswapd,
		   e->pgsteal_direct);
	seq_printf(m, "pgscan_kswapd %lu\npgscan_direct %lu\n", e->pgscan_kswapd,
		   e->pgscan_direct);
	seq_printf(m, "pgscan_anon %lu\npgscan_file %lu\n", lru_events.pgscan[0],
		   lru_events.pgscan[1]);
	seq_printf(m, "pgsteal_anon %lu\npgsteal_file %lu\n", lru_events.pgsteal[0],
		   lru_events.pgsteal[1]);
	seq_printf(m, "pageoutrun %lu\n", e->pageoutrun);
	seq_printf(m, "pgactivate %lu\npgdeactivate %lu\npgrefill %lu\n", lru_events.pgactivate,
		   lru_events.pgdeactivate, lru_events.pgrefill);
	seq_printf(m, "drop_pagecache %lu\ndrop_slab %lu\noom_kill %lu\n", e->drop_pagecache,
		   e->drop_slab, e->oom_kill);
}
