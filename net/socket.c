/*
 * The socket layer: sockets as files of the internal file system sockfs,
 * and the system calls, both direct (socket 359 ... shutdown 373) and
 * through socketcall (102); sending and receiving are in socket_msg.c.
 *
 * Each call finds the socket behind a descriptor (EBADF, ENOTSOCK),
 * copies addresses, iovecs and control messages between user memory and
 * the kernel with Linux's checks and errno, then calls the family's
 * proto_ops.  AF_UNIX is the only family (net/unix/); every other one
 * is EAFNOSUPPORT, as on a Linux built without its networking.
 *
 * Locking: none here; a socket lives while its file does (the callers
 * hold a file reference for the whole call).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/net.h>
#include <linux-ish/poll.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/magic.h>
#include <uapi/linux-ish/time.h>
#include "internal.h"


static struct vfsmount *sock_mnt;

static int sockfs_fill_super(struct super_block *sb, char *data)
{
	sb->s_magic = SOCKFS_MAGIC;
	return 0;
}

static struct file_system_type sock_fs_type = {
	.name = "sockfs",
	.fill_super = sockfs_fill_super,
};

void sock_init(void)
{
	sock_mnt = kern_mount(&sock_fs_type);
	unix_init();
}

static int sock_no_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

const struct file_operations bad_sock_fops = {
	.open = sock_no_open,
};

/* ---- sockets as files ---- */

static long sock_io(struct file *f, void __user *buf, size_t len, bool send)
{
	struct socket *sock = f->private_data;
	struct iovec iov = { buf, len };
	struct kmsg m = { .len = len, .iter = { &iov, 1, 0, len } };
	int flags = (f->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;

	return send ? sock->ops->sendmsg(sock, &m, flags) : sock->ops->recvmsg(sock, &m, flags);
}

static ssize_t sock_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	if (!len)
		return 0;
	return sock_io(f, buf, len, false);
}

static ssize_t sock_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	return sock_io(f, (void __user *)buf, len, true);
}

static __poll_t sock_poll(struct file *f, struct poll_table_struct *pt)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, pt);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;

	return sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOTTY;
}

static int sock_close(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private_data;

	if (sock->ops)
		sock->ops->release(sock);
	kfree(sock);
	return 0;
}

/* A reference went, others remain: maybe only messages in flight hold it now. */
static void sock_put_ref(struct file *f)
{
	struct socket *sock = f->private_data;

	if (sock->ops && sock->ops->family == AF_UNIX)
		unix_gc();
}

static const struct file_operations socket_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_close,
	.put = sock_put_ref,
};

struct socket *sock_from_file(struct file *f)
{
	return f->f_op == &socket_fops ? f->private_data : NULL;
}

/*
 * A new socket of @type with its file "socket:[ino]" (O_RDWR plus
 * O_NONBLOCK from @flags), no family yet (sock->ops NULL: closing the
 * file frees just the socket).  0 or -ENOMEM.
 */
static int sock_alloc_file(int type, int flags, struct socket **res)
{
	struct socket *sock = kzalloc(sizeof(*sock), GFP_KERNEL);
	struct inode *inode = sock ? new_inode(sock_mnt->mnt_sb, S_IFSOCK | 0777) : NULL;
	struct file *f;
	char name[32];

	if (!inode) {
		kfree(sock);
		return -ENOMEM;
	}
	inode->i_private = sock;
	snprintf(name, sizeof(name), "socket:[%lu]", inode->i_ino);
	f = alloc_file_pseudo(inode, sock_mnt, name, O_RDWR | (flags & O_NONBLOCK), &socket_fops);
	if (IS_ERR(f)) {
		kfree(sock);
		return PTR_ERR(f);
	}
	f->private_data = sock;
	sock->file = f;
	sock->type = type;
	*res = sock;
	return 0;
}

