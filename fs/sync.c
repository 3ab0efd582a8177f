/*
 * sync_file_range(2): start and/or wait for the writeback of a byte range
 * of one file's page cache, as Linux 6.1 (no metadata, no device cache
 * flush: the call promises nothing about durability, as Linux's man page
 * warns).  sync(2), syncfs(2) and umount's writeback are in
 * fs/fs-writeback.c, fsync(2) in mm/filemap_sync.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/writeback.h>

#define SYNC_FILE_RANGE_VALID	(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | \
				 SYNC_FILE_RANGE_WAIT_AFTER)
#define LOFF_MAX		((loff_t)(~0ULL >> 1))
/* The first byte a 32-bit pgoff_t cannot index. */
#define PAGECACHE_END		((loff_t)1 << (32 + PAGE_SHIFT))

/* The cache whose pages the file's bytes are: a block device's own, or the inode's. */
static struct address_space *file_cache(struct file *f)
{
	struct address_space *mapping = NULL;

	if (S_ISBLK(f->f_inode->i_mode))
		mapping = blkdev_file_mapping(f);
	return mapping ? mapping : f->f_inode->i_mapping;
}

int sync_file_range_flags(struct file *file, loff_t offset, loff_t endbyte, unsigned int flags)
{
	struct address_space *mapping = file_cache(file);
	int err = 0;

	if ((flags & SYNC_FILE_RANGE_VALID) == SYNC_FILE_RANGE_VALID)
		return filemap_write_and_wait_range(mapping, offset, endbyte);	/* WB_SYNC_ALL */
	if (flags & SYNC_FILE_RANGE_WAIT_BEFORE) {
		err = file_fdatawait_range(file, mapping, offset, endbyte);
		if (err)
			return err;
	}
	if (flags & SYNC_FILE_RANGE_WRITE) {
		err = __filemap_fdatawrite_range(mapping, offset, endbyte, WB_SYNC_NONE);
		if (err < 0)
			return err;
	}
	if (flags & SYNC_FILE_RANGE_WAIT_AFTER)
		err = file_fdatawait_range(file, mapping, offset, endbyte);
	return err;
}

static loff_t pair(unsigned long lo, unsigned long hi)
{
	return (loff_t)(((u64)hi << 32) | lo);
}

/*
 * Linux 6.1's checks, in its order: flags, the range (EINVAL); a range
 * starting past what the page cache can index "succeeds" at once, one
 * reaching past it runs to the end of the file (nbytes 0); then the file
 * kind (ESPIPE).  @endbyte becomes inclusive.
 */
static long sync_file_range_check(struct file *f, loff_t offset, loff_t nbytes,
				  unsigned int flags, loff_t *endbyte)
{
	umode_t mode = f->f_inode->i_mode;
	loff_t end = (loff_t)((u64)offset + (u64)nbytes);

	if (flags & ~SYNC_FILE_RANGE_VALID)
		return -EINVAL;
	if (offset < 0 || end < 0 || end < offset)
		return -EINVAL;
	if (offset >= PAGECACHE_END)
		return 1;
	if (end >= PAGECACHE_END)
		nbytes = 0;
	*endbyte = nbytes ? end - 1 : LOFF_MAX;
	if (!S_ISREG(mode) && !S_ISBLK(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
		return -ESPIPE;
	return 0;
}

/* i386: fd, offset (low, high), nbytes (low, high), flags. */
SYSCALL_DEFINE6(sync_file_range, int, fd, unsigned long, off_lo, unsigned long, off_hi,
		unsigned long, n_lo, unsigned long, n_hi, unsigned int, flags)
{
	struct file *f = fget(fd);
	loff_t offset = pair(off_lo, off_hi), endbyte = 0;
	long ret;

	if (!f)
		return -EBADF;
	ret = sync_file_range_check(f, offset, pair(n_lo, n_hi), flags, &endbyte);
	if (ret == 1)
		ret = 0;
	else if (!ret)
		ret = sync_file_range_flags(f, offset, endbyte, flags);
	fput(f);
	return ret;
}
