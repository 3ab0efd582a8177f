/*
 * AF_UNIX sockets: the objects, names, connections and their ends.
 *
 * A struct unix_sock is the family's object behind a socket.  Names
 * live on one list, unix_bound: a path name is an S_IFSOCK inode made
 * in the file system by bind (the socket holds its path), looked up by
 * connect/sendto through that inode; an abstract name (leading NUL) is
 * just its bytes.  A stream or seqpacket connect makes the server's end
 * at once (an "embryo"), connects the client to it and queues a request
 * on the listener, where accept finds it.  Messages (net/unix/msg.c) are
 * unix_skbs on the receiver's rcvq, charged to their sender's wmem.
 * af_unix.h has the locking rules; unix-sockets.md the reference rules.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/net.h>
#include <linux-ish/poll.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/termios.h>
#include <uapi/linux-ish/time.h>
#include "af_unix.h"

#define SUN_PATH_OFF	2		/* offsetof(struct sockaddr_un, sun_path) */

static LIST_HEAD(unix_bound);
static unsigned int unix_autobind_next;
static const struct proto_ops unix_ops;

/* ---- objects ---- */

bool unix_is_sock(const struct socket *s)
{
	return s->ops == &unix_ops;
}

static void unix_addr_put(struct unix_address *a)
{
	if (a && atomic_dec_and_test(&a->refcnt))
		kfree(a);
}

static struct unix_address *unix_addr_get(struct unix_address *a)
{
	if (a)
		atomic_inc(&a->refcnt);
	return a;
}

static struct unix_sock *unix_sock_alloc(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return NULL;
	atomic_set(&u->refcnt, 1);
	u->type = type;
	INIT_LIST_HEAD(&u->bound);
	INIT_LIST_HEAD(&u->rcvq);
	u->sndbuf = u->rcvbuf = UNIX_WMEM_DEFAULT;
	u->backlog = UNIX_DGRAM_QLEN;
	u->rcvtimeo = u->sndtimeo = SOCK_FOREVER;
	u->peercred.uid = u->peercred.gid = (u32)-1;
	mutex_init(&u->iolock);
	init_waitqueue_head(&u->wq);
	return u;
}

void unix_put(struct unix_sock *u)
{
	if (!atomic_dec_and_test(&u->refcnt))
		return;
	WARN_ON(!list_empty(&u->rcvq) || u->wmem);
	unix_addr_put(u->addr);
	kfree(u);
}

/* A message of @len data bytes charged to @sender; NULL if no memory. */
struct unix_skb *unix_alloc_skb(struct unix_sock *sender, size_t len)
{
	struct unix_skb *skb = kzalloc(offsetof(struct unix_skb, data) + len, GFP_KERNEL);

	if (!skb)
		return NULL;
	skb->len = len;
	skb->truesize = len + UNIX_SKB_OVERHEAD;
	skb->sender = sender;
	unix_hold(sender);
	sender->wmem += skb->truesize;
	return skb;
}

/* Frees an unlinked message: its files, its name, its charge (waking the sender). */
void unix_free_skb(struct unix_skb *skb)
{
	struct unix_sock *sender = skb->sender;

	if (skb->fp)
		unix_notinflight(skb->fp);
	scm_fp_free(skb->fp);
	unix_addr_put(skb->addr);
	sender->wmem -= skb->truesize;
	wake_up(&sender->wq);
	unix_put(sender);
	kfree(skb);
}

void unix_queue_skb(struct unix_sock *to, struct unix_skb *skb)
{
	list_add_tail(&skb->list, &to->rcvq);
	to->rcvq_len++;
	wake_up(&to->wq);
}

/*
 * References @fpl's files from @skb.  Sockets in flight may themselves
 * hold messages with sockets; more than UNIX_RECURSION_LIMIT levels is
 * ETOOMANYREFS (as Linux), which bounds the release recursion.  The new
 * level, or -errno.
 */
int unix_attach_fds(struct unix_skb *skb, struct scm_fp_list *fpl)
{
	int level = 0;

	for (int i = 0; i < fpl->count; i++) {
		struct socket *s = sock_from_file(fpl->fp[i]);

		if (s && unix_is_sock(s))
			level = max(level, unix_sk(s)->recursion_level);
	}
	if (level >= UNIX_RECURSION_LIMIT)
		return -ETOOMANYREFS;
	skb->fp = scm_fp_dup(fpl);
	if (!skb->fp)
		return -ENOMEM;
	unix_inflight(skb->fp);
	return level + 1;
}

