/*
 * Sleeping on a page: the page lock (PG_locked) and the end of writeback
 * (PG_writeback).  struct page has no room for a wait queue, so waiters
 * sleep on one of PAGE_WAIT_TABLE_SIZE queues chosen by hashing the page's
 * address (as Linux); a wake-up wakes everyone on that queue and each
 * rechecks its own page's bit.  The bit is always changed before the
 * wake-up and tested after prepare_to_wait, so no wake-up is lost.
 *
 * unlock_page() and end_page_writeback() may run in interrupt context
 * (an I/O completion): they never sleep.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/wait.h>
#include "internal.h"

#define PAGE_WAIT_TABLE_BITS	6
#define PAGE_WAIT_TABLE_SIZE	(1 << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head page_wait_table[PAGE_WAIT_TABLE_SIZE];

void __init page_wait_table_init(void)
{
	for (int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&page_wait_table[i]);
}

/* The queue of @page: the frame number, multiplicatively hashed. */
static struct wait_queue_head *page_waitqueue(const struct page *page)
{
	u32 h = (u32)page_to_pfn(page) * 0x9e370001u;

	return &page_wait_table[h >> (32 - PAGE_WAIT_TABLE_BITS)];
}

bool trylock_page(struct page *page)
{
	return !TestSetPageLocked(page);
}

/*
 * Wakes @page's queue if anyone sleeps there.  The bit was changed
 * before (a locked instruction: a full barrier on x86), and a sleeper
 * is on the queue before it tests the bit, so an empty queue here means
 * nobody can miss the change.
 */
static void wake_up_page(struct page *page)
{
	struct wait_queue_head *wq = page_waitqueue(page);

	if (waitqueue_active(wq))
		wake_up(wq);
}

void lock_page(struct page *page)
{
	if (!trylock_page(page))
		wait_event(*page_waitqueue(page), trylock_page(page));
}

int lock_page_killable(struct page *page)
{
	if (trylock_page(page))
		return 0;
	return wait_event_killable(*page_waitqueue(page), trylock_page(page));
}

void unlock_page(struct page *page)
{
	VM_BUG_ON(!PageLocked(page));
	ClearPageLocked(page);
	wake_up_page(page);
}

void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_event(*page_waitqueue(page), !PageLocked(page));
}

void wait_on_page_writeback(struct page *page)
{
	if (PageWriteback(page))
		wait_event(*page_waitqueue(page), !PageWriteback(page));
}

/*
 * Page locked (writepage calls it before unlocking): the page is on its
 * way to the store.  Tags it WRITEBACK and counts it.
 */
void set_page_writeback(struct page *page)
{
	struct address_space *mapping = PageAnon(page) ? NULL : page->mapping;
	unsigned long flags;

	VM_BUG_ON(!PageLocked(page));
	if (TestSetPageWriteback(page))
		return;
	mod_vm_stat(NR_WRITEBACK, 1);
	if (!mapping)
		return;
	spin_lock_irqsave(&mapping->lock, flags);
	if (page->mapping == mapping)
		__mapping_tag(mapping, page->index, PAGECACHE_TAG_WRITEBACK);
	spin_unlock_irqrestore(&mapping->lock, flags);
}

/* The write finished (maybe from an interrupt): untag, uncount, wake waiters. */
void end_page_writeback(struct page *page)
{
	struct address_space *mapping = PageAnon(page) ? NULL : page->mapping;

	if (!TestClearPageWriteback(page)) {
		WARN_ON(1);
		return;
	}
	if (mapping) {
		unsigned long flags;

		spin_lock_irqsave(&mapping->lock, flags);
		if (page->mapping == mapping)
			__mapping_untag(mapping, page->index, PAGECACHE_TAG_WRITEBACK);
		spin_unlock_irqrestore(&mapping->lock, flags);
	}
	mod_vm_stat(NR_WRITEBACK, -1);
	mod_vm_stat(NR_WRITTEN, 1);
	wake_up_page(page);
	reclaim_writeback_done();	/* a reclaimer may wait for it (mm/reclaim_throttle.c) */
}