/* The socket behind @fd, its file referenced in *fp; or ERR_PTR(-EBADF/-ENOTSOCK). */
struct socket *sockfd_lookup(int fd, struct file **fp)
{
	struct file *f = fget(fd);
	struct socket *sock;

	if (!f)
		return ERR_PTR(-EBADF);
	sock = sock_from_file(f);
	if (!sock) {
		fput(f);
		return ERR_PTR(-ENOTSOCK);
	}
	*fp = f;
	return sock;
}

/* Which family makes sockets of @family; NULL for the absent ones. */
static const struct net_proto_family *sock_family(int family)
{
	return family == AF_UNIX ? &unix_family_ops : NULL;
}

/* Checks socket()'s arguments, splitting @type into type and flags. */
static int sock_check(int family, int *type, int *flags)
{
	*flags = *type & ~SOCK_TYPE_MASK;
	*type &= SOCK_TYPE_MASK;
	if (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (*type >= SOCK_MAX)
		return -EINVAL;
	if (!sock_family(family))
		return -EAFNOSUPPORT;
	return 0;
}

/* A socket of the family made and its file referenced; 0 or -errno. */
static int sock_create(int family, int type, int protocol, int flags, struct socket **res)
{
	struct socket *sock;
	int err = sock_alloc_file(type, flags, &sock);

	if (err)
		return err;
	err = sock_family(family)->create(sock, protocol);
	if (err) {
		fput(sock->file);
		return err;
	}
	*res = sock;
	return 0;
}

/* Installs @sock's file at a new descriptor; or drops it.  The fd or -errno. */
static long sock_map_fd(struct socket *sock, int flags)
{
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);

	if (fd < 0) {
		fput(sock->file);
		return fd;
	}
	fd_install(fd, sock->file);
	return fd;
}

static long do_socket(int family, int type, int protocol)
{
	struct socket *sock;
	int flags, err = sock_check(family, &type, &flags);

	if (!err)
		err = sock_create(family, type, protocol, flags, &sock);
	return err ? err : sock_map_fd(sock, flags);
}

