/*
 * posix_fadvise (fadvise64, fadvise64_64) and readahead (sync_file_range
 * is in fs/sync.c).
 *
 * Every file's data is already in memory (RAM file systems, no block
 * device behind them: Linux's noop backing device), so each of these
 * checks its arguments as Linux 6.1 does and has nothing more to do:
 * the advice is accepted and ignored, readahead has nothing to read.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/syscalls.h>

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
