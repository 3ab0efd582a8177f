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

struct page_census {
	unsigned long pages[NR_PAGE_KINDS];	/* frames of each kind */
	unsigned long shmem;			/* of pages[PK_FILE] */
	unsigned long counted_free;		/* nr_free_pages() at the census */
	struct page *first_unowned;
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
