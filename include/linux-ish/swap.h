/*
 * Swap: areas (mm/swapfile.c), the swap cache (mm/swap_state.c) and
 * their I/O (mm/page_io.c).  Documentation/mm/swap.md tells the story.
 *
 * Counts.  Each slot of an area has a swap_map entry: the number of
 * swap PTEs that name it (a PTE in a page table shared by fork counts
 * once, as it is one PTE) plus SWAP_HAS_CACHE while a page for it is in
 * the swap cache.  A slot is free when its entry is 0.  A slot whose
 * count falls to 0 leaves the swap cache at once unless its page is
 * locked for I/O, in which case the I/O's owner removes it afterwards:
 * the cache holds no page of a slot nobody names, except in flight.
 *
 * Locking: swap_lock (IRQ-safe spinlock) covers every area's swap_map,
 * counters and the list of areas; swap_cache_lock the swap cache's
 * index.  swapon/swapoff serialize on swapon_mutex.  A swap cache page
 * is PG_swapcache with the entry in page->private, and holds one page
 * reference for the cache; PG_locked while it is read or written.
 */
#ifndef _LINUX_ISH_SWAP_H
#define _LINUX_ISH_SWAP_H

#include <linux-ish/types.h>
#include <linux-ish/blk_types.h>
#include <linux-ish/swapops.h>
#include <linux-ish/mm_types.h>

struct file;
struct seq_buf;

#define SWAP_HAS_CACHE		0x8000	/* swap_map: a page for it is in the swap cache */
#define SWAP_MAP_BAD		0x7fff	/* swap_map: a bad page (mkswap's list) */
#define SWAP_MAP_MAX		0x7ffe	/* the highest count */
#define SWAP_COUNT(x)		((x) & ~SWAP_HAS_CACHE)

#define SWP_USED	0x1	/* the slot of swap_info[] is taken */
#define SWP_WRITEOK	0x2	/* slots may be allocated (not in swapoff) */
#define SWP_BLKDEV	0x4	/* a block device, else a file */

#define SWAP_RA_PAGES	8	/* readahead window, aligned (Linux: page-cluster 3) */

struct swap_info_struct {
	unsigned long flags;		/* SWP_* */
	short prio;
	unsigned char type;		/* the index in swap_info[] */
	struct file *swap_file;		/* as swapon opened it */
	struct block_device *bdev;	/* where the slots are */
	sector_t *slot_sector;		/* a file's slots (NULL: slot n at sector 8n) */
	unsigned short *swap_map;	/* per slot: count | SWAP_HAS_CACHE */
	unsigned long max;		/* slots 0..max-1 (0: the header) */
	unsigned long pages;		/* usable slots */
	unsigned long inuse_pages;
	unsigned long cluster_next;	/* where the next search starts */
};

/* mm/swapfile.c */
extern unsigned long total_swap_pages, nr_swap_pages;	/* swap_lock */
extern unsigned int nr_swapfiles;
struct swap_info_struct *swp_swap_info(swp_entry_t entry);
swp_entry_t get_swap_page(void);		/* count 0 | HAS_CACHE; .val 0 if none */
int swap_duplicate(swp_entry_t entry);		/* 0 or -ENOMEM (count at its maximum) */
void swap_duplicate_nofail(swp_entry_t entry);
/* Drops one PTE's count; frees the slot (and its idle cache page) at 0. */
void swap_free(swp_entry_t entry);
void free_swap_and_cache(swp_entry_t entry);
int swap_count(swp_entry_t entry);		/* without HAS_CACHE; 0 for a bad entry */
bool swap_entry_valid(swp_entry_t entry);
/* swap_lock held: the map entry of a valid @entry. */
unsigned short *__swap_map(swp_entry_t entry);
void swap_clear_cache_bit(swp_entry_t entry);
bool swap_set_cache_bit(swp_entry_t entry);	/* false: free slot or already cached */
void show_swaps(struct seq_buf *m);
void si_swapinfo(unsigned long *total, unsigned long *free);
int try_to_unuse(unsigned int type);
int swap_test_area_add(unsigned long slots);	/* ktest only */
bool swap_test_area_remove(int type);

/* mm/swap_state.c: the swap cache */
extern unsigned long swap_cache_pages;
struct page *lookup_swap_cache(swp_entry_t entry);	/* referenced, or NULL */
int add_to_swap_cache(struct page *page, swp_entry_t entry);
void delete_from_swap_cache(struct page *page);
bool try_to_free_swap(struct page *page);
int add_to_swap(struct page *page);			/* 0, -ENOSPC, -ENOMEM */
struct page *swapin_readahead(swp_entry_t entry, bool *major);
int swap_pageout_page(struct page *page);		/* 0 or -errno: written, in the cache */

/* mm/page_io.c */
int swap_readpage(struct page *page);		/* locked cache page: 0 or -EIO */
int swap_writepage(struct page *page);
int swap_writepage_async(struct page *page);	/* locked, dirty: 0 (unlocked, writeback) or -EIO */
int swap_read_header(struct swap_info_struct *si, struct page *page);
int swapfile_activate(struct swap_info_struct *si, unsigned long *size_pages);

/* mm/memory.c (try_to_unmap_anon_pte is in linux-ish/rmap.h) */
int unuse_mm(struct mm_struct *mm, unsigned int type);	/* mmap_lock held: 0 or -ENOMEM */

/* Events for /proc/vmstat */
extern unsigned long pswpin, pswpout;

#endif
