/* What net/socket.c and net/socket_msg.c share. */
#ifndef _NET_INTERNAL_H
#define _NET_INTERNAL_H

#include <linux-ish/net.h>
#include <uapi/linux-ish/time.h>

/* The socket behind @fd, its file referenced in *fp; or ERR_PTR(-EBADF/-ENOTSOCK). */
struct socket *sockfd_lookup(int fd, struct file **fp);
/* A user address into @kaddr (SOCKADDR_STORAGE_SIZE bytes); EINVAL for a bad length. */
int move_addr_to_kernel(const void __user *uaddr, int ulen, void *kaddr);
/* An address of @klen bytes back: at most *ulen bytes, then *ulen = @klen. */
int move_addr_to_user(const void *kaddr, int klen, void __user *uaddr, int __user *ulen);

/* socket_msg.c: the bodies socketcall shares with the direct calls. */
long do_sendto(int fd, const void __user *buf, size_t len, unsigned int flags,
	       const void __user *uaddr, int alen);
long do_recvfrom(int fd, void __user *buf, size_t len, unsigned int flags,
		 void __user *uaddr, int __user *ulen);
long do_msg(int fd, struct user_msghdr __user *umsg, unsigned int flags, bool send);
long do_mmsg(int fd, struct user_mmsghdr __user *uvec, unsigned int vlen, unsigned int flags,
	     bool send, u64 end);
long do_recvmmsg(int fd, struct user_mmsghdr __user *vec, unsigned int vlen, unsigned int flags,
		 const void __user *uts, bool time32);

#endif
