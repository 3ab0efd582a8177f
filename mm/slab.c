/*
 * Slab caches: fixed-size objects carved out of single pages.
 *
 * A slab is one page (PG_slab) whose struct page records the cache, the
 * first free object (freelist; each free object stores the next one at
 * cache->offset: its first word, or just past the object when a
 * constructor's state must survive free) and the number of objects in use.  A cache keeps its
 * slabs on two lists: partial (some objects free) and full.  A slab whose
 * last object is freed goes straight back to the page allocator, so an
 * idle cache holds no memory and leak checks can compare page counts.
 *
 * Locking: cache->lock (IRQ-safe) covers the lists, the slab pages'
 * freelist/inuse and the counters; it is never held across a call into
 * the page allocator.  slab_lock covers the list of caches.
 *
 * SLAB_POISON (on by default under CONFIG_DEBUG_VM for caches without a
 * constructor) fills freed objects with POISON_FREE and checks the fill
 * when the object is handed out again: a write after free is reported.
 * A poisoned free object of two words or more carries a free tag in its
 * second word (its address XOR FREE_TAG_KEY, checked with the poison and
 * replaced by poison when it is handed out).  Under CONFIG_DEBUG_VM a
 * free also checks the object is not free already (object_is_free: the
 * tag, then the slab's free list), so an object freed twice is reported
 * and the second free ignored.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

#define POISON_FREE	0x6b
#define POISON_WORD	0x6b6b6b6bUL
/*
 * Free tag = object address ^ FREE_TAG_KEY.  Neither 0 nor POISON_WORD for
 * any kernel address (0xc0000000 and up), and different for every object,
 * so a copy of another free object does not look free.
 */
#define FREE_TAG_KEY	0x1ee7f4eeUL
#define SLAB_MIN_ALIGN	sizeof(void *)
#define HWCACHE_ALIGN	32

static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_lock);
static struct kmem_cache kmem_cache_boot;	/* the cache of caches */
static struct kmem_cache *kmem_cache_cache;
unsigned long slab_poison_errors;
unsigned long slab_double_frees;

static void cache_setup(struct kmem_cache *c, const char *name, unsigned int size,
			unsigned int align, unsigned int flags, void (*ctor)(void *))
{
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max_t(unsigned int, align, HWCACHE_ALIGN);
	align = max_t(unsigned int, align, SLAB_MIN_ALIGN);
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->object_size = size;
	/* A constructed object keeps its state while free: link goes after it. */
	c->offset = ctor ? ALIGN(size, sizeof(void *)) : 0;
	c->size = ALIGN(max_t(unsigned int, c->offset + sizeof(void *), size), align);
	c->objects = PAGE_SIZE / c->size;
	c->flags = flags;
	if (CONFIG_DEBUG_VM)
		c->flags |= SLAB_POISON;
	if (ctor)			/* poison would destroy the constructed state */
		c->flags &= ~SLAB_POISON;
	c->ctor = ctor;
	spin_lock_init(&c->lock);
	c->lock.name = name;
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
}

static void cache_publish(struct kmem_cache *c)
{
	unsigned long flags;

	spin_lock_irqsave(&slab_lock, flags);
	list_add_tail(&c->list, &slab_caches);
	spin_unlock_irqrestore(&slab_lock, flags);
}

/*
 * Returns a new cache, or NULL (size 0, an object stride above PAGE_SIZE,
 * or no memory).
 * @align must be a power of two (0 means pointer alignment).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *c = NULL;

	if (size && size <= PAGE_SIZE && !(align & (align - 1)) && align <= PAGE_SIZE)
		c = kmem_cache_alloc(kmem_cache_cache, GFP_KERNEL);
	if (!c) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create cache %s", name);
		return NULL;
	}
	cache_setup(c, name, size, align, flags, ctor);
	if (!c->objects) {		/* stride past a page: nothing would fit */
		kmem_cache_free(kmem_cache_cache, c);
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: %s objects do not fit a page", name);
		return NULL;
	}
	cache_publish(c);
	return c;
}

/* A cache can only go once it is empty; otherwise it is leaked with a warning. */
void kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags;

	if (!c)
		return;
	if (WARN_ON(c->active_objs)) {
		printk(KERN_ERR "kmem_cache_destroy %s: %lu objects still allocated\n",
		       c->name, c->active_objs);
		return;
	}
	spin_lock_irqsave(&slab_lock, flags);
	list_del(&c->list);
	spin_unlock_irqrestore(&slab_lock, flags);
	kmem_cache_free(kmem_cache_cache, c);
}

static void *slab_obj(struct page *slab, unsigned int i, const struct kmem_cache *c)
{
	return (char *)page_address(slab) + i * c->size;
}