static long do_socketpair(int family, int type, int protocol, int __user *usv)
{
	struct socket *a, *b;
	int flags, fds[2], err = sock_check(family, &type, &flags);

	if (err)
		return err;
	err = sock_create(family, type, protocol, flags, &a);
	if (err)
		return err;
	err = sock_create(family, type, protocol, flags, &b);
	if (err)
		goto out_a;
	err = a->ops->socketpair(a, b);
	if (err)
		goto out_b;
	fds[0] = get_unused_fd_flags(flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : get_unused_fd_flags(flags & O_CLOEXEC);
	err = fds[1] < 0 ? fds[1] : 0;
	if (!err && copy_to_user(usv, fds, sizeof(fds)))
		err = -EFAULT;
	if (err) {
		if (fds[0] >= 0)
			put_unused_fd(fds[0]);
		if (fds[1] >= 0 && fds[1] != fds[0])
			put_unused_fd(fds[1]);
		goto out_b;
	}
	fd_install(fds[0], a->file);
	fd_install(fds[1], b->file);
	return 0;

out_b:
	fput(b->file);
out_a:
	fput(a->file);
	return err;
}

/* ---- addresses ---- */

/* Copies a user address into @kaddr (SOCKADDR_STORAGE_SIZE bytes). */
int move_addr_to_kernel(const void __user *uaddr, int ulen, void *kaddr)
{
	if (ulen < 0 || ulen > SOCKADDR_STORAGE_SIZE)
		return -EINVAL;
	if (ulen && copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/* Gives an address of @klen bytes back: at most *ulen bytes, then *ulen = @klen. */
int move_addr_to_user(const void *kaddr, int klen, void __user *uaddr,
			     int __user *ulen)
{
	int len;

	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = min(len, klen);
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

/* Runs @fn on the socket behind @fd with a kernel copy of the address. */
static long sock_addr_call(int fd, const void __user *uaddr, int len, bool connect)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = move_addr_to_kernel(uaddr, len, addr);
	if (!err)
		err = connect ? sock->ops->connect(sock, addr, len, f->f_flags)
			      : sock->ops->bind(sock, addr, len);
	fput(f);
	return err;
}

static long do_getname(int fd, void __user *uaddr, int __user *ulen, int peer)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long len;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	len = sock->ops->getname(sock, addr, peer);
	if (len >= 0)
		len = move_addr_to_user(addr, len, uaddr, ulen);
	fput(f);
	return len;
}

static long do_listen(int fd, int backlog)
{
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = sock->ops->listen(sock, backlog);
	fput(f);
	return err;
}

static long do_accept4(int fd, void __user *uaddr, int __user *ulen, int flags)
{
	char addr[SOCKADDR_STORAGE_SIZE];
	struct socket *sock, *newsock;
	struct file *f;
	long err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &f);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = sock_alloc_file(sock->type, flags, &newsock);
	if (err)
		goto out_put;
	err = sock->ops->accept(sock, newsock, f->f_flags);
	if (!err && uaddr) {
		int len = newsock->ops->getname(newsock, addr, 1);

		err = len < 0 ? len : move_addr_to_user(addr, len, uaddr, ulen);
	}
	if (err)
		fput(newsock->file);
	else
		err = sock_map_fd(newsock, flags);
out_put:
	fput(f);
	return err;
}

static long do_shutdown(int fd, int how)
{
	struct file *f;
	struct socket *sock = sockfd_lookup(fd, &f);
	long err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = sock->ops->shutdown(sock, how);
	fput(f);
	return err;
}

/* ---- options ---- */

static long do_setsockopt(int fd, int level, int name, const void __user *uval, int len)
{
	struct file *f;
	struct socket *sock;
	long err;

	if (len < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &f);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = -EOPNOTSUPP;
	if (level == SOL_SOCKET) {
		char val[16] = { 0 };

		err = copy_from_user(val, uval, min_t(int, len, sizeof(val))) ? -EFAULT : 0;
		if (!err)
			err = sock->ops->setsockopt(sock, name, val, len);
	}
	fput(f);
	return err;
}

static long do_getsockopt(int fd, int level, int name, void __user *uval, int __user *ulen)
{
	char val[16] = { 0 };
	struct file *f;
	struct socket *sock;
	int len;
	long err;

	sock = sockfd_lookup(fd, &f);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = -EFAULT;
	if (get_user(len, ulen))
		goto out_put;
	err = -EINVAL;
	if (len < 0)
		goto out_put;
	err = -EOPNOTSUPP;
	if (level == SOL_SOCKET)
		err = sock->ops->getsockopt(sock, name, val, &len);
	if (!err && (copy_to_user(uval, val, len) || put_user(len, ulen)))
		err = -EFAULT;
out_put:
	fput(f);
	return err;
}

/* ---- the system calls ---- */

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	return do_socket(family, type, protocol);
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int __user *, usv)
{
	return do_socketpair(family, type, protocol, usv);
}

SYSCALL_DEFINE3(bind, int, fd, const void __user *, addr, int, len)
{
	return sock_addr_call(fd, addr, len, false);
}

SYSCALL_DEFINE3(connect, int, fd, const void __user *, addr, int, len)
{
	return sock_addr_call(fd, addr, len, true);
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	return do_listen(fd, backlog);
}

SYSCALL_DEFINE4(accept4, int, fd, void __user *, addr, int __user *, len, int, flags)
{
	return do_accept4(fd, addr, len, flags);
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name, void __user *, val,
		int __user *, len)
{
	return do_getsockopt(fd, level, name, val, len);
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name, const void __user *, val,
		int, len)
{
	return do_setsockopt(fd, level, name, val, len);
}

SYSCALL_DEFINE3(getsockname, int, fd, void __user *, addr, int __user *, len)
{
	return do_getname(fd, addr, len, 0);
}

