/*
 * Block device files.  Each block device (a disk or a partition) has an
 * inode of its own on the internal "bdev" file system; its mapping is
 * the device's page cache, whose pages are read and written by bios
 * (blkdev_readpage/blkdev_writepage).  Opening /dev/vda (any inode with
 * i_rdev 254:0) gives a file whose read, write, llseek and fsync go
 * through that cache, so every opener of a device shares one cache.
 * O_DIRECT is refused (EINVAL): Linnet has no direct I/O.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mount.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/writeback.h>

#define BLKDEV_READAHEAD_PAGES	32	/* 128 KiB: one request at the default limits */

static const struct address_space_operations def_blk_aops;

static struct vfsmount *bdev_mnt;

static int bdevfs_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = 0x62646576;	/* BDEVFS_MAGIC, "bdev" */
	return 0;
}

static struct file_system_type bdev_fs_type = {
	.name = "bdev",
	.fill_super = bdevfs_fill_super,
};

void blk_fault_init(void);

/* Boot, in vfs_init: the bdev file system and fail_make_request's attr. */
void blk_dev_init(void)
{
	bdev_mnt = kern_mount(&bdev_fs_type);
	if (IS_ERR(bdev_mnt))
		panic("cannot mount the bdev file system");
	blk_fault_init();
}

int bdev_make_inode(struct block_device *bdev)
{
	struct inode *inode = new_inode(bdev_mnt->mnt_sb, S_IFBLK | 0600);

	if (!inode)
		return -ENOMEM;
	inode->i_rdev = bdev->bd_dev;
	inode->i_size = bdev_nr_bytes(bdev);
	inode->i_private = bdev;
	inode->i_mapping->a_ops = &def_blk_aops;
	bdev->bd_inode = inode;
	return 0;
}

static struct block_device *mapping_bdev(const struct address_space *mapping)
{
	return mapping->host->i_private;
}

/* ---- the page cache's side: pages <-> bios ---- */

/* Bytes of page @index inside the device (0 past its end). */
static unsigned int page_bytes_on_device(struct block_device *bdev, pgoff_t index)
{
	loff_t pos = (loff_t)index << PAGE_SHIFT, size = bdev_nr_bytes(bdev);

	if (pos >= size)
		return 0;
	return size - pos < PAGE_SIZE ? size - pos : PAGE_SIZE;
}

/*
 * Read completion (any context): uptodate, or left !uptodate on an error
 * (read_mapping_page's -EIO), then unlock.  PG_error is not set: a page
 * freed with it set is a bad page to the allocator today (the free path
 * does not clear it), and !uptodate says the same.
 */
static void blkdev_end_read(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (!bio->bi_status)
		SetPageUptodate(page);
	unlock_page(page);
	bio_put(bio);
}

/*
 * => page locked, !uptodate, in the device's cache.  Starts its read (the
 * part inside the device; the rest is zeroes).  0 or -ENOMEM (unlocked).
 */
