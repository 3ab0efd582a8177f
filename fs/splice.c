/*
 * splice, tee and vmsplice over Linnet's byte-ring pipes: bytes are
 * copied (no page is moved or gifted: SPLICE_F_MOVE and SPLICE_F_GIFT
 * are hints, as Linux allows), through a kernel page between a pipe and
 * a RAM file (tmpfs, ramfs, memfd: what the page cache holds).  Sockets,
 * the TTY and devices are -EINVAL, as a Linux file without splice
 * methods.  A call waits for input only while it has moved nothing, and
 * SPLICE_F_NONBLOCK (or O_NONBLOCK on the pipe) makes every pipe wait
 * -EAGAIN, as Linux.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/uio.h>

#define SPLICE_F_MOVE		0x01
#define SPLICE_F_NONBLOCK	0x02
#define SPLICE_F_MORE		0x04
#define SPLICE_F_GIFT		0x08
#define SPLICE_F_ALL		(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

/*
 * Pipe to pipe (splice) or a copy of it (tee, @peek), as Linux's
 * ipipe_prep/opipe_prep: wait for input (none and no writer: go on),
 * then for room in the output (even at end of input), then move.
 */
static long pipe_to_pipe(struct pipe *in, struct pipe *out, size_t len, bool nonblock, bool peek)
{
	for (;;) {
		int eof = pipe_wait_readable(in, nonblock), ret;
		size_t n;

		if (eof < 0)
			return eof;
		ret = pipe_wait_writable(out, nonblock);
		if (ret)
			return ret;
		n = pipe_transfer(in, out, NULL, len, peek);
		if (n || eof)
			return n;
	}
}

/* A pipe into a RAM file at *@pos: what the pipe holds, up to @len. */
static long pipe_to_file(struct pipe *in, struct file *out, loff_t *pos, size_t len,
			 bool nonblock)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	long done = 0;

	if (!buf)
		return -ENOMEM;
	while (done < (long)len) {
		int wait = done ? 0 : pipe_wait_readable(in, nonblock);
		size_t n;
		ssize_t w;

		if (wait) {
			done = wait > 0 ? 0 : wait;
			break;
		}
		n = pipe_transfer(in, NULL, buf, min_t(size_t, len - done, PAGE_SIZE), true);
		if (!n)
			break;
		w = page_cache_write_kernel(out->f_inode, buf, n, *pos);
		if (w <= 0) {
			done = done ? done : w;
			break;
		}
		pipe_consume(in, w);
		*pos += w;
		done += w;
	}
	kfree(buf);
	return done;
}

/* A RAM file at *@pos into a pipe: as much as there is room for, up to @len. */
static long file_to_pipe(struct file *in, loff_t *pos, struct pipe *out, size_t len,
			 bool nonblock)
{
	char *buf;
	ssize_t n;
	int ret = pipe_wait_writable(out, nonblock);

	if (ret)
		return ret;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = kernel_read(in, buf, min_t(size_t, len, PAGE_SIZE), pos);
	if (n > 0) {
		size_t put = pipe_fill(out, buf, n);

		*pos -= n - put;	/* what did not fit stays unread */
		n = put;
	}
	kfree(buf);
	return n;
}

