/*
 * Page accounting (mm/page_acct.c): the census of the coremap by owner,
 * checked against the owners' counters (linux-ish/vmstat.h).
 */
#ifndef _LINUX_ISH_PAGE_ACCT_H
#define _LINUX_ISH_PAGE_ACCT_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct page;
struct seq_buf;

enum page_kind {
	PK_FREE,
	PK_FILE,		/* shmem included */
	PK_ANON,
	PK_SLAB,
	PK_KMALLOC,
	PK_PAGETABLE,
	PK_KSTACK,
	PK_INITRD,
	PK_RESERVED,
	PK_UNOWNED,		/* in use, but no owner says so: always a bug */
	NR_PAGE_KINDS
};

/* The LRU lists (linux-ish/mm_inline.h's enum lru_list), counted by the census too. */
#define CENSUS_LRU_LISTS	5

struct page_census {
	unsigned long pages[NR_PAGE_KINDS];	/* frames of each kind */
	unsigned long shmem;			/* of pages[PK_FILE] */
	unsigned long counted_free;		/* nr_free_pages() at the census */
	struct page *first_unowned;
	unsigned long lru[CENSUS_LRU_LISTS];	/* PG_lru frames, by the list their flags name */
	unsigned long swapcache;		/* PG_swapcache frames */
	struct page *first_stray;		/* PG_lru/PG_swapcache on a frame that is not
						   anon or file (a free one, say), or NULL */
};

/* Calls @fn on each block of the coremap under the zone lock; returns nr_free_pages(). */
unsigned long coremap_walk(void (*fn)(struct page *page, unsigned long pages, void *arg),
			   void *arg);

void page_census_take(struct page_census *c);
bool page_accounting_verify(const struct page_census *c, char *why, size_t len);
bool page_accounting_ok(char *why, size_t len);
/* /sys/kernel/debug/page_accounting */
void page_accounting_show(struct seq_buf *m, void *unused);

/* page_accounting_check=N: the check after every Nth system call (0: off). */
extern unsigned long page_accounting_interval;
void __page_accounting_after_syscall(unsigned long nr, long ret);

static inline void page_accounting_after_syscall(unsigned long nr, long ret)
{
	if (unlikely(page_accounting_interval))
		__page_accounting_after_syscall(nr, ret);
}

#endif