/* ---- names ---- */

int unix_validate_addr(const struct sockaddr_un_k *sun, int len)
{
	if (len <= SUN_PATH_OFF || len > (int)sizeof(*sun))
		return -EINVAL;
	if (sun->sun_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

static struct unix_address *unix_addr_alloc(const void *name, int len)
{
	struct unix_address *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	atomic_set(&a->refcnt, 1);
	a->len = len;
	memcpy(a->name, name, len);
	return a;
}

static struct unix_sock *unix_find_abstract(const void *name, int len)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound)
		if (!u->path.mnt && u->addr->len == len && !memcmp(u->addr->name, name, len))
			return u;
	return NULL;
}

static struct unix_sock *unix_find_inode(const struct inode *inode)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound)
		if (u->path.mnt && u->path.dentry->d_inode == inode)
			return u;
	return NULL;
}

/* Names @u with @a (taking the reference). */
static void unix_set_addr(struct unix_sock *u, struct unix_address *a)
{
	u->addr = a;
	list_add_tail(&u->bound, &unix_bound);
}

int unix_autobind(struct unix_sock *u)
{
	struct sockaddr_un_k sun = { .sun_family = AF_UNIX };
	struct unix_address *a;
	char hex[8];

	if (u->addr)
		return 0;
	for (unsigned int tries = 0; tries <= 0xfffff; tries++) {
		unix_autobind_next = (unix_autobind_next + 1) & 0xfffff;
		snprintf(hex, sizeof(hex), "%05x", unix_autobind_next);
		memcpy(sun.sun_path + 1, hex, 5);
		if (!unix_find_abstract(&sun, SUN_PATH_OFF + 6))
			break;
		if (tries == 0xfffff)
			return -ENOSPC;
	}
	a = unix_addr_alloc(&sun, SUN_PATH_OFF + 6);
	if (!a)
		return -ENOMEM;
	unix_set_addr(u, a);
	return 0;
}

/* The NUL-terminated path of a path-name address, and the address's length. */
static int unix_path_name(const struct sockaddr_un_k *sun, int len, char *path)
{
	int n = strnlen(sun->sun_path, len - SUN_PATH_OFF);

	memcpy(path, sun->sun_path, n);
	path[n] = '\0';
	return SUN_PATH_OFF + n + 1;
}

/* Makes the S_IFSOCK node @path; *@out gets its path, referenced. */
static int unix_mknod(char *path, struct path *out)
{
	struct path dir;
	const char *last;
	struct dentry *d;
	int err = lookup_parent(AT_FDCWD, path, &last, &dir);

	if (err)
		return err == -EEXIST || err == -EBUSY ? -EADDRINUSE : err;
	err = mnt_want_write(dir.mnt);
	if (!err && d_lookup(dir.dentry, last, strlen(last)))
		err = -EADDRINUSE;
	if (!err)
		err = ramfs_mknod(dir.dentry, last, S_IFSOCK | (0777 & ~current->fs->umask), 0, &d);
	if (!err) {
		dir.dentry->d_inode->i_mtime = dir.dentry->d_inode->i_ctime =
			ktime_get_real_seconds();
		out->mnt = mntget(dir.mnt);
		out->dentry = dget(d);
	}
	path_put(&dir);
	return err == -EEXIST ? -EADDRINUSE : err;
}

static int unix_bind_bsd(struct unix_sock *u, const struct sockaddr_un_k *sun, int len)
{
	char path[UNIX_PATH_MAX + 1];
	struct unix_address *a;
	struct path p;
	int err;

	len = unix_path_name(sun, len, path);
	if (u->addr)
		return -EINVAL;
	a = unix_addr_alloc(sun, len);
	if (!a)
		return -ENOMEM;
	err = unix_mknod(path, &p);
	if (err) {
		unix_addr_put(a);
		return err;
	}
	u->path = p;
	unix_set_addr(u, a);
	return 0;
}

static int unix_bind_abstract(struct unix_sock *u, const struct sockaddr_un_k *sun, int len)
{
	struct unix_address *a;

	if (u->addr)
		return -EINVAL;
	if (unix_find_abstract(sun, len))
		return -EADDRINUSE;
	a = unix_addr_alloc(sun, len);
	if (!a)
		return -ENOMEM;
	unix_set_addr(u, a);
	return 0;
}

