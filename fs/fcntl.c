/* dup, dup2, dup3 and fcntl: descriptors as handles on shared open files. */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/sched.h>
#include <linux-ish/syscalls.h>

#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

/* The lowest free descriptor >= @from, installed with @f (a new reference). */
static long dup_from(struct file *f, int from, unsigned int flags)
{
	long fd;

	if (from < 0 || from >= (int)fd_limit())
		return -EINVAL;
	fd = alloc_fd_from(from, get_file(f), flags);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE1(dup, unsigned int, oldfd)
{
	struct file *f = fget_raw(oldfd);
	long ret;

	if (!f)
		return -EBADF;
	ret = dup_from(f, 0, 0);
	fput(f);
	return ret;
}

/* Makes @newfd refer to @oldfd's file, closing what @newfd had. */
static long do_dup3(unsigned int oldfd, unsigned int newfd, unsigned int flags)
{
	struct file *f;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (newfd >= fd_limit())
		return -EBADF;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	return replace_fd(newfd, f, flags);	/* fget's reference becomes the table's */
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {		/* valid oldfd: nothing to do */
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return do_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (oldfd == newfd)
		return -EINVAL;
	return do_dup3(oldfd, newfd, flags);
}

/* Record locks: fcntl64 takes struct flock64 for the *64 and OFD commands. */
static bool lock_cmd(unsigned int cmd, bool fcntl64, bool *is64)
{
	*is64 = false;
	switch (cmd) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return true;
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		*is64 = fcntl64;
		return true;
	case F_GETLK64:
	case F_SETLK64:
	case F_SETLKW64:
		*is64 = true;
		return fcntl64;
	default:
		return false;
	}
}

/* What an O_PATH descriptor allows (Linux's check_fcntl_cmd). */
static bool path_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD ||
	       cmd == F_GETFL;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, bool fcntl64)
{
	struct files_struct *files = current->files;
	struct file *f = fget_raw(fd);
	long ret = 0;
	bool is64;

	if (!f)
		return -EBADF;
	if ((f->f_mode & FMODE_PATH) && !path_fcntl_cmd(cmd)) {
		fput(f);
		return -EBADF;
	}
	if (lock_cmd(cmd, fcntl64, &is64)) {
		ret = fcntl_lock(f, cmd, (void __user *)arg, is64);
		fput(f);
		return ret;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = dup_from(f, (int)arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		break;
	case F_GETFD:
		ret = fd_is_close_on_exec(files, fd);
		break;
	case F_SETFD:
		fd_set_close_on_exec(files, fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret = f->f_flags;	/* access mode and status flags as opened/set */
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		break;
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		ret = pipe_fcntl(f, cmd, arg);
		break;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		ret = memfd_fcntl(f, cmd, arg);
		break;
	default:
		ret = -EINVAL;		/* signals, leases, notifications: not yet */
		break;
	}
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(fcntl, int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_fcntl(fd, cmd, arg, false);
}

SYSCALL_DEFINE3(fcntl64, int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_fcntl(fd, cmd, arg, true);
}
