/*
 * AF_UNIX internals shared by af_unix.c and msg.c.  Documentation/
 * networking/unix-sockets.md describes the objects and their reference rules.
 *
 * Locking: Linnet's kernel is not preemptible and runs on one CPU, so a
 * socket's state is checked and changed without sleeping in between and
 * needs no lock of its own; nothing here runs in interrupt context.  The
 * sleeps are the wait loops (which recheck everything after waking) and
 * the copies from and to user memory: a sender copies into a message
 * that is not queued yet; a receiver copies out under u->iolock, so two
 * readers never take the same bytes.
 */
#ifndef _NET_UNIX_AF_UNIX_H
#define _NET_UNIX_AF_UNIX_H

#include <linux-ish/list.h>
#include <linux-ish/mutex.h>
#include <linux-ish/net.h>
#include <linux-ish/wait.h>
#include <asm/atomic.h>

#define UNIX_CLOSE	0		/* unconnected (or disconnected) */
#define UNIX_LISTEN	1
#define UNIX_ESTABLISHED 2

#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

#define UNIX_WMEM_DEFAULT	212992	/* net.core.wmem_default */
#define UNIX_WMEM_MAX		212992	/* net.core.wmem_max / rmem_max */
#define UNIX_SNDBUF_MIN		4608
#define UNIX_RCVBUF_MIN		2304
#define UNIX_DGRAM_QLEN		10	/* net.unix.max_dgram_qlen */
#define UNIX_SOMAXCONN		4096	/* net.core.somaxconn */
#define UNIX_SKB_OVERHEAD	256	/* charged per message beside its bytes */
#define UNIX_STREAM_CHUNK	16384	/* the largest stream message */
#define UNIX_RECURSION_LIMIT	4

/* A bound name: shared by the socket, its accepted sockets and messages. */
struct unix_address {
	atomic_t refcnt;
	int len;			/* a path name's ends with its NUL (up to 111) */
	char name[SOCKADDR_STORAGE_SIZE];	/* a struct sockaddr_un_k */
};

/* A message (stream bytes, a datagram, or a connection request). */
struct unix_skb {
	struct list_head list;		/* in the receiver's rcvq */
	struct unix_sock *sender;	/* referenced; charged truesize */
	unsigned int truesize;
	size_t len, off;		/* bytes; consumed (stream) */
	struct unix_address *addr;	/* the sender's name (referenced) or NULL */
	struct scm_fp_list *fp;		/* descriptors in flight */
	struct user_ucred cred;
	struct unix_sock *embryo;	/* a connection request: the new socket */
	char data[];
};

struct unix_sock {
	atomic_t refcnt;		/* the socket, the peer, queued messages */
	struct socket *sock;		/* NULL for an embryo or once released */
	int type;
	int state;			/* UNIX_CLOSE, UNIX_LISTEN, UNIX_ESTABLISHED */
	bool dead;			/* released: nothing is queued to it any more */
	unsigned int shutdown;		/* RCV_SHUTDOWN, SEND_SHUTDOWN */
	int err;			/* SO_ERROR, cleared when read */
	struct unix_sock *peer;		/* referenced */
	struct unix_address *addr;	/* referenced */
	struct path path;		/* a bound file-system name (mnt NULL: none) */
	struct list_head bound;		/* in unix_bound (when addr is set) */
	struct list_head rcvq;
	unsigned int rcvq_len;		/* messages in rcvq */
	unsigned int wmem;		/* truesize of sent messages not yet consumed */
	unsigned int sndbuf, rcvbuf;
	unsigned int backlog;		/* listen(): requests allowed beyond this many */
	long rcvtimeo, sndtimeo;	/* jiffies; SOCK_FOREVER */
	bool passcred;
	unsigned int opts;		/* accepted options that change nothing (bits) */
	int priority;			/* SO_PRIORITY */
	struct user_ucred peercred;	/* SO_PEERCRED */
	int recursion_level;		/* how deep sockets in flight nest in rcvq */
	unsigned int inflight;		/* queued messages that carry our file */
	struct list_head inflight_link;	/* in unix_inflight_list while inflight */
	bool gc_candidate;		/* unix_gc()'s own */
	int gc_refs;
	struct list_head gc_link;
	struct mutex iolock;		/* readers */
	struct wait_queue_head wq;	/* readers, writers, accept, connect, pollers */
};

static inline struct unix_sock *unix_sk(struct socket *sock)
{
	return sock->sk;
}

static inline void unix_hold(struct unix_sock *u)
{
	atomic_inc(&u->refcnt);
}

void unix_put(struct unix_sock *u);
bool unix_is_sock(const struct socket *s);
/* garbage.c: counts the AF_UNIX sockets among @fpl's files in or out of flight. */
void unix_inflight(struct scm_fp_list *fpl);
void unix_notinflight(struct scm_fp_list *fpl);
void unix_free_skb(struct unix_skb *skb);
struct unix_skb *unix_alloc_skb(struct unix_sock *sender, size_t len);
void unix_queue_skb(struct unix_sock *to, struct unix_skb *skb);
int unix_autobind(struct unix_sock *u);
/* The socket bound to the name in @addr of @len bytes; referenced, or ERR_PTR. */
struct unix_sock *unix_find_other(void *addr, int len, int type);
int unix_validate_addr(const struct sockaddr_un_k *sun, int len);
int unix_attach_fds(struct unix_skb *skb, struct scm_fp_list *fpl);

/*
 * Sleeps on u->wq until @cond, with *@timeo jiffies left (0: do not
 * sleep).  0, -EAGAIN when the time is up, -ERESTARTSYS (-EINTR with a
 * timeout set) on a signal.  *@timeo is updated.
 */
#define unix_wait(u, cond, timeo) ({						\
	struct wait_queue_entry __w = { .task = NULL };				\
	int __ret = 0;								\
	for (;;) {								\
		prepare_to_wait(&(u)->wq, &__w, TASK_INTERRUPTIBLE);		\
		if (cond)							\
			break;							\
		if (!*(timeo)) {						\
			__ret = -EAGAIN;					\
			break;							\
		}								\
		if (signal_pending(current)) {					\
			__ret = *(timeo) == SOCK_FOREVER ? -ERESTARTSYS : -EINTR; \
			break;							\
		}								\
		if (*(timeo) == SOCK_FOREVER)					\
			schedule();						\
		else								\
			*(timeo) = schedule_timeout(*(timeo));			\
	}									\
	finish_wait(&(u)->wq, &__w);						\
	__ret;									\
})

/* A datagram receiver's queue is full (max_dgram_qlen, as Linux counts). */
static inline bool unix_recvq_full_dgram(const struct unix_sock *u)
{
	return u->rcvq_len > UNIX_DGRAM_QLEN;
}

/* sockopt.c: SOL_SOCKET options (see linux-ish/net.h's proto_ops). */
int unix_setsockopt(struct socket *sock, int name, const void *val, int len);
int unix_getsockopt(struct socket *sock, int name, void *val, int *len);

long unix_stream_sendmsg(struct socket *sock, struct kmsg *m, int flags);
long unix_stream_recvmsg(struct socket *sock, struct kmsg *m, int flags);
long unix_dgram_sendmsg(struct socket *sock, struct kmsg *m, int flags);
long unix_dgram_recvmsg(struct socket *sock, struct kmsg *m, int flags);

#endif
