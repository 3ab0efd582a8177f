/*
 * The page cache: each inode's pages in a radix tree keyed by file offset
 * in pages (mapping->i_pages, lib/radix-tree.c), sparse, with DIRTY and
 * WRITEBACK tags for the mappings that write back.  The cache holds one
 * reference on every page it contains; page->mapping and page->index say
 * where the page belongs.  mapping->lock (IRQ-safe) covers the tree; node
 * allocations happen under it, so they are GFP_ATOMIC and may fail.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include "internal.h"


void address_space_init(struct address_space *mapping, struct inode *host)
{
	mapping->host = host;
	mapping->a_ops = NULL;
	spin_lock_init(&mapping->lock);
	INIT_RADIX_TREE(&mapping->i_pages, GFP_ATOMIC);
	mapping->nrpages = 0;
	mapping->flags = 0;
	mapping->wb_err = 0;
	INIT_LIST_HEAD(&mapping->wb_list);
	mapping->wb_seq = 0;
	spin_lock_init(&mapping->i_mmap_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
	mapping->i_mmap_writable = 0;
}

/* ---- the reverse map of a file: which VMAs map it ---- */

static struct address_space *vma_mapping(const struct vm_area_struct *vma)
{
	return vma->vm_file->f_inode->i_mapping;
}

/*
 * Whether the VMA counts in i_mmap_writable: it can write the file.
 * VM_SHARED and VM_MAYWRITE never change during a VMA's life (mprotect
 * changes only VM_READ/WRITE/EXEC), so open and close agree.
 */
static bool vma_writes_file(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == (VM_SHARED | VM_MAYWRITE);
}

static void filemap_vma_open(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);
	unsigned long flags;

	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_add_tail(&vma->vm_shared, &mapping->i_mmap);
	if (vma_writes_file(vma))
		mapping->i_mmap_writable++;
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
}

static void filemap_vma_close(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);
	unsigned long flags;

	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_del(&vma->vm_shared);
	if (vma_writes_file(vma))
		mapping->i_mmap_writable--;
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
}

/*
 * Every mapping of the file loses its PTEs for pages [first, last], so
 * that the next access faults.  @even_cows: private copies go too
 * (truncation: past the end there is nothing to copy); otherwise only
 * the page-cache pages are unmapped (a punched hole).  Runs without the
 * VMAs' mmap_locks: on one CPU with a non-preemptible kernel nothing else
 * runs during the zap (it never sleeps); SMP will need each mm's
 * page-table lock here.
 */
static void unmap_mapping_pages(struct address_space *mapping, pgoff_t first, pgoff_t last,
				bool even_cows)
{
	struct vm_area_struct *vma;
	unsigned long flags;

	spin_lock_irqsave(&mapping->i_mmap_lock, flags);
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		pgoff_t vfirst = vma->vm_pgoff, vlast = vma->vm_pgoff + vma_pages(vma) - 1;
		unsigned long start, end;

		if (first > vlast || last < vfirst)
			continue;
		start = vma->vm_start + ((max(first, vfirst) - vfirst) << PAGE_SHIFT);
		end = vma->vm_start + ((min(last, vlast) - vfirst + 1) << PAGE_SHIFT);
		if (even_cows)
			zap_page_range(vma, start, end);
		else
			zap_mapping_pages(vma, start, end, mapping);
	}
	spin_unlock_irqrestore(&mapping->i_mmap_lock, flags);
}

/* Truncation: every page from @first on (SIGBUS at the next touch). */
static void unmap_mapping_from(struct address_space *mapping, pgoff_t first)
{
	unmap_mapping_pages(mapping, first, ULONG_MAX, true);
}

/* The cache's page at @index with a reference, or NULL.  Inline in the fault path (filemap_fault). */
static __always_inline struct page *__find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page;
	unsigned long flags;

	spin_lock_irqsave(&mapping->lock, flags);
	page = radix_tree_lookup(&mapping->i_pages, index);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&mapping->lock, flags);
	return page;
}

struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	return __find_get_page(mapping, index);
}


/*
 * The counts of the cache's pages: the mapping's, its file system's and
 * the global NR_FILE_PAGES (NR_SHMEM too for a shmem object).  A page is
 * counted exactly while it sits in mapping->i_pages with ->mapping set.
 * Caller holds mapping->lock.
 */