static int unix_bind(struct socket *sock, void *addr, int len)
{
	struct sockaddr_un_k *sun = addr;
	int err;

	if (len == SUN_PATH_OFF && sun->sun_family == AF_UNIX)
		return unix_autobind(unix_sk(sock));
	err = unix_validate_addr(sun, len);
	if (err)
		return err;
	if (sun->sun_path[0])
		return unix_bind_bsd(unix_sk(sock), sun, len);
	return unix_bind_abstract(unix_sk(sock), sun, len);
}

/* The socket behind a path name; referenced, or ERR_PTR. */
static struct unix_sock *unix_find_bsd(const struct sockaddr_un_k *sun, int len, int type)
{
	char name[UNIX_PATH_MAX + 1];
	struct unix_sock *u;
	struct path p;
	int err;

	unix_path_name(sun, len, name);
	err = path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
	if (err)
		return ERR_PTR(err);
	u = S_ISSOCK(p.dentry->d_inode->i_mode) ? unix_find_inode(p.dentry->d_inode) : NULL;
	path_put(&p);
	if (!u)
		return ERR_PTR(-ECONNREFUSED);
	if (u->type != type)
		return ERR_PTR(-EPROTOTYPE);
	unix_hold(u);
	return u;
}

struct unix_sock *unix_find_other(void *addr, int len, int type)
{
	struct sockaddr_un_k *sun = addr;
	struct unix_sock *u;
	int err = unix_validate_addr(sun, len);

	if (err)
		return ERR_PTR(err);
	if (sun->sun_path[0])
		return unix_find_bsd(sun, len, type);
	u = unix_find_abstract(sun, len);
	if (!u || u->type != type)
		return ERR_PTR(-ECONNREFUSED);
	unix_hold(u);
	return u;
}

static int unix_getname(struct socket *sock, void *addr, int peer)
{
	struct unix_sock *u = unix_sk(sock);
	struct sockaddr_un_k *sun = addr;

	if (peer) {
		u = u->peer;
		if (!u)
			return -ENOTCONN;
	}
	if (!u->addr) {
		sun->sun_family = AF_UNIX;
		return SUN_PATH_OFF;
	}
	memcpy(addr, u->addr->name, u->addr->len);
	return u->addr->len;
}

/* ---- connections ---- */

static void unix_release_sock(struct unix_sock *u, bool embryo);

/* Drops everything queued to @u (a released socket). */
static void unix_purge_queue(struct unix_sock *u)
{
	struct unix_skb *skb, *next;

	list_for_each_entry_safe(skb, next, &u->rcvq, list) {
		list_del(&skb->list);
		u->rcvq_len--;
		if (skb->embryo)
			unix_release_sock(skb->embryo, true);
		unix_free_skb(skb);
	}
}

/*
 * The last close of @u's socket (or of a request nobody accepted): the
 * name goes, the peer of a connection sees end of file (and ECONNRESET
 * if @u left data unread or was never accepted), queued messages and
 * their descriptors are freed.  Drops the socket's reference.
 */
static void unix_release_sock(struct unix_sock *u, bool embryo)
{
	struct unix_sock *pair = u->peer;
	bool unread = !list_empty(&u->rcvq);

	if (u->addr)
		list_del_init(&u->bound);
	if (u->path.mnt)
		path_put(&u->path);
	u->path.mnt = NULL;
	u->sock = NULL;
	u->dead = true;
	u->state = UNIX_CLOSE;
	u->shutdown = SHUTDOWN_MASK;
	u->peer = NULL;
	if (pair) {
		if (u->type != SOCK_DGRAM && pair->peer == u) {
			pair->shutdown = SHUTDOWN_MASK;
			if (unread || embryo)
				pair->err = ECONNRESET;
		}
		wake_up(&pair->wq);
		unix_put(pair);
	}
	unix_purge_queue(u);
	wake_up(&u->wq);
	unix_put(u);
	unix_gc();		/* this may have been what kept a cycle reachable */
}

static int unix_release(struct socket *sock)
{
	unix_release_sock(unix_sk(sock), false);
	sock->sk = NULL;
	return 0;
}

static bool unix_connection_based(const struct unix_sock *u)
{
	return u->type == SOCK_STREAM || u->type == SOCK_SEQPACKET;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_sk(sock);

	if (!unix_connection_based(u))
		return -EOPNOTSUPP;
	if (!u->addr || (u->state != UNIX_CLOSE && u->state != UNIX_LISTEN))
		return -EINVAL;
	if ((unsigned int)backlog > UNIX_SOMAXCONN)
		backlog = UNIX_SOMAXCONN;
	u->backlog = backlog;
	u->state = UNIX_LISTEN;
	current_peercred(&u->peercred);
	wake_up(&u->wq);	/* a bigger backlog may let connectors in */
	return 0;
}

