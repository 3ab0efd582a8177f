/*
 * Slab caches and kmalloc.  A cache hands out fixed-size objects carved
 * from single pages; kmalloc() picks a power-of-two cache (8 B .. 4 KiB)
 * and goes straight to the page allocator above that.  Both may return
 * NULL and every caller must handle it.  kfree(NULL) is a no-op.
 */
#ifndef _LINUX_ISH_SLAB_H
#define _LINUX_ISH_SLAB_H

#include <linux-ish/gfp.h>
#include <linux-ish/list.h>
#include <linux-ish/spinlock.h>

#define SLAB_HWCACHE_ALIGN	0x01u	/* align objects to 32 bytes */
#define SLAB_POISON		0x02u	/* fill freed objects, check on reuse */
#define SLAB_PANIC		0x04u	/* creation failure panics (boot caches) */

/* kmalloc(0) returns this: not NULL, but faults on any access. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_SHIFT_MAX	22	/* largest kmalloc: 4 MiB */

struct kmem_cache {
	const char *name;
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* object stride, aligned */
	unsigned int offset;		/* of the free-list link in a free object */
	unsigned int objects;		/* per slab page */
	unsigned int flags;
	void (*ctor)(void *obj);
	struct list_head list;		/* all caches (slab_caches), slab_lock */

	spinlock_t lock;		/* protects everything below */
	struct list_head partial;	/* slabs with free objects */
	struct list_head full;		/* slabs with none */
	unsigned long nr_slabs;
	unsigned long active_objs;
	unsigned long nr_allocs, nr_frees, nr_failed;
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

void *kmalloc(size_t size, gfp_t gfp);
/*
 * One page block from the page allocator, counted as kmalloc's and freed
 * by kfree(): a bounce buffer without the kmalloc-4k slab's poisoning.
 */
void *kmalloc_page(gfp_t gfp);
void kfree(const void *obj);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* Sum of active objects in every cache, and slab pages held: leak checks. */
unsigned long slab_active_objects(void);
unsigned long slab_pages(void);
struct seq_buf;
void slabinfo_show(struct seq_buf *m);	/* /proc/slabinfo */
/* Poisoned objects found overwritten since boot (use after free). */
extern unsigned long slab_poison_errors;
/* Frees of objects that were already free: reported and ignored. */
extern unsigned long slab_double_frees;

void kmem_cache_init(void);

#endif
