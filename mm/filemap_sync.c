/*
 * Writing a file's cache back and waiting for it: the calls behind
 * fsync(2), fdatasync(2), msync(MS_SYNC), sync(2) and syncfs(2).  For a
 * RAM file system (no writepage) there is nothing to write: they return
 * 0 at once.
 *
 * Errors: a failed writeback is recorded by mapping_set_error() in the
 * mapping's errseq and in AS_EIO/AS_ENOSPC.  fsync reports it through the
 * errseq, once per open file (file_check_and_advance_wb_err, as Linux
 * 4.13+); callers without a file (sync, the flusher to come) test and
 * clear the AS_ flags (filemap_check_errors).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/writeback.h>

#define LOFF_MAX	((loff_t)(~0ULL >> 1))

int __filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end,
			       enum writeback_sync_modes mode)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX,
		.sync_mode = mode,
		.range_start = start,
		.range_end = end,
	};

	if (!mapping_can_writeback(mapping))
		return 0;
	return do_writepages(mapping, &wbc);
}

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	return __filemap_fdatawrite_range(mapping, start, end, WB_SYNC_ALL);
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return filemap_fdatawrite_range(mapping, 0, LOFF_MAX);
}

/* Waits for every page of [start, end] under writeback now. */
static void __filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	pgoff_t index = start >> PAGE_SHIFT, last = range_last_index(end);
	struct page *pages[16];
	unsigned int n;

	if (start < 0 || start > end)
		return;
	while ((n = find_get_pages_tag(mapping, &index, last, PAGECACHE_TAG_WRITEBACK,
				       ARRAY_SIZE(pages), pages))) {
		for (unsigned int i = 0; i < n; i++) {
			wait_on_page_writeback(pages[i]);
			put_page(pages[i]);
		}
		if (!index)
			break;
	}
}

/* Waits for [start, end] of @mapping, then reports @file's unseen error (errseq). */
int file_fdatawait_range(struct file *file, struct address_space *mapping, loff_t start, loff_t end)
{
	if (mapping_can_writeback(mapping))
		__filemap_fdatawait_range(mapping, start, end);
	return errseq_check_and_advance(&mapping->wb_err, &file->f_wb_err);
}

int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	if (!mapping_can_writeback(mapping))
		return 0;
	__filemap_fdatawait_range(mapping, start, end);
	return filemap_check_errors(mapping);
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	int err, err2;

	if (!mapping_can_writeback(mapping))
		return 0;
	err = filemap_fdatawrite_range(mapping, start, end);
	if (err == -EIO) {		/* told now: do not tell it again */
		filemap_check_errors(mapping);
		return err;
	}
	err2 = filemap_fdatawait_range(mapping, start, end);
	return err ? err : err2;
}

int filemap_write_and_wait(struct address_space *mapping)
{
	return filemap_write_and_wait_range(mapping, 0, LOFF_MAX);
}

int file_write_and_wait_range(struct file *file, loff_t start, loff_t end)
{
	struct address_space *mapping = file->f_inode->i_mapping;
	int err = 0, err2;

	if (mapping_can_writeback(mapping)) {
		err = filemap_fdatawrite_range(mapping, start, end);
		if (err != -EIO)
			__filemap_fdatawait_range(mapping, start, end);
	}
	err2 = file_check_and_advance_wb_err(file);
	return err ? err : err2;
}

/*
 * ->fsync of a page-cache file: its data, then its inode if dirty in the
 * way @datasync cares about (->write_inode with WB_SYNC_ALL; a RAM file
 * system has none).  Block maps and bitmaps are the file system's own
 * business (its ->fsync may add sync_blockdev(sb->s_bdev)).
 */
int generic_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	int err = file_write_and_wait_range(file, start, end);
	int err2 = sync_inode_metadata(file->f_inode, datasync);

	return err ? err : err2;
}

/* A file without ->fsync (RAM files, pipes, devices) has nothing to write: 0. */
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync)
{
	if (!file->f_op || !file->f_op->fsync)
		return 0;
	return file->f_op->fsync(file, start, end, datasync);
}

int vfs_fsync(struct file *file, int datasync)
{
	return vfs_fsync_range(file, 0, LOFF_MAX, datasync);
}
