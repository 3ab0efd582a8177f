/*
 * The socket layer (net/socket.c) and what a protocol family provides.
 *
 * A socket is a file of sockfs: the file's private_data and the inode's
 * i_private point at its struct socket, which lives until the file's
 * last close (->release).  The family's own object (sk) may live longer:
 * net/unix keeps its unix_sock while peers and queued messages name it.
 *
 * A message crosses the layer as a struct kmsg: the address already
 * copied in (or the buffer to copy it out to), the user's iovecs copied
 * into the kernel and checked, the control messages parsed (send) or the
 * user's control buffer (receive).
 */
#ifndef _LINUX_ISH_NET_H
#define _LINUX_ISH_NET_H

#include <linux-ish/types.h>
#include <linux-ish/fs.h>
#include <uapi/linux-ish/socket.h>
#include <uapi/linux-ish/uio.h>

struct poll_table_struct;
struct socket;

/* Descriptors in flight: files referenced by one message. */
struct scm_fp_list {
	int count;
	struct file *fp[SCM_MAX_FD];
	struct scm_fp_list *next;	/* net/unix/garbage.c's chain */
};

/* What sendmsg's control messages carried (each part optional). */
struct scm_cookie {
	struct scm_fp_list *fp;		/* SCM_RIGHTS */
	struct user_ucred creds;	/* SCM_CREDENTIALS, when has_creds */
	bool has_creds;
};

/* A walk over the user's buffers. */
struct iov_iter {
	const struct iovec *iov;
	unsigned long nr;
	size_t iov_off;			/* into iov[0] */
	size_t count;			/* bytes left */
};

struct kmsg {
	/* The address: send's destination (namelen 0: none); receive's source. */
	void *name;			/* SOCKADDR_STORAGE_SIZE bytes */
	int namelen;
	struct iov_iter iter;
	size_t len;			/* the total the caller asked for */
	/* send: parsed control messages */
	struct scm_cookie scm;
	/* receive: the user's control buffer, consumed as messages are put */
	void __user *control;
	size_t controllen;
	unsigned int flags;		/* receive: the MSG_* that come back */
	bool cmsg_cloexec;		/* MSG_CMSG_CLOEXEC */
};

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, void *addr, int len);
	int (*connect)(struct socket *sock, void *addr, int len, int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* The address length written to @addr (SOCKADDR_STORAGE_SIZE bytes), or -errno. */
	int (*getname)(struct socket *sock, void *addr, int peer);
	__poll_t (*poll)(struct file *f, struct socket *sock, struct poll_table_struct *pt);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	/* SOL_SOCKET options: 0 or -errno; get fills *val and *len (<= its input). */
	int (*setsockopt)(struct socket *sock, int name, const void *val, int len);
	int (*getsockopt)(struct socket *sock, int name, void *val, int *len);
	/* Bytes sent, or -errno; @flags are the caller's MSG_*. */
	long (*sendmsg)(struct socket *sock, struct kmsg *m, int flags);
	long (*recvmsg)(struct socket *sock, struct kmsg *m, int flags);
};

struct socket {
	short type;			/* SOCK_STREAM... */
	struct file *file;		/* no reference: the file owns us */
	const struct proto_ops *ops;
	void *sk;			/* the family's object */
};

struct net_proto_family {
	int family;
	/* Fills sock->ops and sock->sk for @sock->type; 0 or -errno. */
	int (*create)(struct socket *sock, int protocol);
};

/* The socket behind @f, or NULL if @f is not a socket. */
struct socket *sock_from_file(struct file *f);
/* Blocking calls wait this long by default (SO_RCVTIMEO/SO_SNDTIMEO unset). */
#define SOCK_FOREVER	LONG_MAX

/* iov_iter helpers: bytes copied, or -EFAULT when nothing could be. */
long copy_from_iter(void *dst, size_t n, struct iov_iter *it);
long copy_to_iter(const void *src, size_t n, struct iov_iter *it);

/* Receive-side control messages: 0, or the buffer was too small (MSG_CTRUNC set). */
int put_cmsg(struct kmsg *m, int level, int type, int len, const void *data);
/* Installs @fpl's files as descriptors in an SCM_RIGHTS message; drops the rest. */
void scm_detach_fds(struct kmsg *m, struct scm_fp_list *fpl);
/* Parses sendmsg's control messages (a kernel copy); 0 or -errno. */
int scm_send(const char *buf, size_t len, struct scm_cookie *scm);
void scm_destroy(struct scm_cookie *scm);
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
void scm_fp_free(struct scm_fp_list *fpl);

/* The caller's credentials as SO_PEERCRED and SCM_CREDENTIALS report them. */
void current_ucred(struct user_ucred *uc);		/* a message's sender: real ids */
void current_peercred(struct user_ucred *uc);		/* SO_PEERCRED: effective ids */

/* net/unix/garbage.c: frees AF_UNIX sockets only messages in flight hold. */
void unix_gc(void);

void sock_init(void);
void unix_init(void);
extern const struct net_proto_family unix_family_ops;

#endif
