/*
 * Vectored I/O: readv, writev, preadv, pwritev, preadv2, pwritev2.  The
 * iovec array is checked whole first (Linux's import_iovec), then each
 * buffer goes through vfs_read/vfs_write in turn, stopping at the first
 * short transfer or error (an error after some bytes moved is dropped:
 * the count is returned).  Offsets come as i386 low and high words.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/uio.h>
#include <uapi/linux-ish/fs.h>
#include <uapi/linux-ish/uio.h>

#define MEM_MAJOR	1	/* /dev/null, /dev/zero, /dev/full */

/* linux-ish/uio.h */
struct iovec *iovec_import(const struct iovec __user *uvec, unsigned long vlen, bool local,
			   size_t *total)
{
	struct iovec *iov;

	*total = 0;
	if (vlen > UIO_MAXIOV)
		return ERR_PTR(-EINVAL);
	if (!vlen)
		return NULL;
	iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(iov, uvec, vlen * sizeof(*iov))) {
		kfree(iov);
		return ERR_PTR(-EFAULT);
	}
	for (unsigned long i = 0; i < vlen; i++) {
		size_t len = iov[i].iov_len;

		if (len > (size_t)INT_MAX) {	/* negative as an ssize_t */
			kfree(iov);
			return ERR_PTR(-EINVAL);
		}
		if (!local) {	/* only zero or not matters: saturate */
			*total = len > SIZE_MAX - *total ? SIZE_MAX : *total + len;
			continue;
		}
		if (len > MAX_RW_COUNT - *total)
			iov[i].iov_len = len = MAX_RW_COUNT - *total;
		if (!access_ok(iov[i].iov_base, len)) {
			kfree(iov);
			return ERR_PTR(-EFAULT);
		}
		*total += len;
	}
	return iov;
}

/*
 * Whether @f takes RWF_NOWAIT (Linux's FMODE_NOWAIT): in 6.1 only the
 * memory devices (/dev/null, /dev/zero, /dev/full: major 1), which never
 * wait anyway; tmpfs and ramfs files, pipes and sockets do not.
 */
static bool file_nowait(const struct file *f)
{
	const struct inode *inode = f->f_inode;

	return S_ISCHR(inode->i_mode) && MAJOR(inode->i_rdev) == MEM_MAJOR;
}

/* Linux's kiocb_set_rw_flags(): 0, or -EOPNOTSUPP for flags @f cannot take. */
static int check_rwf(const struct file *f, int flags)
{
	if (flags & ~RWF_SUPPORTED)
		return -EOPNOTSUPP;
	if ((flags & RWF_NOWAIT) && !file_nowait(f))
		return -EOPNOTSUPP;
	return 0;
}

/*
 * Moves the buffers of @iov from or to @f at *@pos; RWF_APPEND writes a
 * regular file at its end (the other flags change nothing in RAM).
 * Bytes moved or -errno.
 */
static ssize_t rw_iovec(struct file *f, const struct iovec *iov, unsigned long vlen,
			loff_t *pos, bool write, int flags)
{
	ssize_t total = 0;

	for (unsigned long i = 0; i < vlen; i++) {
		ssize_t n;

		if (write && (flags & RWF_APPEND) && S_ISREG(f->f_inode->i_mode))
			*pos = f->f_inode->i_size;
		n = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, pos)
			  : vfs_read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (n < 0) {
			total = total ? total : n;
			break;
		}
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return total;
}

/*
 * The common body: @pos NULL means the file position (readv/writev).
 * Linux's order: EBADF for a bad descriptor, ESPIPE for an offset on a
 * pipe, the iovec errors, EBADF for the wrong mode, 0 for nothing to
 * move, then the flags.
 */
static ssize_t do_rw_iov(int fd, const struct iovec __user *uvec, unsigned long vlen,
			 loff_t *pos, bool write, int flags)
{
	struct iovec *iov;
	struct file *f;
	size_t total;
	ssize_t ret;

	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -ESPIPE;
	if (pos && !file_can_pread(f))
		goto out_fput;
	iov = iovec_import(uvec, vlen, true, &total);
	ret = PTR_ERR(iov);
	if (IS_ERR(iov))
		goto out_fput;
	ret = -EBADF;
	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		goto out_free;
	ret = 0;
	if (!total)
		goto out_free;
	ret = check_rwf(f, flags);
	if (!ret)
		ret = rw_iovec(f, iov, vlen, pos ? pos : &f->f_pos, write, flags);
out_free:
	kfree(iov);
out_fput:
	fput(f);
	return ret;
}

/*
 * vmsplice's copy: @f's file position, readv's or writev's rules, with
 * O_NONBLOCK set for the call if @nonblock (only that bit is put back).
 */
ssize_t vfs_iov_nonblock(struct file *f, const struct iovec __user *uvec, unsigned long vlen,
			 bool write, bool nonblock)
{
	bool set = nonblock && !(f->f_flags & O_NONBLOCK);
	struct iovec *iov;
	size_t total;
	ssize_t ret;

	iov = iovec_import(uvec, vlen, true, &total);
	if (IS_ERR(iov))
		return PTR_ERR(iov);
	if (set)
		f->f_flags |= O_NONBLOCK;
	ret = total ? rw_iovec(f, iov, vlen, &f->f_pos, write, 0) : 0;
	if (set)
		f->f_flags &= ~O_NONBLOCK;
	kfree(iov);
	return ret;
}

static inline loff_t pos_from_hilo(unsigned long high, unsigned long low)
{
	return (loff_t)(((u64)high << 32) | low);
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_rw_iov(fd, vec, vlen, NULL, false, 0);
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_rw_iov(fd, vec, vlen, NULL, true, 0);
}

/* preadv/pwritev and the *2 forms at an offset: negative -EINVAL. */
static ssize_t do_prw_iov(int fd, const struct iovec __user *vec, unsigned long vlen,
			  loff_t pos, bool write, int flags)
{
	if (pos < 0)
		return -EINVAL;
	return do_rw_iov(fd, vec, vlen, &pos, write, flags);
}

SYSCALL_DEFINE5(preadv, int, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_prw_iov(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), false, 0);
}

SYSCALL_DEFINE5(pwritev, int, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	return do_prw_iov(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), true, 0);
}

/* The *2 forms: offset -1 is the file position, as readv/writev. */
SYSCALL_DEFINE6(preadv2, int, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	loff_t pos = pos_from_hilo(pos_h, pos_l);

	if (pos == -1)
		return do_rw_iov(fd, vec, vlen, NULL, false, flags);
	return do_prw_iov(fd, vec, vlen, pos, false, flags);
}

SYSCALL_DEFINE6(pwritev2, int, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h, int, flags)
{
	loff_t pos = pos_from_hilo(pos_h, pos_l);

	if (pos == -1)
		return do_rw_iov(fd, vec, vlen, NULL, true, flags);
	return do_prw_iov(fd, vec, vlen, pos, true, flags);
}