static bool unix_recvq_full(const struct unix_sock *u)
{
	return u->rcvq_len > u->backlog;
}

/* Looks the listener up again after a wait; ERR_PTR or referenced. */
static struct unix_sock *unix_connect_target(void *addr, int len, int type)
{
	struct unix_sock *other = unix_find_other(addr, len, type);

	if (IS_ERR(other))
		return other;
	if (other->state != UNIX_LISTEN || (other->shutdown & RCV_SHUTDOWN)) {
		unix_put(other);
		return ERR_PTR(-ECONNREFUSED);
	}
	return other;
}

/* Joins @u to a new embryo @n queued on @other with @skb (the request). */
static void unix_connect_finish(struct unix_sock *u, struct unix_sock *other,
				struct unix_sock *n, struct unix_skb *skb)
{
	n->state = UNIX_ESTABLISHED;
	n->peer = u;
	unix_hold(u);
	n->addr = unix_addr_get(other->addr);
	current_peercred(&n->peercred);
	u->state = UNIX_ESTABLISHED;
	u->peer = n;
	unix_hold(n);
	u->peercred = other->peercred;
	skb->embryo = n;
	unix_queue_skb(other, skb);
}

static int unix_stream_connect(struct socket *sock, void *addr, int len, int fflags)
{
	struct unix_sock *u = unix_sk(sock), *other, *n;
	long timeo = (fflags & O_NONBLOCK) ? 0 : u->sndtimeo;
	struct unix_skb *skb;
	int err = unix_validate_addr(addr, len);

	if (err)
		return err;
	if (u->passcred && (err = unix_autobind(u)))
		return err;
	n = unix_sock_alloc(u->type);
	if (!n)
		return -ENOMEM;
	for (;;) {
		other = unix_connect_target(addr, len, u->type);
		if (IS_ERR(other)) {
			err = PTR_ERR(other);
			goto out_free;
		}
		if (!unix_recvq_full(other))
			break;
		err = unix_wait(other, other->dead || !unix_recvq_full(other), &timeo);
		unix_put(other);
		if (err)
			goto out_free;
	}
	/* As Linux: the caller's own state is checked only now. */
	err = u->state == UNIX_ESTABLISHED ? -EISCONN : u->state != UNIX_CLOSE ? -EINVAL : 0;
	skb = err ? NULL : unix_alloc_skb(u, 0);
	if (!err && !skb)
		err = -ENOMEM;
	if (skb) {
		unix_connect_finish(u, other, n, skb);
		n = NULL;
	}
	unix_put(other);
out_free:
	if (n)
		unix_put(n);
	return err;
}

static int unix_dgram_connect(struct socket *sock, void *addr, int len, int fflags)
{
	struct unix_sock *u = unix_sk(sock), *other, *old;
	struct sockaddr_un_k *sun = addr;
	int err;

	if (len < SUN_PATH_OFF)
		return -EINVAL;
	if (sun->sun_family == AF_UNSPEC) {
		old = u->peer;
		u->peer = NULL;
		u->state = UNIX_CLOSE;
		if (old)
			unix_put(old);
		return 0;
	}
	err = unix_validate_addr(sun, len);
	if (err)
		return err;
	if (u->passcred && (err = unix_autobind(u)))
		return err;
	other = unix_find_other(addr, len, u->type);
	if (IS_ERR(other))
		return PTR_ERR(other);
	if (other->peer && other->peer != u) {
		unix_put(other);
		return -EPERM;
	}
	old = u->peer;
	u->peer = other;
	u->state = UNIX_ESTABLISHED;
	if (old)
		unix_put(old);
	return 0;
}

static int unix_connect(struct socket *sock, void *addr, int len, int fflags)
{
	if (unix_connection_based(unix_sk(sock)))
		return unix_stream_connect(sock, addr, len, fflags);
	return unix_dgram_connect(sock, addr, len, fflags);
}

