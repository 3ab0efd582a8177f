/*
 * read(2) and write(2) through the page cache.  Two kinds of mapping:
 *   - a RAM file system (a_ops NULL): the cache is the file; a missing
 *     page is a hole that reads as zeros, write creates zeroed pages
 *   - a file system with a_ops: a missing page is read by readpage (an
 *     I/O error is EIO to the caller), writes go through write_begin and
 *     write_end (generic_perform_write), which dirty the page for writeback
 * The RAM paths are kept apart so that they cost what they always did.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/mm_inline.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/writeback.h>

static bool mapping_reads(const struct address_space *mapping)
{
	return mapping->a_ops && mapping->a_ops->readpage;
}

/*
 * The page to copy from for read(): referenced and uptodate, NULL for a
 * RAM file's hole, or ERR_PTR (-EIO when the read failed).
 */
struct page *filemap_read_page(struct file *f, struct address_space *mapping, pgoff_t index)
{
	if (mapping_reads(mapping))
		return read_mapping_page(mapping, index, f);
	return find_get_page(mapping, index);
}

/* read(): copies from the cache.  Bytes read, or the error of the first page. */
ssize_t generic_file_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t err = -EFAULT;
	size_t done = 0;

	if (*pos >= inode->i_size)
		return 0;
	count = min_t(loff_t, count, inode->i_size - *pos);
	while (done < count) {
		pgoff_t index = (*pos + done) >> PAGE_SHIFT;
		size_t off = (*pos + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = filemap_read_page(f, inode->i_mapping, index);
		unsigned long left;

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		if (page) {
			left = copy_to_user(buf + done, (char *)page_address(page) + off, n);
			mark_page_accessed(page);	/* the LRU's two-touch rule (mm/swap.c) */
			put_page(page);
		} else {
			left = clear_user(buf + done, n);
		}
		done += n - left;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (!done && count)
		return err;
	*pos += done;
	return done;
}

/*
 * Touches the user pages of [ubuf, ubuf + n) (within one page) before a
 * page lock is taken, so that the copy under the lock does not fault on
 * a page of the same file (which would take the lock again).  0 or -EFAULT.
 */
static int fault_in_readable(const char __user *ubuf, size_t n)
{
	char c;

	if (get_user(c, ubuf) || get_user(c, ubuf + n - 1))
		return -EFAULT;
	return 0;
}

/*
 * Copies @count bytes at @pos into @mapping through a_ops->write_begin and
 * write_end, from kernel memory @kbuf if it is not NULL, else from user
 * memory @ubuf (which may be any value, NULL included: EFAULT).
 * write_end moves i_size.  Bytes written, or the error if none.
 */
ssize_t generic_perform_write(struct file *file, struct address_space *mapping,
			      const char __user *ubuf, const void *kbuf, size_t count, loff_t pos)
{
	const struct address_space_operations *aops = mapping->a_ops;
	ssize_t err = 0;
	size_t done = 0;

	while (done < count) {
		size_t off = (pos + done) & ~PAGE_MASK;
		unsigned int n = min_t(size_t, PAGE_SIZE - off, count - done);
		unsigned long left = 0;
		struct page *page;
		int taken;

		if (!kbuf && fault_in_readable(ubuf + done, n)) {
			err = -EFAULT;
			break;
		}
		err = aops->write_begin(file, mapping, pos + done, n, &page);
		if (err)
			break;
		if (kbuf)
			memcpy((char *)page_address(page) + off, (const char *)kbuf + done, n);
		else
			left = copy_from_user((char *)page_address(page) + off, ubuf + done, n);
		mark_page_accessed(page);
		taken = aops->write_end(file, mapping, pos + done, n, n - left, page);
		if (taken < 0) {
			err = taken;
			break;
		}
		done += taken;
		if ((unsigned int)taken < n) {
			err = -EFAULT;
			break;
		}
		balance_dirty_pages_ratelimited(mapping);
	}
	return done ? (ssize_t)done : err;
}

/* The RAM file system's write loop: pages made zeroed and uptodate, no a_ops. */
static ssize_t ram_perform_write(struct address_space *mapping, const char __user *ubuf,
				 const void *kbuf, size_t count, loff_t pos)
{
	ssize_t err = -EFAULT;
	size_t done = 0;

	while (done < count) {
		pgoff_t index = (pos + done) >> PAGE_SHIFT;
		size_t off = (pos + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = find_or_create_page(mapping, index);
		unsigned long left = 0;

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		if (kbuf)
			memcpy((char *)page_address(page) + off, (const char *)kbuf + done, n);
		else
			left = copy_from_user((char *)page_address(page) + off, ubuf + done, n);
		SetPageUptodate(page);
		SetPageDirty(page);
		mark_page_accessed(page);
		put_page(page);
		done += n - left;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (done && pos + (loff_t)done > mapping->host->i_size)
		mapping->host->i_size = pos + done;
	return done ? (ssize_t)done : err;
}

/* Either write loop, then the times.  Bytes written or -errno. */
static ssize_t file_perform_write(struct file *file, struct inode *inode,
				  const char __user *ubuf, const void *kbuf, size_t count,
				  loff_t pos)
{
	struct address_space *mapping = inode->i_mapping;
	ssize_t ret;

	if (!count)
		return 0;
	if (mapping->a_ops && mapping->a_ops->write_begin)
		ret = generic_perform_write(file, mapping, ubuf, kbuf, count, pos);
	else
		ret = ram_perform_write(mapping, ubuf, kbuf, count, pos);
	if (ret > 0)
		inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
	return ret;
}

/*
 * The largest file size: Linnet's RAM file limit, or what the page index
 * can address (Linux's MAX_LFS_FILESIZE on 32-bit) for a file system
 * with a_ops, which may check a smaller limit of its own in write_begin.
 */
static loff_t file_max_bytes(const struct inode *inode)
{
	if (!inode->i_mapping->a_ops)
		return MAX_FILE_SIZE;
	return (loff_t)ULONG_MAX << PAGE_SHIFT;
}

/*
 * write(): copies into the cache and moves the end of file.  O_APPEND
 * writes at the end whatever the position.
 */
ssize_t generic_file_write(struct file *f, const char __user *buf, size_t count,
			   loff_t *pos)
{
	struct inode *inode = f->f_inode;
	loff_t start = (f->f_flags & O_APPEND) ? inode->i_size : *pos;
	loff_t max = file_max_bytes(inode);
	ssize_t ret;

	if (IS_SWAPFILE(inode))		/* Linux's generic_write_checks */
		return -ETXTBSY;
	if (start >= max)
		return -EFBIG;
	count = min_t(loff_t, count, max - start);
	ret = file_perform_write(f, inode, buf, NULL, count, start);
	if (ret < 0)
		return ret;
	if (!count)
		inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
	*pos = start + ret;
	return ret;
}

/*
 * sendfile and copy_file_range into a page-cache file: write(2) into the
 * cache from the kernel's @buf at @pos, with the memfd seals.  Bytes
 * written, or -EPERM, -EFBIG, -ENOSPC, -ENOMEM, -EIO.
 */
ssize_t page_cache_write_kernel(struct inode *inode, const void *buf, size_t count, loff_t pos)
{
	ssize_t err = IS_SWAPFILE(inode) ? -ETXTBSY : seal_check_write(inode, pos, &count);
	loff_t max = file_max_bytes(inode);

	if (err)
		return err;
	if (pos >= max)
		return -EFBIG;
	count = min_t(loff_t, count, max - pos);
	if (!count) {
		inode->i_mtime = inode->i_ctime = ktime_get_real_seconds();
		return 0;
	}
	return file_perform_write(NULL, inode, NULL, buf, count, pos);
}

/* ---- write_begin/write_end for simple file systems ---- */

/*
 * The page for [pos, pos + len), locked.  A partial write into a page
 * that is not uptodate reads it first (readpage) so the bytes around the
 * copy are the file's; a whole-page write needs no read.  0, -ENOMEM,
 * -EIO.
 */
int simple_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
		       unsigned int len, struct page **pagep)
{
	pgoff_t index = pos >> PAGE_SHIFT;

	for (;;) {
		struct page *page = find_or_create_page_locked(mapping, index);

		if (IS_ERR(page))
			return PTR_ERR(page);
		if (PageUptodate(page) || len == PAGE_SIZE || !mapping_reads(mapping)) {
			*pagep = page;
			return 0;
		}
		ClearPageError(page);
		if (mapping->a_ops->readpage(file, page)) {
			put_page(page);
			return -EIO;
		}
		wait_on_page_locked(page);
		if (!PageUptodate(page)) {
			put_page(page);
			return -EIO;
		}
		put_page(page);		/* look again: it may have been truncated */
	}
}

/*
 * Takes @copied bytes: a page that was not uptodate becomes so only when
 * the copy covered what write_begin did not read; a short copy into such
 * a page is dropped (0 returned: the caller retries or stops).  Dirties
 * the page, moves i_size, unlocks and drops the page.
 */
int simple_write_end(struct file *file, struct address_space *mapping, loff_t pos,
		     unsigned int len, unsigned int copied, struct page *page)
{
	struct inode *inode = mapping->host;

	if (!PageUptodate(page)) {
		if (copied == len || !mapping_reads(mapping))
			SetPageUptodate(page);
		else
			copied = 0;
	}
	if (copied) {
		set_page_dirty(page);
		if (pos + copied > inode->i_size)
			inode->i_size = pos + copied;
	}
	unlock_page(page);
	put_page(page);
	return copied;
}
