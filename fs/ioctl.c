/*
 * ioctl(): the requests every descriptor answers (Linux's do_vfs_ioctl
 * set that Linnet has), then the file's ->ioctl; files without one are
 * not terminals (-ENOTTY).
 *
 * FIOCLEX/FIONCLEX set and clear close-on-exec; FIONBIO (int *) sets or
 * clears O_NONBLOCK, as F_SETFL does (CPython's os.set_blocking() uses
 * it); FIOASYNC (int *) turning O_ASYNC off is a no-op and on is -ENOTTY
 * (no descriptor here can send SIGIO: Linux's answer for a file without
 * ->fasync); FIOQSIZE (loff_t *) is the space a regular file, directory
 * or symlink uses (st_blocks * 512, as Linux's inode_get_bytes), -ENOTTY
 * for anything else; FIONREAD (int *) of a regular file is the bytes
 * from the offset to the end, of anything else the driver's answer.
 * Locking: f_flags is written without a lock, as fcntl(F_SETFL) does.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/fcntl.h>
#include <uapi/linux-ish/termios.h>

#define NOT_GENERIC	1	/* not one of the generic requests: ask the driver */

static long generic_ioctl(struct file *f, int fd, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = f->f_inode;
	umode_t mode = inode->i_mode;
	struct kstat st;
	int on;

	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		fd_set_close_on_exec(current->files, fd, cmd == FIOCLEX);
		return 0;
	case FIONBIO:
	case FIOASYNC:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		if (cmd == FIOASYNC)
			return on ? -ENOTTY : 0;
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~O_NONBLOCK;
		return 0;
	case FIOQSIZE:
		if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
			return -ENOTTY;
		generic_fillattr(inode, &st);
		return put_user((loff_t)st.blocks << 9, (loff_t __user *)arg) ? -EFAULT : 0;
	case FIONREAD:
		if (!S_ISREG(mode))
			return NOT_GENERIC;
		return put_user((int)(inode->i_size - f->f_pos), (int __user *)arg) ? -EFAULT : 0;
	default:
		return NOT_GENERIC;
	}
}

SYSCALL_DEFINE3(ioctl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = generic_ioctl(f, fd, cmd, arg);
	if (ret == NOT_GENERIC)
		ret = (f->f_op && f->f_op->ioctl) ? f->f_op->ioctl(f, cmd, arg) : -ENOTTY;
	fput(f);
	return ret;
}
