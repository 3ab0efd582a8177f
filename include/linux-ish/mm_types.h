/*
 * The coremap entry: one struct page per physical frame, in mem_map[].
 * Kept at 32 bytes (8 MiB of mem_map per GiB of RAM).  Who may touch
 * which field depends on what the page is, told by its flags:
 *
 *   free (PG_buddy)  private = order of the free block; lru on a free list;
 *                    zone lock.
 *   slab (PG_slab)   slab_cache, freelist, inuse; lru on the cache's
 *                    partial/full list; the cache's lock.
 *   other in-use     _refcount (atomic), _mapcount (atomic), mapping and
 *                    index for the page cache (later), private = order
 *                    for the head of a multi-page allocation (PG_head).
 *   reserved         PG_reserved: never freed, never handed out.
 */
#ifndef _LINUX_ISH_MM_TYPES_H
#define _LINUX_ISH_MM_TYPES_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits, atomic updates */
	atomic_t _refcount;		/* 0: free; the allocator hands out 1 */
	union {
		atomic_t _mapcount;	/* page-table mappings - 1 */
		unsigned int inuse;	/* slab: objects handed out */
	};
	union {
		struct address_space *mapping;
		struct kmem_cache *slab_cache;
	};
	union {
		pgoff_t index;		/* offset in mapping, in pages */
		void *freelist;		/* slab: first free object */
	};
	struct list_head lru;
	unsigned long private;		/* buddy order (free or PG_head) */
};

#endif
