/*
 * sendfile, sendfile64 and copy_file_range: copying inside the kernel.
 *
 * Linnet has no splice machinery; these copy page by page through one
 * kernel buffer.  The source must be a file whose data is its page cache
 * (tmpfs, ramfs, memfd: what Linux's splice_read serves for them); the
 * destination of sendfile such a file, a pipe or a device with a
 * ->splice_write (/dev/null, as Linux 6.1: what Linux writes with
 * splice_write), of copy_file_range a regular file of the same file
 * system (EXDEV otherwise, as Linux 6.1).  Any other source or
 * destination is EINVAL, Linux's answer for a file that cannot splice
 * (Linux accepts more destinations: the TTY, sockets).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)
#define MAX_NON_LFS	((loff_t)0x7fffffff)
#define OFFSET_MAX	((loff_t)0x7fffffffffffffffLL)

/* Writes kernel @buf to @out (a pipe, a ->splice_write device, or at *@out_pos of a RAM file). */
static ssize_t write_kernel(struct file *out, const void *buf, size_t n, loff_t *out_pos)
{
	ssize_t ret;

	if (!file_data_in_page_cache(out)) {
		if (out->f_op && out->f_op->splice_write)
			return out->f_op->splice_write(out, buf, n);
		return pipe_write_kernel(out, buf, n);	/* -EINVAL if not a pipe */
	}
	ret = page_cache_write_kernel(out->f_inode, buf, n, *out_pos);
	if (ret > 0)
		*out_pos += ret;
	return ret;
}

/*
 * Copies up to @count bytes from @in at *@pos (to its end of file) to
 * @out.  Bytes copied (positions advanced), or -errno if none were.
 */
static ssize_t copy_through_kernel(struct file *in, loff_t *pos, struct file *out,
				   loff_t *out_pos, size_t count)
{
	/* a page block, not kmalloc(PAGE_SIZE): no slab poisoning and check per call */
	char *buf = kmalloc_page(GFP_KERNEL);
	ssize_t done = 0, err = 0;

	if (!buf)
		return -ENOMEM;
	while ((size_t)done < count) {
		loff_t rpos = *pos;
		ssize_t n = kernel_read(in, buf, min_t(size_t, count - done, PAGE_SIZE), &rpos);
		ssize_t w;

		if (n <= 0)
			break;
		w = write_kernel(out, buf, n, out_pos);
		if (w < 0) {
			err = w;
			break;
		}
		done += w;
		*pos += w;
		if (w < n)
			break;
	}
	kfree(buf);
	return done ? done : err;
}

/* Linux's do_sendfile, its checks in its order; @max: the offset limit (0: none). */
static ssize_t do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count, loff_t max)
{
	struct file *in = fget(in_fd), *out;
	loff_t pos, out_pos;
	ssize_t ret = -EBADF;

	if (!in)
		return -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto out_in;
	ret = -ESPIPE;
	if (ppos && S_ISFIFO(in->f_inode->i_mode))
		goto out_in;
	pos = ppos ? *ppos : in->f_pos;
	ret = -EINVAL;
	if (pos < 0)
		goto out_in;
	ret = -EOVERFLOW;
	if (count && (loff_t)count > OFFSET_MAX - pos)
		goto out_in;
	count = min_t(size_t, count, MAX_RW_COUNT);
	ret = -EBADF;
	out = fget(out_fd);
	if (!out)
		goto out_in;
	if (!(out->f_mode & FMODE_WRITE))
		goto out_out;
	if (!max)
		max = MAX_FILE_SIZE;
	if (pos + (loff_t)count > max) {
		ret = -EOVERFLOW;
		if (pos >= max)
			goto out_out;
		count = max - pos;
	}
	out_pos = out->f_pos;
	ret = -EINVAL;
	if (!file_data_in_page_cache(in) || (out->f_flags & O_APPEND) || out_pos < 0)
		goto out_out;
	ret = count ? copy_through_kernel(in, &pos, out, &out_pos, count) : 0;
	if (file_data_in_page_cache(out))
		out->f_pos = out_pos;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
	if (pos > max)
		ret = -EOVERFLOW;
out_out:
	fput(out);
out_in:
	fput(in);
	return ret;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, long __user *, offset, size_t, count)
{
	loff_t pos;
	long off;
	ssize_t ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0);
	if (get_user(off, offset))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_NON_LFS);
	if (put_user((long)pos, offset))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	loff_t pos;
	ssize_t ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, 0);
	if (copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}

/* Linux 6.1's generic_copy_file_checks and rw_verify_area; may shorten *count. */
static int copy_file_checks(struct file *in, loff_t pos_in, struct file *out, loff_t pos_out,
			    size_t *count)
{
	struct inode *inode_in = in->f_inode, *inode_out = out->f_inode;
	u64 n = *count;

	if (S_ISDIR(inode_in->i_mode) || S_ISDIR(inode_out->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode_in->i_mode) || !S_ISREG(inode_out->i_mode))
		return -EINVAL;
	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE) || (out->f_flags & O_APPEND))
		return -EBADF;
	if (inode_in->i_sb != inode_out->i_sb)
		return -EXDEV;
	if ((u64)pos_in + n < (u64)pos_in || (u64)pos_out + n < (u64)pos_out)
		return -EOVERFLOW;
	n = pos_in >= inode_in->i_size ? 0 : min_t(u64, n, inode_in->i_size - pos_in);
	if (pos_out >= MAX_FILE_SIZE)
		return -EFBIG;
	n = min_t(u64, n, MAX_FILE_SIZE - pos_out);
	if (inode_in == inode_out && pos_out + (loff_t)n > pos_in && pos_out < pos_in + (loff_t)n)
		return -EINVAL;
	if (pos_in < 0 || pos_out < 0)
		return -EINVAL;
	if (!file_data_in_page_cache(in) || !file_data_in_page_cache(out))
		return -EINVAL;
	*count = n;
	return 0;
}

static ssize_t do_copy_file_range(struct file *in, loff_t __user *off_in, struct file *out,
				  loff_t __user *off_out, size_t len, unsigned int flags)
{
	loff_t pos_in = in->f_pos, pos_out = out->f_pos;
	ssize_t ret;

	if (off_in && copy_from_user(&pos_in, off_in, sizeof(pos_in)))
		return -EFAULT;
	if (off_out && copy_from_user(&pos_out, off_out, sizeof(pos_out)))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	ret = copy_file_checks(in, pos_in, out, pos_out, &len);
	if (ret || !len)
		return ret;
	ret = copy_through_kernel(in, &pos_in, out, &pos_out, min_t(size_t, len, MAX_RW_COUNT));
	if (ret <= 0)
		return ret;
	if (off_in ? copy_to_user(off_in, &pos_in, sizeof(pos_in)) : (in->f_pos = pos_in, 0))
		return -EFAULT;
	if (off_out ? copy_to_user(off_out, &pos_out, sizeof(pos_out)) : (out->f_pos = pos_out, 0))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	struct file *in = fget(fd_in), *out;
	ssize_t ret = -EBADF;

	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (out) {
		ret = do_copy_file_range(in, off_in, out, off_out, len, flags);
		fput(out);
	}
	fput(in);
	return ret;
}