static void **freeptr(const struct kmem_cache *c, void *obj)
{
	return (void **)((char *)obj + c->offset);
}

/* Does @c keep a free tag in the second word of its free objects? */
static bool has_free_tag(const struct kmem_cache *c)
{
	return (c->flags & SLAB_POISON) && c->size >= 2 * sizeof(void *);
}

static unsigned long *free_tag(void *obj)
{
	return (unsigned long *)obj + 1;
}

static unsigned long free_tag_of(const void *obj)
{
	return (unsigned long)obj ^ FREE_TAG_KEY;
}

static void poison_object(const struct kmem_cache *c, void *obj)
{
	if (!(c->flags & SLAB_POISON))
		return;
	memset((char *)obj + sizeof(void *), POISON_FREE, c->size - sizeof(void *));
	if (has_free_tag(c))
		*free_tag(obj) = free_tag_of(obj);
}

static void report_poison(struct kmem_cache *c, void *obj, const unsigned char *bad)
{
	slab_poison_errors++;
	printk(KERN_ERR "BUG %s: Poison overwritten at %p (object %p, offset %ld): "
	       "written after free\n", c->name, bad, obj, (long)(bad - (unsigned char *)obj));
}

/* On allocation: the free tag and the poison behind it are intact. */
static void check_poison(struct kmem_cache *c, void *obj)
{
	unsigned char *bad;

	if (!(c->flags & SLAB_POISON))
		return;
	if (!has_free_tag(c)) {
		bad = memchr_inv((char *)obj + sizeof(void *), POISON_FREE,
				 c->size - sizeof(void *));
		if (bad)
			report_poison(c, obj, bad);
		return;
	}
	if (*free_tag(obj) != free_tag_of(obj))
		report_poison(c, obj, (unsigned char *)free_tag(obj));
	*free_tag(obj) = POISON_WORD;	/* a live object is never tagged */
	bad = memchr_inv((char *)obj + 2 * sizeof(void *), POISON_FREE,
			 c->size - 2 * sizeof(void *));
	if (bad)
		report_poison(c, obj, bad);
}

/* Builds a new slab with every object free.  NULL if no page. */
static struct page *new_slab(struct kmem_cache *c, gfp_t gfp)
{
	struct page *slab = alloc_pages(gfp & ~__GFP_ZERO, 0);
	void **prev;

	if (!slab)
		return NULL;
	SetPageSlab(slab);
	mod_vm_stat(NR_SLAB_PAGES, 1);
	slab->slab_cache = c;
	slab->inuse = 0;
	prev = &slab->freelist;
	for (unsigned int i = 0; i < c->objects; i++) {
		void *obj = slab_obj(slab, i, c);

		if (c->ctor)
			c->ctor(obj);
		poison_object(c, obj);
		*prev = obj;
		prev = freeptr(c, obj);
	}
	*prev = NULL;
	return slab;
}

static void discard_slab(struct page *slab)
{
	ClearPageSlab(slab);
	mod_vm_stat(NR_SLAB_PAGES, -1);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	atomic_set(&slab->_mapcount, -1);
	__free_pages(slab, 0);
}

/* Pops an object off a partial slab.  Caller holds c->lock. */
static void *__slab_alloc(struct kmem_cache *c)
{
	struct page *slab = list_first_entry(&c->partial, struct page, lru);
	void *obj = slab->freelist;

	slab->freelist = *freeptr(c, obj);
	if (++slab->inuse == c->objects)
		list_move(&slab->lru, &c->full);
	c->active_objs++;
	c->nr_allocs++;
	return obj;
}

static bool should_failslab(struct kmem_cache *c, gfp_t gfp)
{
	if (gfp & __GFP_NOFAIL)
		return false;
	if (!should_fail_ex(&failslab_attr, c->object_size,
			    (gfp & __GFP_NOWARN) ? FAULT_NOWARN : 0))
		return false;
	current->flags &= ~PF_NOMEM_DEFERRED;	/* not exhaustion: mm/vmscan.c */
	return true;
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags;
	struct page *slab;
	void *obj;

	if (should_failslab(c, gfp))
		goto out_fail;
	spin_lock_irqsave(&c->lock, flags);
	if (list_empty(&c->partial)) {
		spin_unlock_irqrestore(&c->lock, flags);
		slab = new_slab(c, gfp);
		if (!slab)
			goto out_fail;
		spin_lock_irqsave(&c->lock, flags);
		/* Someone may have added a slab meanwhile; two partials are fine. */
		list_add(&slab->lru, &c->partial);
		c->nr_slabs++;
	}
	obj = __slab_alloc(c);
	spin_unlock_irqrestore(&c->lock, flags);
	check_poison(c, obj);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;

out_fail:
	spin_lock_irqsave(&c->lock, flags);
	c->nr_failed++;
	spin_unlock_irqrestore(&c->lock, flags);
	return NULL;
}

