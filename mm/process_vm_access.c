/*
 * process_vm_readv(2) and process_vm_writev(2): copy between the caller's
 * iovecs and another process's, as Linux 6.1.
 *
 * The order of checks is Linux's: flags (EINVAL), the local vector
 * (import_iovec's errors; nothing to move is 0 at once), the remote vector
 * (EINVAL, EFAULT; only zero-length ranges is 0 at once), then the target
 * (ESRCH; a caller that may not PTRACE_MODE_ATTACH_REALCREDS it EPERM,
 * unless it shares its mm).  Remote ranges are taken in order and stop at
 * the first page the target could not access that way itself -- nothing is
 * forced, unlike ptrace's PEEK/POKE -- and a local fault stops the copy
 * too.  The result is the bytes moved, or the error if none moved.
 *
 * Each step moves at most one remote page through a kernel buffer: the
 * target's mmap_lock is held only for the copy into or out of it, never
 * while touching the caller's memory (which could fault on the caller's
 * own lock, the same one when the target is a thread of the caller).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <linux-ish/uio.h>

/* @pid's mm, with a user reference, if the caller may read and write it. */
static struct mm_struct *process_vm_mm(pid_t pid)
{
	struct mm_struct *mm = NULL;
	struct task_struct *p;
	unsigned long flags;
	bool allowed = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p) {
		allowed = ptrace_may_access(p, PTRACE_MODE_ATTACH_REALCREDS);
		mm = get_task_mm(p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!mm)
		return ERR_PTR(-ESRCH);		/* none, a zombie, or a kernel thread */
	if (mm != current->mm && !allowed) {
		mmput(mm);
		return ERR_PTR(-EPERM);
	}
	return mm;
}

/* Where the next local byte goes or comes from. */
struct local_cursor {
	const struct iovec *iov;
	unsigned long left;		/* iovecs from iov on */
	size_t off;			/* into *iov */
};

/* The current local segment's remaining length (0: all done). */
static size_t local_avail(struct local_cursor *c)
{
	while (c->left && c->off == c->iov->iov_len) {
		c->iov++;
		c->left--;
		c->off = 0;
	}
	return c->left ? c->iov->iov_len - c->off : 0;
}

/*
 * One step: up to @n bytes (within one remote page and one local segment)
 * between remote @addr and the local cursor.  Bytes moved (then *@err is
 * 0, or -EFAULT after a short local copy), or 0 with *@err set.
 */
static size_t process_vm_step(struct mm_struct *mm, unsigned long addr, size_t n,
			      struct local_cursor *c, char *kbuf, bool write, int *err)
{
	char __user *local = (char __user *)c->iov->iov_base + c->off;
	size_t done;

	*err = 0;
	if (write) {
		done = n - copy_from_user(kbuf, local, n);
		if (done < n)
			*err = -EFAULT;
		if (done && !access_remote_page_flags(mm, addr, kbuf, done, true, false)) {
			*err = -EFAULT;
			return 0;
		}
	} else {
		if (!access_remote_page_flags(mm, addr, kbuf, n, false, false)) {
			*err = -EFAULT;
			return 0;
		}
		done = n - copy_to_user(local, kbuf, n);
		if (done < n)
			*err = -EFAULT;
	}
	c->off += done;
	return done;
}

/* Copies along the remote ranges until the local ones are full or a fault. */
static ssize_t process_vm_copy(struct mm_struct *mm, const struct iovec *remote,
			       unsigned long rcnt, struct local_cursor *c, bool write)
{
	char *kbuf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t moved = 0;
	int err = 0;

	if (!kbuf)
		return -ENOMEM;
	for (unsigned long r = 0; r < rcnt && !err; r++) {
		unsigned long addr = (__force unsigned long)remote[r].iov_base;
		size_t len = remote[r].iov_len;

		while (len && !err) {
			size_t n = min_t(size_t, len, PAGE_SIZE - (addr & ~PAGE_MASK));
			size_t avail = local_avail(c), done;

			if (!avail)
				goto out;
			n = min(n, avail);
			done = process_vm_step(mm, addr, n, c, kbuf, write, &err);
			moved += done;
			addr += done;
			len -= done;
		}
	}
out:
	kfree(kbuf);
	return moved ? moved : err;
}

static ssize_t process_vm_rw(pid_t pid, const struct iovec __user *lvec, unsigned long liovcnt,
			     const struct iovec __user *rvec, unsigned long riovcnt,
			     unsigned long flags, bool write)
{
	struct iovec *local, *remote;
	struct local_cursor c;
	struct mm_struct *mm;
	size_t ltotal, rtotal;
	ssize_t ret;

	if (flags)
		return -EINVAL;
	local = iovec_import(lvec, liovcnt, true, &ltotal);
	if (IS_ERR(local))
		return PTR_ERR(local);
	ret = 0;
	if (!ltotal)
		goto out_local;
	remote = iovec_import(rvec, riovcnt, false, &rtotal);
	ret = PTR_ERR(remote);
	if (IS_ERR(remote))
		goto out_local;
	ret = 0;
	if (!rtotal)
		goto out_remote;
	mm = process_vm_mm(pid);
	ret = PTR_ERR(mm);
	if (IS_ERR(mm))
		goto out_remote;
	c = (struct local_cursor){ .iov = local, .left = liovcnt, .off = 0 };
	ret = process_vm_copy(mm, remote, riovcnt, &c, write);
	mmput(mm);
out_remote:
	kfree(remote);
out_local:
	kfree(local);
	return ret;
}

SYSCALL_DEFINE6(process_vm_readv, pid_t, pid, const struct iovec __user *, lvec,
		unsigned long, liovcnt, const struct iovec __user *, rvec,
		unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

SYSCALL_DEFINE6(process_vm_writev, pid_t, pid, const struct iovec __user *, lvec,
		unsigned long, liovcnt, const struct iovec __user *, rvec,
		unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
