/*
 * The memory-management API: the coremap (mem_map), page refcounts, the
 * buddy allocator.  Reference rules:
 *   - alloc_pages() returns a block whose first page has _refcount 1.
 *   - get_page() takes another reference; put_page() drops one and frees
 *     the whole block (order remembered in the head page) at zero.
 *   - __free_pages(page, order) is put_page() with the order spelled out;
 *     the order must match the allocation.
 *   - Only the first page of a block carries a reference; the others have
 *     _refcount 0 and must not be get/put on their own.
 */
#ifndef _LINUX_ISH_MM_H
#define _LINUX_ISH_MM_H

#include <linux-ish/kernel.h>
#include <linux-ish/gfp.h>
#include <linux-ish/mm_types.h>
#include <asm/atomic.h>
#include <asm/page.h>

#define NR_PAGE_ORDERS	11		/* orders 0..10: up to 4 MiB blocks */
#define MAX_PAGE_ORDER	(NR_PAGE_ORDERS - 1)

/* Page flags (bit numbers). */
enum pageflags {
	PG_reserved,	/* never allocatable: BIOS, kernel image, mem_map */
	PG_buddy,	/* head of a free block in the buddy allocator */
	PG_slab,	/* owned by a slab cache */
	PG_head,	/* first page of an allocated block of order > 0 */
	PG_locked,
	PG_dirty,
	PG_uptodate,
	NR_PAGEFLAGS
};

#define PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
{ return p->flags & (1UL << (bit)); }					\
static inline void SetPage##name(struct page *p)			\
{ __asm__ __volatile__("lock; orl %1, %0" : "+m"(p->flags) : "ir"(1UL << (bit))); } \
static inline void ClearPage##name(struct page *p)			\
{ __asm__ __volatile__("lock; andl %1, %0" : "+m"(p->flags) : "ir"(~(1UL << (bit)))); }

PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(Head, PG_head)
PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(Uptodate, PG_uptodate)

extern struct page *mem_map;
extern struct mm_struct init_mm;
extern unsigned long max_pfn;		/* one past the last frame with a struct page */
extern unsigned long totalram_pages;	/* frames handed to the buddy allocator at boot */

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON(page_count(page) <= 0);
	atomic_inc(&page->_refcount);
}

void put_page(struct page *page);

/* Buddy allocator (mm/page_alloc.c). */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
unsigned long nr_free_pages(void);
/* Free blocks per order (for tests and /proc/buddyinfo). */
void buddy_free_counts(unsigned long counts[NR_PAGE_ORDERS]);

static inline struct page *alloc_page(gfp_t gfp)	{ return alloc_pages(gfp, 0); }
static inline void __free_page(struct page *page)	{ __free_pages(page, 0); }

/* Number of pages that a bad-page report has taken out of service. */
extern unsigned long nr_bad_pages;

void mem_init(void);
void mm_init(void);

#endif
