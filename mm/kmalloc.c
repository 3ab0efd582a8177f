/*
 * kmalloc: power-of-two caches from 8 bytes to one page, and whole
 * page blocks (order >= 1) above that.  kfree() tells the two apart by
 * PG_slab on the object's page; a large block's order sits in its head
 * page (PG_head), so kfree() needs no size.  kmalloc_page() hands out
 * such a block of order 0.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>

#define KMALLOC_SHIFT_LOW	CONFIG_NR_KMALLOC_MIN
#define KMALLOC_SHIFT_HIGH	PAGE_SHIFT
#define NR_KMALLOC_CACHES	(KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1)

static struct kmem_cache *kmalloc_caches[NR_KMALLOC_CACHES];
static const char *const kmalloc_names[NR_KMALLOC_CACHES] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
};

/* Index of the smallest cache that holds @size (size <= PAGE_SIZE). */
static unsigned int kmalloc_index(size_t size)
{
	unsigned int shift = KMALLOC_SHIFT_LOW;

	while ((1UL << shift) < size)
		shift++;
	return shift - KMALLOC_SHIFT_LOW;
}

static unsigned int size_to_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* A block of 2^@order pages, marked and counted as kmalloc's; NULL if none. */
static void *kmalloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	if (!page)
		return NULL;
	SetPageLargeKmalloc(page);
	mod_vm_stat(NR_KMALLOC_PAGES, 1 << page->private);
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size <= PAGE_SIZE)
		return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
	if (size > (1UL << KMALLOC_SHIFT_MAX))
		return NULL;
	return kmalloc_pages(gfp, size_to_order(size));
}

void *kmalloc_page(gfp_t gfp)
{
	return kmalloc_pages(gfp, 0);
}

void kfree(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj))
		return;
	page = virt_to_page(obj);
	if (PageSlab(page)) {
		kmem_cache_free(page->slab_cache, (void *)obj);
		return;
	}
	if (WARN_ON((unsigned long)obj & ~PAGE_MASK) || WARN_ON(!PageLargeKmalloc(page)))
		return;		/* not something kmalloc returned */
	ClearPageLargeKmalloc(page);
	mod_vm_stat(NR_KMALLOC_PAGES, -(1 << page->private));
	__free_pages(page, page->private);
}

void __init kmalloc_init(void);
void __init kmalloc_init(void)
{
	BUILD_BUG_ON(ARRAY_SIZE(kmalloc_names) != NR_KMALLOC_CACHES);
	for (unsigned int i = 0; i < NR_KMALLOC_CACHES; i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i],
						      1U << (i + KMALLOC_SHIFT_LOW),
						      0, SLAB_PANIC, NULL);
}
