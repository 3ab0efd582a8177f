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
#include <linux-ish/pagemap.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>


void address_space_init(struct address_space *mapping, struct inode *host)
{
	mapping->host = host;
	mapping->a_ops = NULL;
	spin_lock_init(&mapping->lock);
	INIT_RADIX_TREE(&mapping->i_pages, GFP_ATOMIC);
	mapping->nrpages = 0;
	mapping->flags = 0;
	mapping->wb_err = 0;
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

struct page *find_get_page(struct address_space *mapping, pgoff_t index)
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
	struct page *page = radix_tree_delete(&mapping->i_pages, index);

	if (!page)
		return NULL;
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

	if (index >= (MAX_FILE_SIZE >> PAGE_SHIFT))
		return -EFBIG;
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
		}
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
	return err;
}

struct page *find_or_create_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page = find_get_page(mapping, index);
	int err;

	if (page)
		return page;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return ERR_PTR(-ENOMEM);
	SetPageUptodate(page);
	err = add_to_page_cache(mapping, page, index);
	if (err == -EEXIST) {			/* lost a race: use the winner */
		put_page(page);
		page = find_get_page(mapping, index);
		return page ? page : ERR_PTR(-ENOMEM);
	}
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

/* Drops the cache's pages [first, last], visiting only the present ones. */
static void truncate_pages_range(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	for (;;) {
		unsigned long flags, index;
		struct page *page = NULL;

		spin_lock_irqsave(&mapping->lock, flags);
		if (radix_tree_gang_lookup(&mapping->i_pages, (void **)&page, &index, first, 1) &&
		    index <= last)
			page = __page_cache_remove(mapping, index);
		else
			page = NULL;
		spin_unlock_irqrestore(&mapping->lock, flags);
		if (!page)
			return;
		put_page(page);
		if (index == last)
			return;
		first = index + 1;
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

/* read(): copies from the cache; holes read as zeros. */
ssize_t generic_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	size_t done = 0;

	if (*pos >= inode->i_size)
		return 0;
	count = min_t(loff_t, count, inode->i_size - *pos);
	while (done < count) {
		pgoff_t index = (*pos + done) >> PAGE_SHIFT;
		size_t off = (*pos + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = find_get_page(inode->i_mapping, index);
		unsigned long left;

		if (page) {
			left = copy_to_user(buf + done, (char *)page_address(page) + off, n);
			put_page(page);
		} else {
			left = clear_user(buf + done, n);
		}
		done += n - left;
		if (left)
			break;
	}
	if (!done && count)
		return -EFAULT;
	*pos += done;
	return done;
}

/*
 * ->fault of file VMAs: the page-cache page, or SIGBUS past the end of
 * the file or when a full tmpfs has no page to give (as Linux).
 */
static vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = vmf->vma->vm_file->f_inode;
	struct page *page;

	if ((loff_t)vmf->pgoff << PAGE_SHIFT >= inode->i_size)
		return VM_FAULT_SIGBUS;
	page = find_or_create_page(inode->i_mapping, vmf->pgoff);
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	SetPageUptodate(page);		/* a page fallocate made is data from now on */
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
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
 * write(): copies into the cache, creating pages as needed, and moves the
 * end of file.  O_APPEND writes at the end whatever the position.
 */
ssize_t generic_file_write(struct file *f, const char __user *buf, size_t count,
			   loff_t *pos)
{
	struct inode *inode = f->f_inode;
	loff_t start = (f->f_flags & O_APPEND) ? inode->i_size : *pos;
	ssize_t err = -EFAULT;
	size_t done = 0;

	if (start >= MAX_FILE_SIZE)
		return -EFBIG;
	count = min_t(loff_t, count, MAX_FILE_SIZE - start);
	while (done < count) {
		pgoff_t index = (start + done) >> PAGE_SHIFT;
		size_t off = (start + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = find_or_create_page(inode->i_mapping, index);
		unsigned long left;

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		left = copy_from_user((char *)page_address(page) + off, buf + done, n);
		SetPageUptodate(page);
		SetPageDirty(page);
		put_page(page);
		done += n - left;
		if (left)
			break;
	}
	if (!done && count)
		return err;
	if (start + (loff_t)done > inode->i_size)
		inode->i_size = start + done;
	inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
	*pos = start + done;
	return done;
}

/*
 * sendfile and copy_file_range into a RAM file: write(2) into the cache
 * from the kernel's @buf at @pos, with the memfd seals.  Bytes written,
 * or -EPERM, -EFBIG, -ENOSPC, -ENOMEM.
 */
ssize_t page_cache_write_kernel(struct inode *inode, const void *buf, size_t count, loff_t pos)
{
	size_t done = 0;
	ssize_t err = seal_check_write(inode, pos, &count);

	if (err)
		return err;
	if (pos >= MAX_FILE_SIZE)
		return -EFBIG;
	count = min_t(loff_t, count, MAX_FILE_SIZE - pos);
	while (done < count) {
		size_t off = (pos + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = find_or_create_page(inode->i_mapping, (pos + done) >> PAGE_SHIFT);

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		memcpy((char *)page_address(page) + off, (const char *)buf + done, n);
		SetPageUptodate(page);
		SetPageDirty(page);
		put_page(page);
		done += n;
	}
	if (!done && count)
		return err;
	if (pos + (loff_t)done > inode->i_size)
		inode->i_size = pos + done;
	inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
	return done;
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

	if (size > MAX_FILE_SIZE)
		return -EFBIG;
	if (size < inode->i_size) {
		unmap_mapping_from(mapping, first);
		truncate_pages_from(mapping, first);
		if (size & ~PAGE_MASK) {
			struct page *page = find_get_page(mapping, size >> PAGE_SHIFT);

			if (page) {
				memset((char *)page_address(page) + (size & ~PAGE_MASK), 0,
				       PAGE_SIZE - (size & ~PAGE_MASK));
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
		SetPageDirty(page);
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