SYSCALL_DEFINE3(getpeername, int, fd, void __user *, addr, int __user *, len)
{
	return do_getname(fd, addr, len, 1);
}

SYSCALL_DEFINE6(sendto, int, fd, const void __user *, buf, size_t, len, unsigned int, flags,
		const void __user *, addr, int, alen)
{
	return do_sendto(fd, buf, len, flags, addr, alen);
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, buf, size_t, len, unsigned int, flags,
		void __user *, addr, int __user *, alen)
{
	return do_recvfrom(fd, buf, len, flags, addr, alen);
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct user_msghdr __user *, msg, unsigned int, flags)
{
	return do_msg(fd, msg, flags, true);
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr __user *, msg, unsigned int, flags)
{
	return do_msg(fd, msg, flags, false);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	return do_shutdown(fd, how);
}

/* socketcall: how many argument words each sub-call reads. */
static const unsigned char socketcall_nargs[SYS_SENDMMSG + 1] = {
	0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4
};

static long socketcall_dispatch(int call, const unsigned long *a)
{
	switch (call) {
	case SYS_SOCKET:	return do_socket(a[0], a[1], a[2]);
	case SYS_BIND:		return sock_addr_call(a[0], (void __user *)a[1], a[2], false);
	case SYS_CONNECT:	return sock_addr_call(a[0], (void __user *)a[1], a[2], true);
	case SYS_LISTEN:	return do_listen(a[0], a[1]);
	case SYS_ACCEPT:	return do_accept4(a[0], (void __user *)a[1], (int __user *)a[2], 0);
	case SYS_GETSOCKNAME:	return do_getname(a[0], (void __user *)a[1], (int __user *)a[2], 0);
	case SYS_GETPEERNAME:	return do_getname(a[0], (void __user *)a[1], (int __user *)a[2], 1);
	case SYS_SOCKETPAIR:	return do_socketpair(a[0], a[1], a[2], (int __user *)a[3]);
	case SYS_SEND:		return do_sendto(a[0], (void __user *)a[1], a[2], a[3], NULL, 0);
	case SYS_RECV:		return do_recvfrom(a[0], (void __user *)a[1], a[2], a[3], NULL, NULL);
	case SYS_SENDTO:	return do_sendto(a[0], (void __user *)a[1], a[2], a[3],
						 (void __user *)a[4], a[5]);
	case SYS_RECVFROM:	return do_recvfrom(a[0], (void __user *)a[1], a[2], a[3],
						   (void __user *)a[4], (int __user *)a[5]);
	case SYS_SHUTDOWN:	return do_shutdown(a[0], a[1]);
	case SYS_SETSOCKOPT:	return do_setsockopt(a[0], a[1], a[2], (void __user *)a[3], a[4]);
	case SYS_GETSOCKOPT:	return do_getsockopt(a[0], a[1], a[2], (void __user *)a[3],
						     (int __user *)a[4]);
	case SYS_SENDMSG:	return do_msg(a[0], (void __user *)a[1], a[2], true);
	case SYS_RECVMSG:	return do_msg(a[0], (void __user *)a[1], a[2], false);
	case SYS_ACCEPT4:	return do_accept4(a[0], (void __user *)a[1], (int __user *)a[2], a[3]);
	case SYS_RECVMMSG:	return do_recvmmsg(a[0], (void __user *)a[1], a[2], a[3],
						   (void __user *)a[4], true);
	case SYS_SENDMMSG:	return do_mmsg(a[0], (void __user *)a[1], a[2], a[3], true, 0);
	}
	return -EINVAL;
}

SYSCALL_DEFINE2(socketcall, int, call, unsigned long __user *, args)
{
	unsigned long a[6];

	if (call < 1 || call > SYS_SENDMMSG)
		return -EINVAL;
	if (copy_from_user(a, args, socketcall_nargs[call] * sizeof(a[0])))
		return -EFAULT;
	return socketcall_dispatch(call, a);
}