static void page_cache_account(struct address_space *mapping, int pages)
{
	mapping->nrpages += pages;
	mapping->host->i_sb->s_nr_pages += pages;
	mod_vm_stat(NR_FILE_PAGES, pages);
	if (mapping_is_shmem(mapping))
		mod_vm_stat(NR_SHMEM, pages);
}

/*
 * Takes the page at @index out of the cache and returns it with the
 * cache's reference, now the caller's to drop; NULL if there is none.
 * Caller holds mapping->lock.
 */
static struct page *__page_cache_remove(struct address_space *mapping, pgoff_t index)
{
	struct page *page = radix_tree_lookup(&mapping->i_pages, index);

	if (!page)
		return NULL;
	__page_cache_cancel_dirty(mapping, page);	/* untags while the slot is there */
	VM_BUG_ON(radix_tree_tag_get(&mapping->i_pages, index, PAGECACHE_TAG_WRITEBACK));
	radix_tree_delete(&mapping->i_pages, index);
	page->mapping = NULL;
	page_cache_account(mapping, -1);
	return page;
}

/*
 * Inserts @page (the cache takes its own reference).  0, -EEXIST, -EFBIG,
 * -ENOMEM, or -ENOSPC when the file system's page limit (tmpfs size=)
 * is reached.
 */
int add_to_page_cache(struct address_space *mapping, struct page *page, pgoff_t index)
{
	unsigned long flags;
	int err;

	if (!mapping->a_ops && index >= (MAX_FILE_SIZE >> PAGE_SHIFT))
		return -EFBIG;			/* a RAM file's limit; others have s_maxbytes */
	spin_lock_irqsave(&mapping->lock, flags);
	if (sb_pages_full(mapping->host->i_sb)) {
		err = -ENOSPC;
	} else {
		err = radix_tree_insert(&mapping->i_pages, index, page);
		if (!err) {
			get_page(page);
			page->mapping = mapping;
			page->index = index;
			page_cache_account(mapping, 1);
			lru_cache_add(page);	/* inactive, or unevictable for ramfs (mm/swap.c) */
		}
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
	return err;
}

/*
 * A new page for @index (allocated with @gfp), inserted: zeroed, and
 * uptodate for a mapping that has nothing to read it from; locked if
 * @locked.  The page, a page another task inserted first (referenced,
 * not locked: NULL is returned then and the caller looks again), or
 * ERR_PTR.
 */
static struct page *page_cache_add_new(struct address_space *mapping, pgoff_t index,
				       bool locked, gfp_t gfp)
{
	struct page *page = alloc_page(gfp | __GFP_ZERO);
	int err;

	if (!page)
		return ERR_PTR(-ENOMEM);
	if (!mapping->a_ops || !mapping->a_ops->readpage)
		SetPageUptodate(page);
	if (locked)
		SetPageLocked(page);	/* nobody else can see it yet */
	err = add_to_page_cache(mapping, page, index);
	if (!err)
		return page;		/* our reference is the caller's */
	if (locked)
		ClearPageLocked(page);	/* before the page goes back */
	put_page(page);
	return err == -EEXIST ? NULL : ERR_PTR(err);
}

static struct page *find_or_create_page_gfp(struct address_space *mapping, pgoff_t index,
					    gfp_t gfp)
{
	for (;;) {
		struct page *page = find_get_page(mapping, index);

		if (page)
			return page;
		page = page_cache_add_new(mapping, index, false, gfp);
		if (page)
			return page;
	}
}

struct page *find_or_create_page(struct address_space *mapping, pgoff_t index)
{
	return find_or_create_page_gfp(mapping, index, GFP_KERNEL);
}

struct page *find_lock_page(struct address_space *mapping, pgoff_t index)
{
	for (;;) {
		struct page *page = find_get_page(mapping, index);

		if (!page)
			return NULL;
		lock_page(page);
		if (page->mapping == mapping && page->index == index)
			return page;
		unlock_page(page);		/* truncated while we slept */
		put_page(page);
	}
}

struct page *find_or_create_page_locked(struct address_space *mapping, pgoff_t index)
{
	for (;;) {
		struct page *page = find_lock_page(mapping, index);

		if (page)
			return page;
		page = page_cache_add_new(mapping, index, true, GFP_KERNEL);
		if (page)
			return page;
	}
}

/* Page locked: it leaves the cache and every count; the cache's reference goes. */
void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	VM_BUG_ON(!PageLocked(page));
	if (!mapping)
		return;
	spin_lock_irqsave(&mapping->lock, flags);
	page = __page_cache_remove(mapping, page->index);
	spin_unlock_irqrestore(&mapping->lock, flags);
	if (page)
		put_page(page);
}

