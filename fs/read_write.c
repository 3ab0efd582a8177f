/* read, write and friends, on top of each file's ->read/->write. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/writeback.h>
#include <uapi/linux-ish/uio.h>

/* linux-ish/fs.h */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence, loff_t maxsize,
				loff_t eof)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = f->f_pos + offset;
		break;
	case SEEK_END:
		pos = eof + offset;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || (maxsize >= 0 && pos > maxsize))
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	return generic_file_llseek_size(f, offset, whence, -1, f->f_inode->i_size);
}

/* RAM files (tmpfs, ramfs, memfd): pages in the cache are data, others holes. */
loff_t ramfs_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t pos;

	if (whence != SEEK_DATA && whence != SEEK_HOLE)
		return generic_file_llseek(f, offset, whence);
	pos = page_cache_seek_hole_data(f->f_inode, offset, whence);
	if (pos >= 0)
		f->f_pos = pos;
	return pos;
}

ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = f->f_op->read(f, buf, min_t(size_t, count, MAX_RW_COUNT), pos);
	if (ret > 0)
		fsnotify_file(f, IN_ACCESS);
	return ret;
}

ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	ret = f->f_op->write(f, buf, min_t(size_t, count, MAX_RW_COUNT), pos);
	if (ret > 0)
		fsnotify_file(f, IN_MODIFY);
	return ret;
}

/* Kernel-buffer variants (exec reads headers with this). */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	if (!S_ISREG(f->f_inode->i_mode))
		return -EINVAL;
	if (*pos >= f->f_inode->i_size)
		return 0;
	count = min_t(loff_t, count, f->f_inode->i_size - *pos);
	for (size_t done = 0; done < count; ) {
		pgoff_t index = (*pos + done) >> PAGE_SHIFT;
		size_t off = (*pos + done) & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		struct page *page = find_get_page(f->f_inode->i_mapping, index);

		if (page) {
			memcpy((char *)buf + done, (char *)page_address(page) + off, n);
			put_page(page);
		} else {
			memset((char *)buf + done, 0, n);
		}
		done += n;
	}
	*pos += count;
	return count;
}

SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_read(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(write, int, fd, const char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_write(f, buf, count, &f->f_pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE5(pread64, int, fd, char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	loff_t pos = (loff_t)(((u64)pos_hi << 32) | pos_lo);
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = (pos < 0) ? -EINVAL : !file_can_pread(f) ? -ESPIPE : vfs_read(f, buf, count, &pos);
	fput(f);
	return ret;
}

SYSCALL_DEFINE5(pwrite64, int, fd, const char __user *, buf, size_t, count,
		unsigned long, pos_lo, unsigned long, pos_hi)
{
	loff_t pos = (loff_t)(((u64)pos_hi << 32) | pos_lo);
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = (pos < 0) ? -EINVAL : !file_can_pread(f) ? -ESPIPE : vfs_write(f, buf, count, &pos);
	fput(f);
	return ret;
}

static loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	if (!f->f_op || !f->f_op->llseek)
		return -ESPIPE;
	return f->f_op->llseek(f, offset, whence);
}

SYSCALL_DEFINE3(lseek, int, fd, long, offset, unsigned int, whence)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	pos = vfs_llseek(f, offset, whence);
	fput(f);
	if (pos > LONG_MAX)
		return -EOVERFLOW;
	return pos;
}

SYSCALL_DEFINE5(llseek, int, fd, unsigned long, high, unsigned long, low,
		loff_t __user *, result, unsigned int, whence)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	pos = vfs_llseek(f, (loff_t)(((u64)high << 32) | low), whence);
	fput(f);
	if (pos < 0)
		return pos;
	return put_user(pos, result);
}

/* sync: writes back and waits for every dirty inode and device cache; always 0 (as Linux). */
SYSCALL_DEFINE0(sync)
{
	ksys_sync();
	return 0;
}

/*
 * syncfs: the same for @fd's file system, returning the first writeback
 * error of this call (Linux reports the superblock's errseq instead:
 * Documentation/mm/page-cache.md).  O_PATH -EBADF as Linux's fdget.
 */
SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = sync_filesystem(f->f_inode->i_sb);
	fput(f);
	return ret;
}
