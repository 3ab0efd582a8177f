/*
 * The swap cache: pages by swap entry, so that a page swapped out of
 * several mms (a parent and its COW children) is read back once and
 * mapped by all, and so that a page being written out can still be
 * found.  A cache page is PG_swapcache (and PG_anon), page->private is
 * its entry, the cache holds one reference; the slot's swap_map has
 * SWAP_HAS_CACHE.  Rules in linux-ish/swap.h, story in
 * Documentation/mm/swap.md.
 *
 * Locking: swap_cache_lock (a spinlock, never taken from interrupts)
 * covers the index and swap_cache_pages; PG_locked covers a page's I/O
 * and its leaving the cache.  A spinlock, not a mutex: reclaim that may
 * sleep takes it, and an allocation made under it (a radix-tree node)
 * must not wait for that reclaim (it reclaims without sleeping instead).
 * The node allocation dips into the atomic reserve rather than fail.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/radix-tree.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/swap.h>

static DEFINE_SPINLOCK(swap_cache_lock);
/* Nodes __GFP_NOWARN: a swap-in (a fault) that cannot insert is deferred and retried. */
static struct radix_tree_root swap_cache = RADIX_TREE_INIT(GFP_KERNEL | __GFP_NOWARN);
unsigned long swap_cache_pages;
unsigned long pswpin, pswpout;

/* Neighbouring slots get neighbouring keys (the entry's bits would scatter them). */
static unsigned long cache_key(swp_entry_t entry)
{
	return ((unsigned long)swp_type(entry) << __SWP_OFFSET_BITS) | swp_offset(entry);
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct page *page;

	spin_lock(&swap_cache_lock);
	page = radix_tree_lookup(&swap_cache, cache_key(entry));
	if (page)
		get_page(page);
	spin_unlock(&swap_cache_lock);
	return page;
}

/*
 * @page (anonymous, not in the cache) enters it for @entry, whose
 * SWAP_HAS_CACHE the caller set.  0 or -ENOMEM / -EEXIST (nothing changed).
 */
int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	int err;

	spin_lock(&swap_cache_lock);
	err = radix_tree_insert(&swap_cache, cache_key(entry), page);
	if (!err) {
		get_page(page);
		page->private = entry.val;
		SetPageSwapCache(page);
		swap_cache_pages++;
	}
	spin_unlock(&swap_cache_lock);
	return err;
}

/* @page (locked, in the cache) leaves it: the slot loses SWAP_HAS_CACHE, the page a reference. */
void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };

	spin_lock(&swap_cache_lock);
	radix_tree_delete(&swap_cache, cache_key(entry));
	ClearPageSwapCache(page);
	page->private = 0;
	swap_cache_pages--;
	spin_unlock(&swap_cache_lock);
	swap_clear_cache_bit(entry);
	put_page(page);
}

/*
 * @page (locked): if no swap PTE names its slot any more, it leaves the
 * cache.  True if so.  A write to the slot in flight (reclaim's) ends
 * first: the slot could otherwise be handed out and written again before
 * that write lands, and a page left behind would keep the slot until
 * the next reclaim.  Process context (the fault, the zap).
 */
bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page))
		return false;
	wait_on_page_writeback(page);
	if (swap_count((swp_entry_t){ page->private }))
		return false;
	delete_from_swap_cache(page);
	return true;
}

/* A fresh slot for @page (anonymous, locked or unreachable): in the cache for it.  0, -ENOSPC, -ENOMEM. */
int add_to_swap(struct page *page)
{
	swp_entry_t entry = get_swap_page();
	int err;

	if (!entry.val)
		return -ENOSPC;
	err = add_to_swap_cache(page, entry);
	if (err) {
		swap_clear_cache_bit(entry);
		return -ENOMEM;
	}
	SetPageUptodate(page);		/* its data is good (a fault may map it) */
	return 0;
}

/*
 * A locked page for @entry, in the cache and being read (the read
 * unlocks it), or NULL: the slot is free (a stale entry), cached by
 * someone else already, or no memory.  *@found says the second case.
 */
static struct page *swapin_start(swp_entry_t entry, bool *found)
{
	struct page *page;

	*found = false;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page)
		return NULL;
	page_set_anon(page);
	if (!swap_set_cache_bit(entry)) {
		put_page(page);
		*found = true;
		return NULL;
	}
	SetPageLocked(page);
	if (add_to_swap_cache(page, entry)) {
		swap_clear_cache_bit(entry);
		ClearPageLocked(page);
		put_page(page);
		return NULL;
	}
	/*
	 * On the LRU from now on, with no anon_vma until a fault maps it:
	 * a readahead page nobody maps is clean swap cache that reclaim
	 * drops, so readahead never pins memory.
	 */
	lru_cache_add(page);
	if (swap_readpage(page)) {
		/* No I/O started: the page is not uptodate, the fault's caller sees that. */
		unlock_page(page);
	}
	return page;
}

/*
 * The page for swap entry @entry, referenced (and possibly still
 * locked by its read), or NULL (no memory).  Reads it, and the slots of
 * its aligned window of SWAP_RA_PAGES that are in use and not cached,
 * in one plug (swap readahead: what was swapped out together tends to
 * come back together).  *@major: this call started the read.
 */
struct page *swapin_readahead(swp_entry_t entry, bool *major)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long off = swp_offset(entry), first, last;
	struct page *page = NULL;
	struct blk_plug plug;
	bool found;

	*major = false;
	if (!si)
		return NULL;
	first = max(off & ~(SWAP_RA_PAGES - 1UL), 1UL);
	last = min((off | (SWAP_RA_PAGES - 1UL)) + 1, si->max);
	blk_start_plug(&plug);
	for (unsigned long o = first; o < last; o++) {
		swp_entry_t e = swp_entry(swp_type(entry), o);
		struct page *p;

		if (o != off && !swap_count(e))
			continue;
		p = swapin_start(e, &found);
		if (o == off) {
			page = p;
			*major = p != NULL;
		} else if (p) {
			put_page(p);	/* the cache keeps it */
		}
	}
	blk_finish_plug(&plug);
	if (!page)
		page = lookup_swap_cache(entry);	/* found, or a read of ours that failed */
	return page;
}