/*
 * Reclaim's and drop_caches' way out of the cache (mm/vmscan.c): @page,
 * locked by the caller, who holds one reference of its own, leaves
 * @mapping if it is still there, clean, not under writeback, mapped by
 * nobody and referenced by nobody else.  True if it left; the cache's
 * reference is then dropped (the caller's is the last).
 */
bool remove_clean_page(struct address_space *mapping, struct page *page)
{
	struct page *gone = NULL;
	unsigned long flags;

	VM_BUG_ON(!PageLocked(page));
	spin_lock_irqsave(&mapping->lock, flags);
	if (page->mapping == mapping && page_count(page) == 2 && !page_mapcount(page) &&
	    !PageDirty(page) && !PageWriteback(page))
		gone = __page_cache_remove(mapping, page->index);
	spin_unlock_irqrestore(&mapping->lock, flags);
	if (gone)
		put_page(gone);
	return gone != NULL;
}

unsigned int find_get_pages_tag(struct address_space *mapping, pgoff_t *start, pgoff_t end,
				int tag, unsigned int nr, struct page **pages)
{
	unsigned long indices[16], flags;
	unsigned int n, i;

	nr = min_t(unsigned int, nr, ARRAY_SIZE(indices));
	if (*start > end)
		return 0;
	spin_lock_irqsave(&mapping->lock, flags);
	if (tag < 0)
		n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, indices, *start, nr);
	else
		n = radix_tree_gang_lookup_tag(&mapping->i_pages, (void **)pages, indices,
					       *start, nr, tag);
	for (i = 0; i < n && indices[i] <= end; i++)
		get_page(pages[i]);
	spin_unlock_irqrestore(&mapping->lock, flags);
	if (i)
		*start = indices[i - 1] + 1;	/* 0 after ULONG_MAX: the caller stops */
	return i;
}

bool mapping_tagged(struct address_space *mapping, int tag)
{
	return radix_tree_tagged(&mapping->i_pages, tag);
}

/*
 * Page locked and in the cache, !uptodate: reads it through readpage and
 * waits.  Returns the page (still referenced) uptodate, or ERR_PTR with
 * the reference dropped: -EIO if the read failed.
 */
static struct page *read_page_locked(struct address_space *mapping, struct page *page,
				     struct file *file)
{
	int err;

	ClearPageError(page);
	err = mapping->a_ops->readpage(file, page);
	if (!err) {
		wait_on_page_locked(page);
		if (!PageUptodate(page))
			err = -EIO;
	}
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

/* read_mapping_page, a missing page allocated with @gfp (only the page: not its I/O). */
static struct page *read_mapping_page_gfp(struct address_space *mapping, pgoff_t index,
					  struct file *file, gfp_t gfp)
{
	if (!mapping->a_ops || !mapping->a_ops->readpage)
		return find_or_create_page_gfp(mapping, index, gfp);
	for (;;) {
		struct page *page = find_get_page(mapping, index);

		if (!page) {
			page = page_cache_add_new(mapping, index, true, gfp);
			if (!page)
				continue;	/* lost a race: look again */
			if (IS_ERR(page))
				return page;
			return read_page_locked(mapping, page, file);
		}
		if (PageUptodate(page))
			return page;
		lock_page(page);
		if (!page->mapping) {		/* truncated meanwhile */
			unlock_page(page);
			put_page(page);
			continue;
		}
		if (PageUptodate(page)) {
			unlock_page(page);
			return page;
		}
		return read_page_locked(mapping, page, file);
	}
}

struct page *read_mapping_page(struct address_space *mapping, pgoff_t index, struct file *file)
{
	return read_mapping_page_gfp(mapping, index, file, GFP_KERNEL);
}

/*
 * Drops the cache's pages [first, last], visiting only the present ones.
 * Each is locked and its writeback waited for first, so no I/O is in
 * flight on a page that leaves (for a RAM file system neither ever waits).
 */
static void truncate_pages_range(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	struct page *pages[16];
	unsigned int n;

	while ((n = find_get_pages_tag(mapping, &first, last, -1, ARRAY_SIZE(pages), pages))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = pages[i];

			lock_page(page);
			wait_on_page_writeback(page);
			if (page->mapping == mapping)
				delete_from_page_cache(page);
			unlock_page(page);
			put_page(page);
		}
		if (!first)		/* wrapped past ULONG_MAX */
			break;
	}
}

