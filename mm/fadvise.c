/*
 * posix_fadvise (fadvise64, fadvise64_64), readahead and sync_file_range.
 *
 * Every file's data is already in memory (RAM file systems, no block
 * device behind them: Linux's noop backing device), so each of these
 * checks its arguments as Linux 6.1 does and has nothing more to do:
 * the advice is accepted and ignored, readahead has nothing to read,
 * there is no writeback to start or wait for.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/syscalls.h>

#define SYNC_FILE_RANGE_VALID	(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | \
				 SYNC_FILE_RANGE_WAIT_AFTER)

static loff_t pair(unsigned long lo, unsigned long hi)
{
	return (loff_t)(((u64)hi << 32) | lo);
}

/* generic_fadvise for a file with no backing device: checks only. */
static long vfs_fadvise(struct file *f, loff_t offset, loff_t len, int advice)
{
	if (S_ISFIFO(f->f_inode->i_mode))
		return -ESPIPE;
	if (len < 0)
		return -EINVAL;
	switch (advice) {
	case POSIX_FADV_NORMAL:
	case POSIX_FADV_RANDOM:
	case POSIX_FADV_SEQUENTIAL:
	case POSIX_FADV_WILLNEED:
	case POSIX_FADV_NOREUSE:
	case POSIX_FADV_DONTNEED:
		return 0;
	default:
		return -EINVAL;
	}
}

static long ksys_fadvise64_64(int fd, loff_t offset, loff_t len, int advice)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = vfs_fadvise(f, offset, len, advice);
	fput(f);
	return ret;
}

/* i386: fd, offset (low, high), a 32-bit length, advice. */
SYSCALL_DEFINE5(fadvise64, int, fd, unsigned long, off_lo, unsigned long, off_hi, size_t, len,
		int, advice)
{
	return ksys_fadvise64_64(fd, pair(off_lo, off_hi), len, advice);
}

/* i386: fd, offset (low, high), length (low, high), advice last. */
SYSCALL_DEFINE6(fadvise64_64, int, fd, unsigned long, off_lo, unsigned long, off_hi,
		unsigned long, len_lo, unsigned long, len_hi, int, advice)
{
	return ksys_fadvise64_64(fd, pair(off_lo, off_hi), pair(len_lo, len_hi), advice);
}

/* readahead: a readable regular file (EBADF, EINVAL otherwise). */
SYSCALL_DEFINE4(readahead, int, fd, unsigned long, off_lo, unsigned long, off_hi, size_t, count)
{
	struct file *f = fget(fd);
	long ret = -EBADF;

	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_READ)
		ret = S_ISREG(f->f_inode->i_mode) ?
		      vfs_fadvise(f, pair(off_lo, off_hi), count, POSIX_FADV_WILLNEED) : -EINVAL;
	fput(f);
	return ret;
}

/* Linux 6.1's sync_file_range checks: flags, range, file kind. */
static long sync_file_range_check(struct file *f, loff_t offset, loff_t nbytes,
				  unsigned int flags)
{
	umode_t mode = f->f_inode->i_mode;
	loff_t endbyte = (loff_t)((u64)offset + (u64)nbytes);

	if (flags & ~SYNC_FILE_RANGE_VALID)
		return -EINVAL;
	if (offset < 0 || endbyte < 0 || endbyte < offset)
		return -EINVAL;
	if (!S_ISREG(mode) && !S_ISBLK(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
		return -ESPIPE;
	return 0;
}

/* i386: fd, offset (low, high), nbytes (low, high), flags. */
SYSCALL_DEFINE6(sync_file_range, int, fd, unsigned long, off_lo, unsigned long, off_hi,
		unsigned long, n_lo, unsigned long, n_hi, unsigned int, flags)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = sync_file_range_check(f, pair(off_lo, off_hi), pair(n_lo, n_hi), flags);
	fput(f);
	return ret;
}
