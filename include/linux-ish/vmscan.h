/*
 * Memory reclaim (mm/vmscan.c, mm/watermark.c): the zone's watermarks,
 * kswapd, direct reclaim and drop_caches.  Documentation/mm/reclaim.md.
 */
#ifndef _LINUX_ISH_VMSCAN_H
#define _LINUX_ISH_VMSCAN_H

#include <linux-ish/gfp.h>
#include <linux-ish/types.h>

struct seq_buf;
struct ctl_table;

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/* The one zone's watermarks, in pages (mm/watermark.c). */
extern unsigned long zone_watermark[NR_WMARK];
static inline unsigned long wmark_pages(enum zone_watermarks w)
{
	return READ_ONCE(zone_watermark[w]);
}

extern int min_free_kbytes;		/* vm.min_free_kbytes */
extern int watermark_scale_factor;	/* vm.watermark_scale_factor */
extern int sysctl_drop_caches;		/* vm.drop_caches: the last value written */

/* Linux's rules, for @managed pages: the min_free_kbytes it would choose... */
int calculate_min_free_kbytes(unsigned long managed);
/* ...and the three watermarks from min_free_kbytes and the scale factor. */
void calculate_watermarks(unsigned long managed, int min_kbytes, int scale_factor,
			  unsigned long wmark[NR_WMARK]);
void init_per_zone_wmark_min(void);	/* boot, after the allocator is filled */

/* The sysctl handlers (kernel/sysctl.c's vm table). */
int min_free_kbytes_store(const struct ctl_table *t, const char *buf);
int watermark_scale_factor_store(const struct ctl_table *t, const char *buf);
int drop_caches_store(const struct ctl_table *t, const char *buf);

/*
 * mm/page_alloc.c calls these two.  When an allocation took free memory
 * below the low watermark: wakes kswapd (unless it is awake).  When
 * the free lists could not serve @order within the watermarks:
 * reclaims and retries (may invoke the OOM killer); the page or NULL.
 */
void wakeup_kswapd(void);
/*
 * The page-fault path (arch/x86/mm/fault.c) sets PF_IN_FAULT around
 * handle_mm_fault, so that an allocation that finds no memory defers
 * (PF_NOMEM_DEFERRED, read and cleared by fault_nomem_deferred(); an
 * injected failure clears it too, so that it never reclaims) instead of
 * reclaiming under the mmap_lock; then, with the lock dropped,
 * fault_nomem_retry() reclaims and says whether to run the fault again
 * (at most 16 times per fault, *@retries counts).
 */
bool fault_nomem_retry(unsigned int *retries);
/* Did an allocation defer since the flag was last read?  Reads and clears it. */
bool fault_nomem_deferred(void);
struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order);
/* mm/page_alloc.c: a block within @gfp's watermark (none for __GFP_MEMALLOC), or NULL. */
struct page *get_page_from_freelist(gfp_t gfp, unsigned int order);

/*
 * Reclaims up to @nr_to_reclaim pages: the LRU (lru_shrink), clean page
 * cache, and, when @may_shrink_slab, the shrinkers.  Returns pages freed.
 */
unsigned long shrink_node(unsigned long nr_to_reclaim, gfp_t gfp, bool kswapd);

struct mm_struct;
struct page;

/* One scan's orders and results (Linux's scan_control, the part Linnet uses). */
struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;	/* pages freed */
	unsigned long nr_scanned;	/* inactive pages isolated */
	unsigned long nr_writing;	/* writes started (swap or file) */
	unsigned long nr_contended;	/* pages whose mm could not be locked */
	unsigned long nr_writeback;	/* pages met under writeback (kept) */
	int priority;			/* a pass looks at size >> priority */
	bool may_sleep;			/* swap slots and cache entries, writes */
	bool may_writepage;		/* dirty file pages (kswapd) */
	bool ignore_references;		/* MADV_PAGEOUT */
	struct mm_struct *locked_mm;	/* an mm the caller holds (rmap walks) */
};
unsigned long lru_shrink_sc(struct scan_control *sc);
/*
 * The LRU scan (mm/lru_scan.c): one pass at sc->priority over the
 * evictable lists for up to sc->nr_to_reclaim pages; anonymous pages
 * (swap) and writes only if sc->may_sleep, file writeback only from
 * kswapd.  Returns the pages freed; sc says what the pass met.
 */
unsigned long lru_shrink(struct scan_control *sc);

/*
 * Waiting for writes (mm/reclaim_throttle.c): end_page_writeback()
 * reports every completion (any context); a reclaimer sleeps until a
 * pass's worth of writes completed, nothing is in flight, or @timeout
 * jiffies.  Returns the writes completed meanwhile.
 */
void reclaim_writeback_done(void);
unsigned long reclaim_throttle_writeback(long timeout);
/* MADV_PAGEOUT: reclaims the isolated @page now, references ignored (mm/lru_scan.c). */
void reclaim_page_now(struct page *page, struct mm_struct *mm);

/* LRU events for /proc/vmstat (mm/lru_scan.c). */
struct lru_events {
	unsigned long pgactivate, pgdeactivate, pgrefill;
	unsigned long swap_added, pageout_file, writing, contended;
	/* The inactive scans' pages, by kind: [0] anon, [1] file (pgscan_anon...). */
	unsigned long pgscan[2], pgsteal[2];
};
extern struct lru_events lru_events;
extern int vm_swappiness;		/* vm.swappiness */

/* Drops every clean, unmapped, unlocked page-cache page that can be read back. */
unsigned long drop_pagecache(void);

/* Reclaim's /proc/vmstat events (mm/vmscan.c). */
struct reclaim_events {
	unsigned long pgscan_kswapd, pgscan_direct, pgsteal_kswapd, pgsteal_direct;
	unsigned long allocstall, oom_kill, drop_pagecache, drop_slab;
	unsigned long pageoutrun, kswapd_wakeups;
};
extern struct reclaim_events reclaim_events;
void show_reclaim_vmstat(struct seq_buf *m);
void show_zoneinfo(struct seq_buf *m);

void kswapd_init(void);

#endif