static void truncate_pages_from(struct address_space *mapping, pgoff_t first)
{
	truncate_pages_range(mapping, first, ULONG_MAX);
}

/* Drops every page from the cache (the inode is going away). */
void truncate_inode_pages(struct address_space *mapping)
{
	truncate_pages_from(mapping, 0);
}

/*
 * ->fault of file VMAs: the page-cache page (read through readpage on a
 * miss), or SIGBUS past the end of the file, when the read fails, or
 * when a full tmpfs has no page to give (as Linux).  The page itself is
 * allocated as the anonymous fault's is (__GFP_NOWARN: short of memory
 * the allocator defers, the fault drops its mmap_lock, reclaims -- now
 * this process's own mapped pages too -- and runs again, mm/vmscan.c
 * fault_nomem_retry); the I/O on the way (bios, metadata) does not defer.
 */
static vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	struct page *page;

	if ((loff_t)vmf->pgoff << PAGE_SHIFT >= inode->i_size)
		return VM_FAULT_SIGBUS;
	if (inode->i_mapping->a_ops && inode->i_mapping->a_ops->readpage) {
		/* an unreadable page is SIGBUS (BUS_ADRERR), as Linux */
		page = read_mapping_page_gfp(inode->i_mapping, vmf->pgoff, vmf->vma->vm_file, gfp);
		if (IS_ERR(page))
			return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
		vmf->page = page;
		return 0;
	}
	page = __find_get_page(inode->i_mapping, vmf->pgoff);	/* the usual case, inline */
	if (!page)
		page = find_or_create_page_gfp(inode->i_mapping, vmf->pgoff, gfp);
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	SetPageUptodate(page);		/* a page fallocate made is data from now on */
	vmf->page = page;
	return 0;
}

/*
 * ->map_pages (fault-around, mm/fault_around.c): maps the pages of
 * [vmf->pgoff, @last] below the end of the file that sit in the cache
 * uptodate and unlocked, where their PTE is empty.  A page missing, being
 * read or fallocate's not-yet-data page is left for its own fault: no I/O
 * starts here and nothing sleeps.  A locked page may be leaving the cache
 * (truncation locks each page before it deletes it), so it is skipped;
 * one that is unlocked and still in the cache is as good as the one
 * filemap_fault would map.  mmap_lock held; set_file_ptes_around() takes
 * no lock and never sleeps, so it runs under mapping->lock.
 */
static void filemap_map_pages(struct vm_fault *vmf, pgoff_t last)
{
	struct address_space *mapping = vmf->vma->vm_file->f_inode->i_mapping;
	loff_t size = mapping->host->i_size;
	unsigned long indices[16], flags;
	struct page *pages[16];
	pgoff_t next = vmf->pgoff;

	if (size <= 0)
		return;
	last = min_t(pgoff_t, last, (size - 1) >> PAGE_SHIFT);	/* the last page with data */
	/*
	 * Under the cache's lock no page can leave it, so the lookup takes
	 * no references of its own: each page mapped gets the mapping's.
	 */
	spin_lock_irqsave(&mapping->lock, flags);
	while (next <= last) {
		unsigned int n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages,
							indices, next,
							min_t(pgoff_t, 16, last - next + 1));
		while (n && indices[n - 1] > last)
			n--;			/* the lookup skips holes: it may pass @last */
		set_file_ptes_around(vmf->vma, vmf->pte, vmf->pgoff, pages, indices, n);
		if (n < ARRAY_SIZE(pages) || indices[n - 1] >= last)
			break;
		next = indices[n - 1] + 1;
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.map_pages = filemap_map_pages,
	.open = filemap_vma_open,
	.close = filemap_vma_close,
};