static int blkdev_readpage(struct file *file, struct page *page)
{
	struct block_device *bdev = mapping_bdev(page->mapping);
	unsigned int bytes = page_bytes_on_device(bdev, page->index);
	struct bio *bio;

	if (bytes < PAGE_SIZE)
		memset((char *)page_address(page) + bytes, 0, PAGE_SIZE - bytes);
	if (!bytes) {
		SetPageUptodate(page);
		unlock_page(page);
		return 0;
	}
	bio = bio_alloc(bdev, 1, REQ_OP_READ, GFP_KERNEL);
	if (!bio) {
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_sector = (sector_t)page->index << (PAGE_SHIFT - SECTOR_SHIFT);
	bio->bi_end_io = blkdev_end_read;
	bio_add_page(bio, page, bytes, 0);
	submit_bio(bio);
	return 0;
}

/*
 * Write completion (any context): errors go to the mapping for fsync;
 * a request the block layer had no memory for dirties the page again
 * (nothing reached the disk, a later pass writes it).
 */
static void blkdev_end_write(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (bio->bi_status == BLK_STS_RESOURCE)
		set_page_dirty(page);
	else if (bio->bi_status)
		mapping_set_error(page->mapping, blk_status_to_errno(bio->bi_status));
	end_page_writeback(page);
	bio_put(bio);
}

/* => page locked, dirty bit cleared for I/O.  Starts its write; 0 or -errno. */
static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	struct block_device *bdev = mapping_bdev(page->mapping);
	unsigned int bytes = page_bytes_on_device(bdev, page->index);
	struct bio *bio;

	if (!bytes) {			/* past the end (the device shrank): nothing to do */
		unlock_page(page);
		return 0;
	}
	bio = bio_alloc(bdev, 1, REQ_OP_WRITE, GFP_KERNEL);
	if (!bio) {
		redirty_page_for_writepage(wbc, page);
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_sector = (sector_t)page->index << (PAGE_SHIFT - SECTOR_SHIFT);
	bio->bi_end_io = blkdev_end_write;
	bio_add_page(bio, page, bytes, 0);
	set_page_writeback(page);
	unlock_page(page);
	submit_bio(bio);
	return 0;
}

/*
 * ->writepages for a mapping whose writepage submits a bio and does not
 * wait (the block device's, ext2's): write_cache_pages() under one plug,
 * so adjacent pages become one request.
 */
int plugged_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct blk_plug plug;
	int err;

	blk_start_plug(&plug);
	err = write_cache_pages(mapping, wbc);
	blk_finish_plug(&plug);
	return err;
}

/*
 * The page for [pos, pos + len), locked, readable where the write will
 * not cover it: a partial page that is not uptodate is read first.
 */
static int blkdev_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			      unsigned int len, struct page **pagep)
{
	struct page *page = find_or_create_page_locked(mapping, pos >> PAGE_SHIFT);

	if (IS_ERR(page))
		return PTR_ERR(page);
	if (!PageUptodate(page) && len != PAGE_SIZE) {
		int err = blkdev_readpage(file, page);

		if (!err) {
			blk_flush_plug();
			lock_page(page);
		}
		if (err || !PageUptodate(page)) {
			if (!err)
				unlock_page(page);
			put_page(page);
			return err ? err : -EIO;
		}
	}
	*pagep = page;
	return 0;
}

static int blkdev_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, unsigned int copied, struct page *page)
{
	if (!PageUptodate(page)) {
		if (copied < len)
			copied = 0;	/* a whole-page write that faulted: nothing valid */
		else
			SetPageUptodate(page);
	}
	if (copied)
		set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return copied;
}

static const struct address_space_operations def_blk_aops = {
	.readpage = blkdev_readpage,
	.writepage = blkdev_writepage,
	.writepages = plugged_writepages,
	.write_begin = blkdev_write_begin,
	.write_end = blkdev_write_end,
};

/*
 * Starts reads of the missing pages in [index, index + nr) under one
 * plug, so that a sequential read becomes few large requests.
 */
static void blkdev_readahead(struct address_space *mapping, pgoff_t index, unsigned long nr)
{
	struct blk_plug plug;

	blk_start_plug(&plug);
	for (; nr; nr--, index++) {
		struct page *page = find_get_page(mapping, index);

		if (page) {
			put_page(page);
			continue;
		}
		page = find_or_create_page_locked(mapping, index);
		if (IS_ERR(page))
			break;
		if (PageUptodate(page))
			unlock_page(page);
		else
			blkdev_readpage(NULL, page);
		put_page(page);
	}
	blk_finish_plug(&plug);
}

/* ---- the file ---- */

static struct block_device *file_bdev(const struct file *f)
{
	return f->private_data;
}

/* Linux's fixed_size_llseek: never past the end; SEEK_DATA/SEEK_HOLE EINVAL. */
static loff_t blkdev_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t size = bdev_nr_bytes(file_bdev(f));

	return generic_file_llseek_size(f, offset, whence, size, size);
}

/*
 * Linux's initial soft block size: the largest power of two up to a page
 * that divides the device's size, at least the logical block size.
 */
static unsigned int bdev_soft_block_size(struct block_device *bdev)
{
	unsigned int bsize = bdev->bd_disk->queue->logical_block_size;
	loff_t size = bdev_nr_bytes(bdev);

	while (bsize < PAGE_SIZE && !(size & (2 * bsize - 1)))
		bsize *= 2;
	return bsize;
}