static int unix_accept(struct socket *sock, struct socket *newsock, int fflags)
{
	struct unix_sock *u = unix_sk(sock), *n;
	long timeo = (fflags & O_NONBLOCK) ? 0 : u->rcvtimeo;
	struct unix_skb *skb;
	int err;

	if (!unix_connection_based(u))
		return -EOPNOTSUPP;
	if (u->state != UNIX_LISTEN)
		return -EINVAL;
	err = unix_wait(u, !list_empty(&u->rcvq) || u->state != UNIX_LISTEN, &timeo);
	if (err)
		return err;
	if (u->state != UNIX_LISTEN)
		return -EINVAL;
	skb = list_first_entry(&u->rcvq, struct unix_skb, list);
	list_del(&skb->list);
	u->rcvq_len--;
	n = skb->embryo;
	skb->embryo = NULL;
	unix_free_skb(skb);
	wake_up(&u->wq);	/* room in the backlog */
	n->sock = newsock;
	newsock->sk = n;
	newsock->ops = &unix_ops;
	newsock->type = sock->type;
	return 0;
}

static int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a), *ub = unix_sk(b);

	unix_hold(ua);
	unix_hold(ub);
	ua->peer = ub;
	ub->peer = ua;
	current_peercred(&ua->peercred);
	ub->peercred = ua->peercred;
	if (ua->type != SOCK_DGRAM)
		ua->state = ub->state = UNIX_ESTABLISHED;
	return 0;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_sk(sock), *other = u->peer;
	unsigned int mode;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = how + 1;		/* SHUT_RD: RCV_SHUTDOWN, SHUT_WR: SEND_SHUTDOWN */
	u->shutdown |= mode;
	wake_up(&u->wq);
	if (other && unix_connection_based(u)) {
		other->shutdown |= ((mode & RCV_SHUTDOWN) ? SEND_SHUTDOWN : 0) |
				   ((mode & SEND_SHUTDOWN) ? RCV_SHUTDOWN : 0);
		wake_up(&other->wq);
	}
	return 0;
}

/* ---- readiness ---- */

static bool unix_writable(const struct unix_sock *u)
{
	return u->state != UNIX_LISTEN && (u->wmem << 2) <= u->sndbuf;
}

static __poll_t unix_poll(struct file *f, struct socket *sock, struct poll_table_struct *pt)
{
	struct unix_sock *u = unix_sk(sock), *other = u->peer;
	__poll_t mask = 0;

	poll_wait(f, &u->wq, pt);
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (u->shutdown & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (!list_empty(&u->rcvq))
		mask |= POLLIN | POLLRDNORM;
	if (unix_connection_based(u) && u->state == UNIX_CLOSE)
		mask |= POLLHUP;
	if (unix_connection_based(u)) {
		if (unix_writable(u))
			mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
		return mask;
	}
	/* A datagram socket connected to a full receiver cannot send. */
	if (unix_writable(u) && !(other && other != u && other->peer != u && !other->dead &&
				    unix_recvq_full_dgram(other)))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

static long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(sock);
	struct unix_skb *skb;
	int n = 0;

	switch (cmd) {
	case FIONREAD:
		if (u->state == UNIX_LISTEN)
			return -EINVAL;
		list_for_each_entry(skb, &u->rcvq, list) {
			n += skb->len - skb->off;
			if (u->type != SOCK_STREAM)
				break;
		}
		return put_user(n, (int __user *)arg);
	case SIOCOUTQ:
		return put_user((int)u->wmem, (int __user *)arg);
	}
	return -ENOTTY;
}

/* ---- the family ---- */

static long unix_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	if (unix_sk(sock)->type == SOCK_STREAM)
		return unix_stream_sendmsg(sock, m, flags);
	return unix_dgram_sendmsg(sock, m, flags);
}

static long unix_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	if (unix_sk(sock)->type == SOCK_STREAM)
		return unix_stream_recvmsg(sock, m, flags);
	return unix_dgram_recvmsg(sock, m, flags);
}

static const struct proto_ops unix_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.setsockopt = unix_setsockopt,
	.getsockopt = unix_getsockopt,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
};

static int unix_create(struct socket *sock, int protocol)
{
	struct unix_sock *u;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
	case SOCK_DGRAM:
	case SOCK_SEQPACKET:
		break;
	case SOCK_RAW:
		sock->type = SOCK_DGRAM;	/* as Linux: BSD's AF_UNIX SOCK_RAW */
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_sock_alloc(sock->type);
	if (!u)
		return -ENOMEM;
	u->sock = sock;
	sock->sk = u;
	sock->ops = &unix_ops;
	return 0;
}

const struct net_proto_family unix_family_ops = {
	.family = AF_UNIX,
	.create = unix_create,
};

void unix_init(void)
{
}