int generic_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &generic_file_vm_ops;
	filemap_vma_open(vma);
	return 0;
}

/*
 * Sets the file's size.  Shrinking unmaps and lets the cache go of every
 * page wholly past the new end (a mapping that touches one later gets
 * SIGBUS) and zeroes the rest of the last one, so that growing again
 * reads zeros.  0 or -EFBIG.
 */
int truncate_setsize(struct inode *inode, loff_t size)
{
	struct address_space *mapping = inode->i_mapping;
	pgoff_t first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (!mapping->a_ops && size > MAX_FILE_SIZE)
		return -EFBIG;			/* a disk file system checks its own limit */
	if (size < inode->i_size) {
		unmap_mapping_from(mapping, first);
		truncate_pages_from(mapping, first);
		if (size & ~PAGE_MASK) {
			struct page *page = find_get_page(mapping, size >> PAGE_SHIFT);

			if (page) {
				memset((char *)page_address(page) + (size & ~PAGE_MASK), 0,
				       PAGE_SIZE - (size & ~PAGE_MASK));
				if (mapping_can_writeback(mapping))
					set_page_dirty(page);	/* the zeros go to the store too */
				put_page(page);
			}
		}
	}
	inode->i_size = size;
	inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
	return 0;
}

/* Cuts the file to zero length (O_TRUNC). */
void truncate_to_zero(struct inode *inode)
{
	truncate_setsize(inode, 0);
}

/* Zeroes [from, to) of the cache's page @index, if it has one. */
static void zero_page_part(struct address_space *mapping, pgoff_t index, size_t from,
			   size_t to)
{
	struct page *page = find_get_page(mapping, index);

	if (page) {
		memset((char *)page_address(page) + from, 0, to - from);
		set_page_dirty(page);
		put_page(page);
	}
}

/*
 * FALLOC_FL_PUNCH_HOLE: bytes [start, end) read as zeros afterwards.
 * Pages wholly inside leave the cache (freed once no mapping holds them)
 * and are unmapped from every mapping first, so the next touch faults in
 * a new zero page; the partial pages at the edges are zeroed in place
 * (mappings see that at once).  Private copies made before stay.
 */
void truncate_pagecache_range(struct inode *inode, loff_t start, loff_t end)
{
	struct address_space *mapping = inode->i_mapping;
	pgoff_t first = (start + PAGE_SIZE - 1) >> PAGE_SHIFT, stop = end >> PAGE_SHIFT;

	if (start >= end)
		return;
	if ((start >> PAGE_SHIFT) == ((end - 1) >> PAGE_SHIFT) && (start & ~PAGE_MASK)) {
		zero_page_part(mapping, start >> PAGE_SHIFT, start & ~PAGE_MASK,
			       ((end - 1) & ~PAGE_MASK) + 1);
		return;
	}
	if (start & ~PAGE_MASK)
		zero_page_part(mapping, start >> PAGE_SHIFT, start & ~PAGE_MASK, PAGE_SIZE);
	if (end & ~PAGE_MASK) {
		if ((end >> PAGE_SHIFT) >= first)
			zero_page_part(mapping, end >> PAGE_SHIFT, 0, end & ~PAGE_MASK);
	}
	if (stop > first) {
		unmap_mapping_pages(mapping, first, stop - 1, false);
		truncate_pages_range(mapping, first, stop - 1);
	}
	inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
}

/*
 * lseek SEEK_DATA/SEEK_HOLE: an uptodate page in the cache is data; a
 * missing one, or one fallocate made that nobody wrote yet, is a hole;
 * the end of the file is a hole.  The offset found, or -ENXIO
 * when @start is at or past the end (or no data follows it).
 */
loff_t page_cache_seek_hole_data(struct inode *inode, loff_t start, int whence)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t size = inode->i_size, pos = start;

	if (start < 0 || start >= size)
		return -ENXIO;
	while (pos < size) {
		struct page *page = find_get_page(mapping, pos >> PAGE_SHIFT);
		bool data = page && PageUptodate(page);

		if (page)
			put_page(page);
		if (data == (whence == SEEK_DATA))
			return pos;
		pos = ((pos >> PAGE_SHIFT) + 1) << PAGE_SHIFT;
	}
	return whence == SEEK_DATA ? -ENXIO : size;
}