/* Checks that @obj is an object boundary of a slab of @c; BUGs otherwise. */
static struct page *obj_to_slab(struct kmem_cache *c, const void *obj)
{
	struct page *slab = virt_to_page(obj);
	unsigned long off = (unsigned long)obj & ~PAGE_MASK;

	if (!PageSlab(slab) || slab->slab_cache != c || off % c->size ||
	    off / c->size >= c->objects) {
		printk(KERN_ERR "kmem_cache_free(%s): %p is not an object of this cache\n",
		       c->name, obj);
		BUG();
	}
	return slab;
}

/*
 * Under CONFIG_DEBUG_VM, before a free: is @obj free already?  A tagged
 * cache answers "no" at once for an object without its free tag (every
 * live one: allocation overwrites the tag); an object with the tag (a
 * double free, or a live object that stored that very value) is looked
 * up on the slab's free list, so the answer is exact.  Only an object
 * whose tag word was written after its free, then freed again, slips
 * past; the poison check at its next allocation reports it.  Caches
 * without a tag always walk the free list.  Caller holds c->lock.
 */
static bool object_is_free(const struct kmem_cache *c, struct page *slab,
			   void *obj)
{
	void *p;

	if (!slab->inuse)
		return true;
	if (has_free_tag(c) && *free_tag(obj) != free_tag_of(obj))
		return false;
	for (p = slab->freelist; p; p = *freeptr(c, p))
		if (p == obj)
			return true;
	return false;
}

static void report_double_free(struct kmem_cache *c, const void *obj)
{
	slab_double_frees++;
	printk(KERN_ERR "BUG %s: double free of object %p, ignored\n", c->name, obj);
	dump_stack();
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *slab = obj_to_slab(c, obj);
	struct page *empty = NULL;
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	if (CONFIG_DEBUG_VM && object_is_free(c, slab, obj)) {
		spin_unlock_irqrestore(&c->lock, flags);
		report_double_free(c, obj);
		return;
	}
	poison_object(c, obj);
	*freeptr(c, obj) = slab->freelist;
	slab->freelist = obj;
	if (slab->inuse-- == c->objects)
		list_move(&slab->lru, &c->partial);
	if (!slab->inuse) {
		list_del(&slab->lru);
		c->nr_slabs--;
		empty = slab;
	}
	c->active_objs--;
	c->nr_frees++;
	spin_unlock_irqrestore(&c->lock, flags);
	if (empty)
		discard_slab(empty);
}

unsigned long slab_active_objects(void)
{
	struct kmem_cache *c;
	unsigned long flags, n = 0;

	spin_lock_irqsave(&slab_lock, flags);
	list_for_each_entry(c, &slab_caches, list)
		n += READ_ONCE(c->active_objs);
	spin_unlock_irqrestore(&slab_lock, flags);
	return n;
}

/*
 * /proc/slabinfo in Linux's version 2.1 format.  Every slab here is one
 * page and has no per-CPU tunables, so those columns are 1 and 0; every
 * slab holds at least one object (empty ones go back at once), so active
 * and total slabs are the same number.
 */
void slabinfo_show(struct seq_buf *m)
{
	struct kmem_cache *c;
	unsigned long flags;

	seq_printf(m, "slabinfo - version: 2.1\n"
		   "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		   "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		   "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock_irqsave(&slab_lock, flags);
	list_for_each_entry(c, &slab_caches, list) {
		unsigned long cflags, slabs, active;

		spin_lock_irqsave(&c->lock, cflags);
		slabs = c->nr_slabs;
		active = c->active_objs;
		spin_unlock_irqrestore(&c->lock, cflags);
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : "
			   "slabdata %6lu %6lu %6u\n", c->name, active, slabs * c->objects,
			   c->size, c->objects, 1, 0, 0, 0, slabs, slabs, 0);
	}
	spin_unlock_irqrestore(&slab_lock, flags);
}

unsigned long slab_pages(void)
{
	return global_page_state(NR_SLAB_PAGES);
}

void kmalloc_init(void);

void __init kmem_cache_init(void)
{
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
		    SLAB_HWCACHE_ALIGN, NULL);
	kmem_cache_cache = &kmem_cache_boot;
	cache_publish(kmem_cache_cache);
	kmalloc_init();
}

struct fault_attr failslab_attr = FAULT_ATTR_INITIALIZER("failslab");
DEFINE_FAULT_ATTR_PARAMS("failslab", failslab_attr);