static int put_int(unsigned long arg, int v)
{
	return put_user(v, (int __user *)arg) ? -EFAULT : 0;
}

static long blkdev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = file_bdev(f);
	struct request_queue *q = bdev->bd_disk->queue;
	u64 bytes = bdev_nr_bytes(bdev);

	switch (cmd) {
	case BLKGETSIZE:
		if ((bdev->bd_nr_sectors >> 32) != 0)
			return -EFBIG;
		return put_user((unsigned long)bdev->bd_nr_sectors, (unsigned long __user *)arg) ?
		       -EFAULT : 0;
	case BLKGETSIZE64:
		return copy_to_user((void __user *)arg, &bytes, sizeof(bytes)) ? -EFAULT : 0;
	case BLKSSZGET:
		return put_int(arg, q->logical_block_size);
	case BLKPBSZGET:
		return put_int(arg, q->logical_block_size);
	case BLKBSZGET:
		return put_int(arg, bdev_soft_block_size(bdev));
	case BLKROGET:
		return put_int(arg, bdev->bd_read_only);
	case BLKFLSBUF:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		return blkdev_flush_buffers(bdev);
	case BLKRRPART:
		if (!capable(CAP_SYS_ADMIN))
			return -EACCES;
		if (bdev->bd_partno)
			return -EINVAL;
		return bdev_rescan_partitions(bdev->bd_disk);
	default:
		if (bdev->bd_disk->fops && bdev->bd_disk->fops->ioctl)
			return bdev->bd_disk->fops->ioctl(bdev, cmd, arg);
		return -ENOTTY;
	}
}

static ssize_t blkdev_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
	struct block_device *bdev = file_bdev(f);
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	loff_t pos = *ppos, size = bdev_nr_bytes(bdev);
	ssize_t done = 0;

	if (pos >= size || !count)
		return 0;
	if (count > size - pos)
		count = size - pos;
	while (done < count) {
		pgoff_t index = pos >> PAGE_SHIFT;
		unsigned int off = pos & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done), left;
		struct page *page;

		if (done == 0 || !(index % BLKDEV_READAHEAD_PAGES))
			blkdev_readahead(mapping, index, min_t(unsigned long, BLKDEV_READAHEAD_PAGES,
					 ((pos + count - done - 1) >> PAGE_SHIFT) - index + 1));
		page = read_mapping_page(mapping, index, f);
		if (IS_ERR(page))
			return done ? done : PTR_ERR(page);
		left = copy_to_user(buf + done, (char *)page_address(page) + off, n);
		put_page(page);
		done += n - left;
		pos += n - left;
		if (left) {
			if (done == 0)
				return -EFAULT;
			break;
		}
	}
	*ppos = pos;
	return done;
}

/*
 * Through the cache: bytes past the end of the device are refused
 * (ENOSPC at the end, a short write across it), as Linux does.
 */
static ssize_t blkdev_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
	struct block_device *bdev = file_bdev(f);
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	loff_t pos = *ppos, size = bdev_nr_bytes(bdev);
	ssize_t done = 0;

	if (bdev->bd_read_only)
		return -EPERM;
	if (IS_SWAPFILE(bdev->bd_inode))	/* an active swap area (mm/swapfile.c) */
		return -ETXTBSY;
	if (!count)
		return 0;
	if (pos >= size)
		return -ENOSPC;
	if (count > size - pos)
		count = size - pos;
	while (done < count) {
		unsigned int off = pos & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done), left;
		struct page *page;
		int err = blkdev_write_begin(f, mapping, pos, n, &page);

		if (err)
			return done ? done : err;
		left = copy_from_user((char *)page_address(page) + off, buf + done, n);
		n = blkdev_write_end(f, mapping, pos, n, n - left, page);
		done += n;
		pos += n;
		balance_dirty_pages_ratelimited(mapping);
		if (left) {
			if (done == 0)
				return -EFAULT;
			break;
		}
		if (fatal_signal_pending(current))
			break;
	}
	*ppos = pos;
	return done;
}