/* Linux's do_splice() once the offsets are read: -EBADF, -ESPIPE, -EINVAL as it. */
static long do_splice(struct file *in, loff_t *off_in, struct file *out, loff_t *off_out,
		      size_t len, unsigned int flags)
{
	struct pipe *ipipe = get_pipe_info(in), *opipe = get_pipe_info(out);
	bool nonblock = flags & SPLICE_F_NONBLOCK;
	loff_t pos;
	long ret;

	if (!(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (ipipe && opipe) {
		if (off_in || off_out)
			return -ESPIPE;
		if (ipipe == opipe)
			return -EINVAL;
		nonblock |= (in->f_flags | out->f_flags) & O_NONBLOCK;
		return pipe_to_pipe(ipipe, opipe, len, nonblock, false);
	}
	if (ipipe) {
		if (off_in)
			return -ESPIPE;
		if ((off_out && !file_can_pread(out)) || (out->f_flags & O_APPEND) ||
		    !file_data_in_page_cache(out))
			return -EINVAL;
		pos = off_out ? *off_out : out->f_pos;
		if (pos < 0)
			return -EINVAL;
		ret = pipe_to_file(ipipe, out, &pos, len, nonblock || (in->f_flags & O_NONBLOCK));
		*(off_out ? off_out : &out->f_pos) = pos;
		return ret;
	}
	if (opipe) {
		if (off_out)
			return -ESPIPE;
		if ((off_in && !file_can_pread(in)) || !file_data_in_page_cache(in))
			return -EINVAL;
		pos = off_in ? *off_in : in->f_pos;
		if (pos < 0)
			return -EINVAL;
		ret = file_to_pipe(in, &pos, opipe, len, nonblock || (out->f_flags & O_NONBLOCK));
		*(off_in ? off_in : &in->f_pos) = pos;
		return ret;
	}
	return -EINVAL;
}

/* Reads a user offset (-EFAULT); *@kpos is NULL for none. */
static int get_offset(loff_t __user *uoff, loff_t *buf, loff_t **kpos)
{
	*kpos = NULL;
	if (!uoff)
		return 0;
	if (copy_from_user(buf, uoff, sizeof(*buf)))
		return -EFAULT;
	*kpos = buf;
	return 0;
}

static long splice_files(struct file *in, loff_t __user *off_in, struct file *out,
			 loff_t __user *off_out, size_t len, unsigned int flags)
{
	loff_t in_buf, out_buf, *kin, *kout;
	long ret;

	if ((get_pipe_info(in) && off_in) || (get_pipe_info(out) && off_out))
		return -ESPIPE;
	ret = get_offset(off_out, &out_buf, &kout);
	if (!ret)
		ret = get_offset(off_in, &in_buf, &kin);
	if (!ret)
		ret = do_splice(in, kin, out, kout, len, flags);
	if (ret >= 0 && ((kout && copy_to_user(off_out, kout, sizeof(*kout))) ||
			 (kin && copy_to_user(off_in, kin, sizeof(*kin)))))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE6(splice, int, fd_in, loff_t __user *, off_in, int, fd_out,
		loff_t __user *, off_out, size_t, len, unsigned int, flags)
{
	struct file *in, *out;
	long ret = -EBADF;

	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	in = fget(fd_in);
	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (out) {
		ret = splice_files(in, off_in, out, off_out, len, flags);
		fput(out);
	}
	fput(in);
	return ret;
}

/* tee: both ends pipes (else -EINVAL), not the same pipe; nothing consumed. */
SYSCALL_DEFINE4(tee, int, fdin, int, fdout, size_t, len, unsigned int, flags)
{
	struct file *in, *out;
	long ret = -EBADF;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	if (!len)
		return 0;
	in = fget(fdin);
	if (!in)
		return -EBADF;
	out = fget(fdout);
	if (out) {
		struct pipe *ip = get_pipe_info(in), *op = get_pipe_info(out);

		ret = -EBADF;
		if ((in->f_mode & FMODE_READ) && (out->f_mode & FMODE_WRITE)) {
			ret = -EINVAL;
			if (ip && op && ip != op)
				ret = pipe_to_pipe(ip, op, len,
						   (flags & SPLICE_F_NONBLOCK) ||
						   ((in->f_flags | out->f_flags) & O_NONBLOCK), true);
		}
		fput(out);
	}
	fput(in);
	return ret;
}

/*
 * vmsplice: user buffers into a pipe's write end (writev's rules), or a
 * read end's bytes out to them (readv's); SPLICE_F_NONBLOCK as
 * O_NONBLOCK for this call.  Not a pipe -EBADF, bad flags -EINVAL.
 */
SYSCALL_DEFINE4(vmsplice, int, fd, const struct iovec __user *, uiov, unsigned long, nr_segs,
		unsigned int, flags)
{
	struct file *f;
	long ret;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = -EBADF;
	if (get_pipe_info(f))		/* a FIFO open for both: the write side, as Linux */
		ret = vfs_iov_nonblock(f, uiov, nr_segs, f->f_mode & FMODE_WRITE,
				       flags & SPLICE_F_NONBLOCK);
	fput(f);
	return ret;
}
