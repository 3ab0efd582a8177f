/*
 * Sending and receiving: the caller's iovecs, msghdrs and control
 * buffers checked and copied with Linux's errno (EMSGSIZE beyond
 * UIO_MAXIOV, EINVAL for a negative length, ENOBUFS for a control buffer
 * over optmem_max), then the family's sendmsg/recvmsg; send, sendto,
 * recv, recvfrom, sendmsg, recvmsg, sendmmsg, recvmmsg.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/timespec.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/net.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/time.h>
#include "internal.h"

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)
#define OPTMEM_MAX	20480		/* net.core.optmem_max: the largest control buffer */

/* Copies and checks the user's iovecs into @iov (kmalloc'd, or @fast). */
static long import_iovec(const struct iovec __user *uvec, unsigned long nr, struct iovec *fast,
			 struct iovec **iovp, struct iov_iter *it)
{
	struct iovec *iov = fast;
	size_t total = 0;

	if (nr > UIO_MAXIOV)
		return -EMSGSIZE;
	if (nr > 8) {
		iov = kmalloc(nr * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	*iovp = iov;
	if (nr && copy_from_user(iov, uvec, nr * sizeof(*iov)))
		return -EFAULT;
	for (unsigned long i = 0; i < nr; i++) {
		if ((ssize_t)iov[i].iov_len < 0)
			return -EINVAL;
		if (!access_ok(iov[i].iov_base, iov[i].iov_len))
			return -EFAULT;
		if (iov[i].iov_len > MAX_RW_COUNT - total)
			iov[i].iov_len = MAX_RW_COUNT - total;
		total += iov[i].iov_len;
	}
	*it = (struct iov_iter){ iov, nr, 0, total };
	/* Skip leading empty buffers so the walk starts on one with room. */
	while (it->nr && !it->iov->iov_len)
		it->iov++, it->nr--;
	return total;
}

static void free_iovec(struct iovec *iov, const struct iovec *fast)
{
	if (iov != fast)
		kfree(iov);
}

/* send/sendto: one buffer. */
long do_sendto(int fd, const void __user *buf, size_t len, unsigned int flags,
		      const void __user *uaddr, int alen)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	size_t n = len > MAX_RW_COUNT ? MAX_RW_COUNT : len;
	struct iovec iov = { (void __user *)buf, n };
	struct kmsg m = { .len = n, .iter = { &iov, 1, 0, n } };
	struct socket *sock;
	struct file *f;
	long err;

	if (!access_ok(buf, n))
		return -EFAULT;
	sock = sockfd_lookup(fd, &f);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	if (uaddr) {
		err = move_addr_to_kernel(uaddr, alen, addr);
		if (err)
			goto out_put;
		m.name = addr;
		m.namelen = alen;
	}
	if (f->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock->ops->sendmsg(sock, &m, flags);
out_put:
	fput(f);
	return err;
}

long do_recvfrom(int fd, void __user *buf, size_t len, unsigned int flags,
			void __user *uaddr, int __user *ulen)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	size_t n = len > MAX_RW_COUNT ? MAX_RW_COUNT : len;
	struct iovec iov = { buf, n };
	struct kmsg m = { .len = n, .iter = { &iov, 1, 0, n }, .name = addr };
	struct socket *sock;
	struct file *f;
	long ret;

	if (!access_ok(buf, n))
		return -EFAULT;
	sock = sockfd_lookup(fd, &f);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	if (f->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	ret = sock->ops->recvmsg(sock, &m, flags);
	if (ret >= 0 && uaddr) {
		long err = move_addr_to_user(addr, m.namelen, uaddr, ulen);

		if (err)
			ret = err;
	}
	fput(f);
	return ret;
}

/* A user msghdr in; its name length clamped as Linux does. */
static int copy_msghdr_from_user(struct user_msghdr *k, const struct user_msghdr __user *u)
{
	if (copy_from_user(k, u, sizeof(*k)))
		return -EFAULT;
	if (!k->msg_name)
		k->msg_namelen = 0;
	if (k->msg_namelen < 0)
		return -EINVAL;
	if (k->msg_namelen > SOCKADDR_STORAGE_SIZE)
		k->msg_namelen = SOCKADDR_STORAGE_SIZE;
	return 0;
}

/* sendmsg's control buffer, copied in and parsed into m->scm. */
static long sendmsg_control(const struct user_msghdr *h, struct kmsg *m)
{
	char *buf;
	long err;

	if (!h->msg_controllen)
		return 0;
	if (h->msg_controllen > OPTMEM_MAX)
		return -ENOBUFS;
	buf = kmalloc(h->msg_controllen, GFP_KERNEL);
	if (!buf)
		return -ENOBUFS;
	err = copy_from_user(buf, h->msg_control, h->msg_controllen) ? -EFAULT
		: scm_send(buf, h->msg_controllen, &m->scm);
	kfree(buf);
	return err;
}

/*
 * The start of sendmsg and recvmsg: @umsg's header in *@h, its iovec
 * imported into @m->iter (in @fast, or in *@iov allocated).  0 or
 * -errno; the caller frees with free_iovec(*@iov, @fast) either way.
 */
static long msghdr_import(struct user_msghdr __user *umsg, struct user_msghdr *h,
			  struct iovec *fast, struct iovec **iov, struct kmsg *m)
{
	long ret = copy_msghdr_from_user(h, umsg);

	if (ret)
		return ret;
	ret = import_iovec(h->msg_iov, h->msg_iovlen, fast, iov, &m->iter);
	if (ret < 0)
		return ret;
	m->len = ret;
	return 0;
}

static long sock_sendmsg_user(struct socket *sock, struct file *f,
			      struct user_msghdr __user *umsg, unsigned int flags)
{
	struct iovec fast[8], *iov = fast;
	char addr[SOCKADDR_STORAGE_SIZE];
	struct user_msghdr h;
	struct kmsg m = { .name = addr };
	long err = msghdr_import(umsg, &h, fast, &iov, &m);

	if (err)
		goto out_free;
	err = move_addr_to_kernel(h.msg_name, h.msg_namelen, addr);
	if (err)
		goto out_free;
	m.namelen = h.msg_namelen;
	err = sendmsg_control(&h, &m);
	if (!err) {
		if (f->f_flags & O_NONBLOCK)
			flags |= MSG_DONTWAIT;
		err = sock->ops->sendmsg(sock, &m, flags);
	}
	scm_destroy(&m.scm);
out_free:
	free_iovec(iov, fast);
	return err;
}

static long sock_recvmsg_user(struct socket *sock, struct file *f,
			      struct user_msghdr __user *umsg, unsigned int flags)
{
	struct iovec fast[8], *iov = fast;
	char addr[SOCKADDR_STORAGE_SIZE];
	struct user_msghdr h;
	struct kmsg m = { .name = addr };
	long ret = msghdr_import(umsg, &h, fast, &iov, &m);

	if (ret)
		goto out_free;
	m.control = h.msg_control;
	m.controllen = h.msg_controllen;
	m.cmsg_cloexec = flags & MSG_CMSG_CLOEXEC;
	m.flags = flags & MSG_CMSG_CLOEXEC;
	if (f->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	ret = sock->ops->recvmsg(sock, &m, flags);
	if (ret < 0)
		goto out_free;
	if (h.msg_name && move_addr_to_user(addr, m.namelen, h.msg_name, &umsg->msg_namelen))
		ret = -EFAULT;
	else if (put_user(m.flags, &umsg->msg_flags) ||
		 put_user(h.msg_controllen - m.controllen, &umsg->msg_controllen))
		ret = -EFAULT;
out_free:
	free_iovec(iov, fast);
	return ret;
}

long do_msg(int fd, struct user_msghdr __user *umsg, unsigned int flags, bool send)
{
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long ret;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	ret = send ? sock_sendmsg_user(sock, f, umsg, flags)
		   : sock_recvmsg_user(sock, f, umsg, flags);
	fput(f);
	return ret;
}

/*
 * sendmmsg/recvmmsg: one sendmsg/recvmsg per entry, stopping at the
 * first error (returned only when nothing was done).  recvmmsg's
 * timeout is checked after each message, as on Linux.
 */
long do_mmsg(int fd, struct user_mmsghdr __user *uvec, unsigned int vlen,
		    unsigned int flags, bool send, u64 end)
{
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long ret = 0;
	unsigned int i;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	vlen = min_t(unsigned int, vlen, UIO_MAXIOV);
	for (i = 0; i < vlen; i++) {
		ret = send ? sock_sendmsg_user(sock, f, &uvec[i].msg_hdr, flags & ~MSG_WAITFORONE)
			   : sock_recvmsg_user(sock, f, &uvec[i].msg_hdr, flags & ~MSG_WAITFORONE);
		if (ret < 0)
			break;
		if (put_user((unsigned int)ret, &uvec[i].msg_len)) {
			ret = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (end && local_clock() >= end) {
			i++;
			break;
		}
	}
	fput(f);
	return i ? (long)i : ret;
}

/* ---- the system calls ---- */

SYSCALL_DEFINE4(sendmmsg, int, fd, struct user_mmsghdr __user *, vec, unsigned int, vlen,
		unsigned int, flags)
{
	return do_mmsg(fd, vec, vlen, flags, true, 0);
}

/* recvmmsg with a timeout in either i386 layout (@time32). */
long do_recvmmsg(int fd, struct user_mmsghdr __user *vec, unsigned int vlen,
		 unsigned int flags, const void __user *uts, bool time32)
{
	struct timespec64 ts;
	u64 end = 0;

	if (uts) {
		if (get_user_timespec(&ts, uts, time32))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		end = local_clock() + (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	return do_mmsg(fd, vec, vlen, flags, false, end);
}

SYSCALL_DEFINE5(recvmmsg_time64, int, fd, struct user_mmsghdr __user *, vec, unsigned int, vlen,
		unsigned int, flags, struct __kernel_timespec __user *, uts)
{
	return do_recvmmsg(fd, vec, vlen, flags, uts, false);
}

SYSCALL_DEFINE5(recvmmsg, int, fd, struct user_mmsghdr __user *, vec, unsigned int, vlen,
		unsigned int, flags, struct old_timespec32 __user *, uts)
{
	return do_recvmmsg(fd, vec, vlen, flags, uts, true);
}