/* A FLUSH for the device's volatile write cache, if it has one.  0 or -errno. */
static int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio;
	int err;

	if (!bdev->bd_disk->queue->write_cache)
		return 0;
	bio = bio_alloc(bdev, 0, REQ_OP_FLUSH, GFP_KERNEL);
	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err == -EOPNOTSUPP ? 0 : err;
}

/* fsync: the dirty pages in range, then the device's cache. */
static int blkdev_fsync(struct file *f, loff_t start, loff_t end, int datasync)
{
	struct block_device *bdev = file_bdev(f);
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	int err = filemap_write_and_wait_range(mapping, start, end);
	int err2 = errseq_check_and_advance(&mapping->wb_err, &f->f_wb_err);

	if (!err)
		err = err2;
	if (err)
		return err;
	return blkdev_issue_flush(bdev);
}

int blkdev_flush_buffers(struct block_device *bdev)
{
	struct address_space *mapping = bdev->bd_inode->i_mapping;
	int err = filemap_write_and_wait(mapping);

	truncate_inode_pages(mapping);
	return err;
}

/*
 * One user of @bdev: an open file, or a file system mounted on it.  The
 * disk's open method, then bd_openers.  0 or the open method's error.
 */
int blkdev_get(struct block_device *bdev)
{
	const struct block_device_operations *ops = bdev->bd_disk->fops;
	int err;

	mutex_lock(&bdev->bd_disk->open_mutex);
	err = ops && ops->open ? ops->open(bdev) : 0;
	if (!err)
		bdev->bd_openers++;
	mutex_unlock(&bdev->bd_disk->open_mutex);
	return err;
}

/*
 * blkdev_get's user is done.  The last one flushes the device's cache
 * (Linux's blkdev_flush_mapping) and calls the whole disk's release,
 * where a loop device set to autoclear lets its file go.
 */
void blkdev_put(struct block_device *bdev)
{
	struct gendisk *disk = bdev->bd_disk;

	mutex_lock(&disk->open_mutex);
	if (!--bdev->bd_openers) {
		blkdev_flush_buffers(bdev);
		if (!bdev->bd_partno && disk->fops && disk->fops->release)
			disk->fops->release(disk);
	}
	mutex_unlock(&disk->open_mutex);
}

static int blkdev_release(struct inode *inode, struct file *f)
{
	struct block_device *bdev = file_bdev(f);

	if (f->f_mode & FMODE_EXCL)
		bd_unclaim(bdev, f);
	blkdev_put(bdev);
	return 0;
}

static const struct file_operations blkdev_fops = {
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
	.ioctl = blkdev_ioctl,
	.fsync = blkdev_fsync,
	.release = blkdev_release,
};

struct address_space *blkdev_file_mapping(struct file *f)
{
	return f->f_op == &blkdev_fops ? file_bdev(f)->bd_inode->i_mapping : NULL;
}

/*
 * Opening a block-device node: the device its i_rdev names (ENXIO if
 * there is none, or a partition that is gone), with its cache's error
 * sequence sampled for fsync.  O_DIRECT is EINVAL; O_EXCL claims the
 * device for the file until its release (EBUSY if it is mounted, swap,
 * or open O_EXCL already: block/holder.c).
 */
int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = bdev_by_dev(inode->i_rdev);
	int err;

	if (!bdev || (bdev->bd_partno && !bdev->bd_nr_sectors))
		return -ENXIO;
	if (f->f_flags & O_DIRECT)
		return -EINVAL;
	/* O_EXCL: Linux's FMODE_EXCL, the file is the holder (EBUSY if claimed). */
	if ((f->f_mode & FMODE_EXCL) && bd_claim(bdev, f))
		return -EBUSY;
	err = blkdev_get(bdev);
	if (err && (f->f_mode & FMODE_EXCL))
		bd_unclaim(bdev, f);
	if (err)
		return err;
	f->f_op = &blkdev_fops;
	f->private_data = bdev;
	f->f_wb_err = filemap_sample_wb_err(bdev->bd_inode->i_mapping);
	return 0;
}
