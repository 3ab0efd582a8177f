/*
 * Page counters by owner, as Linux's node_stat_item: each in-use page
 * frame is counted in exactly one of them (NR_SHMEM is a subset of
 * NR_FILE_PAGES) from the moment its owner takes it until it gives it
 * back.  Free frames are the buddy allocator's count (nr_free_pages()),
 * reserved ones are max_pfn - totalram_pages.  The rule, and the check
 * that the counters agree with the coremap, are in mm/page_acct.c and
 * Documentation/mm/page-accounting.md.
 *
 * The counters are atomic: callers hold whatever lock covers the page's
 * owner (a mapping's lock, a slab cache's lock, mmap_lock), never a lock
 * of the counters.
 */
#ifndef _LINUX_ISH_VMSTAT_H
#define _LINUX_ISH_VMSTAT_H

#include <linux-ish/types.h>
#include <asm/atomic.h>

enum vm_stat_item {
	NR_FILE_PAGES,		/* in a page cache, shmem included (PG_anon clear, ->mapping set) */
	NR_SHMEM,		/* ... of which in a shmem object's page cache */
	NR_ANON_PAGES,		/* private anonymous memory (PG_anon) */
	NR_SLAB_PAGES,		/* slab caches' pages (PG_slab) */
	NR_KMALLOC_PAGES,	/* kmalloc blocks bigger than a page (PG_large_kmalloc) */
	NR_PAGETABLE,		/* user page directories and page tables (PG_table) */
	NR_KERNEL_STACK,	/* kernel stacks, in pages (PG_stack on the block's head) */
	/* States of page-cache pages, not owners (mapping_can_writeback ones only): */
	NR_FILE_DIRTY,		/* PG_dirty, DIRTY-tagged */
	NR_WRITEBACK,		/* PG_writeback */
	NR_DIRTIED,		/* events: pages dirtied since boot */
	NR_WRITTEN,		/* events: writebacks completed since boot */
	/* The LRU lists' lengths (mm/swap.c; order as enum lru_list), and mlocked pages: */
	NR_INACTIVE_ANON,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_MLOCK,		/* PG_mlocked */
	NR_VM_STAT_ITEMS
};

/* The owners come first: the items below this one count no frames of their own. */
#define NR_OWNER_ITEMS	NR_FILE_DIRTY

extern atomic_t vm_stat[NR_VM_STAT_ITEMS];

static inline void mod_vm_stat(enum vm_stat_item item, int pages)
{
	atomic_add(pages, &vm_stat[item]);
}

/* The counter in pages; a transiently negative value reads as 0. */
static inline unsigned long global_page_state(enum vm_stat_item item)
{
	int v = atomic_read(&vm_stat[item]);

	return v < 0 ? 0 : (unsigned long)v;
}

#endif
