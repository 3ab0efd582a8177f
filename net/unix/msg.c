/*
 * AF_UNIX messages: sending and receiving on stream, datagram and
 * seqpacket sockets.
 *
 * A sender copies user bytes into a new unix_skb (charged to its own
 * wmem; it blocks while wmem >= sndbuf) and queues it on the receiver.
 * Stream data is cut into messages of at most UNIX_STREAM_CHUNK bytes
 * that a reader consumes across; descriptors ride on the first message
 * of a send, and a read stops after the message that carried them, as
 * on Linux.  A datagram (and a seqpacket record) is one message,
 * truncated to the reader's buffer (MSG_TRUNC); a datagram receiver
 * holds at most UNIX_DGRAM_QLEN + 1 messages from senders it is not
 * connected to.  Locking: af_unix.h.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/net.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include "af_unix.h"

static long sock_sndtimeo(const struct unix_sock *u, int flags)
{
	return (flags & MSG_DONTWAIT) ? 0 : u->sndtimeo;
}

static long sock_rcvtimeo(const struct unix_sock *u, int flags)
{
	return (flags & MSG_DONTWAIT) ? 0 : u->rcvtimeo;
}

/* Fills in who sent @skb: explicit SCM_CREDENTIALS or the caller's. */
static void unix_skb_set_cred(struct unix_skb *skb, const struct kmsg *m)
{
	if (m->scm.has_creds)
		skb->cred = m->scm.creds;
	else
		current_ucred(&skb->cred);
}

/* Writing to a connection whose reading side is gone: EPIPE and SIGPIPE. */
static long unix_pipe_error(int flags, size_t sent)
{
	if (!sent && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current);
	return sent ? (long)sent : -EPIPE;
}

static bool unix_peer_gone(const struct unix_sock *other)
{
	return other->dead || (other->shutdown & RCV_SHUTDOWN);
}

/* One stream message of @size bytes from the caller's buffers; ERR_PTR on failure. */
static struct unix_skb *unix_stream_fill(struct unix_sock *u, struct kmsg *m, size_t size,
					 bool with_fds, int *level)
{
	struct unix_skb *skb = unix_alloc_skb(u, size);
	int err = -EFAULT;

	if (!skb)
		return ERR_PTR(-ENOMEM);
	if (copy_from_iter(skb->data, size, &m->iter) != (long)size)
		goto out_free;
	if (with_fds) {
		err = unix_attach_fds(skb, m->scm.fp);
		if (err < 0)
			goto out_free;
		*level = err;
	}
	unix_skb_set_cred(skb, m);
	return skb;

out_free:
	unix_free_skb(skb);
	return ERR_PTR(err);
}

long unix_stream_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock), *other = u->peer;
	long timeo = sock_sndtimeo(u, flags);
	size_t sent = 0;
	bool fds_sent = false;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen)
		return u->state == UNIX_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	if (!other)
		return -ENOTCONN;
	if (u->shutdown & SEND_SHUTDOWN)
		return unix_pipe_error(flags, 0);
	while (sent < m->len) {
		size_t cap = min_t(size_t, UNIX_STREAM_CHUNK, u->sndbuf / 2 - 64);
		size_t size = min_t(size_t, m->len - sent, cap);
		struct unix_skb *skb;
		int level = 0, err;

		err = unix_wait(u, u->wmem < u->sndbuf || (u->shutdown & SEND_SHUTDOWN) ||
				   unix_peer_gone(other), &timeo);
		if (err)
			return sent ? (long)sent : err;
		if ((u->shutdown & SEND_SHUTDOWN) || unix_peer_gone(other))
			return unix_pipe_error(flags, sent);
		skb = unix_stream_fill(u, m, size, m->scm.fp && !fds_sent, &level);
		if (IS_ERR(skb))
			return sent ? (long)sent : PTR_ERR(skb);
		if (unix_peer_gone(other)) {	/* while copying */
			unix_free_skb(skb);
			return unix_pipe_error(flags, sent);
		}
		fds_sent = true;
		other->recursion_level = max(other->recursion_level, level);
		unix_queue_skb(other, skb);
		sent += size;
	}
	return sent;
}

/* Control messages for what was read: credentials if asked for, then descriptors. */
static void unix_recv_control(struct unix_sock *u, struct kmsg *m, bool have_cred,
			      const struct user_ucred *cred, struct scm_fp_list *fp)
{
	if (u->passcred && have_cred)
		put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, sizeof(*cred), cred);
	if (fp)
		scm_detach_fds(m, fp);
}

static void unix_copy_name(struct kmsg *m, const struct unix_address *a)
{
	if (m->name && a) {
		memcpy(m->name, a->name, a->len);
		m->namelen = a->len;
	}
}

/* Unread stream bytes queued to @u. */
static size_t unix_stream_queued(const struct unix_sock *u)
{
	const struct unix_skb *skb;
	size_t n = 0;

	list_for_each_entry(skb, &u->rcvq, list)
		n += skb->len - skb->off;
	return n;
}

/* The message holding unread byte @skip (MSG_PEEK walks on); *@at its offset. */
static struct unix_skb *unix_stream_at(struct unix_sock *u, size_t skip, size_t *at)
{
	struct unix_skb *skb;

	list_for_each_entry(skb, &u->rcvq, list) {
		size_t avail = skb->len - skb->off;

		if (skip < avail) {
			*at = skb->off + skip;
			return skb;
		}
		skip -= avail;
	}
	return NULL;
}

struct unix_read_state {
	size_t copied, peeked;
	bool have_cred;
	struct user_ucred cred;
	struct scm_fp_list *fp;
};

/*
 * Takes bytes from @skb (at @at) into the caller's buffers.  0 to go
 * on, 1 to stop (descriptors came, or credentials differ), or -EFAULT.
 */
static int unix_stream_take(struct unix_sock *u, struct kmsg *m, int flags,
			    struct unix_skb *skb, size_t at, struct unix_read_state *st)
{
	size_t chunk = min(skb->len - at, m->len - st->copied);
	long n;

	if (st->have_cred && u->passcred && memcmp(&st->cred, &skb->cred, sizeof(st->cred)))
		return 1;
	if (!chunk)		/* recv(..., 0): nothing is taken, descriptors stay */
		return 1;
	n = copy_to_iter(skb->data + at, chunk, &m->iter);
	if (n < 0)
		return -EFAULT;
	if (!st->copied)
		unix_copy_name(m, skb->sender->addr);
	st->copied += n;
	if (!st->have_cred) {
		st->cred = skb->cred;
		st->have_cred = true;
	}
	if (flags & MSG_PEEK) {
		st->peeked += n;
		if (skb->fp)
			st->fp = scm_fp_dup(skb->fp);
	} else {
		skb->off += n;
		st->fp = skb->fp;
		skb->fp = NULL;
		if (st->fp)
			unix_notinflight(st->fp);
		if (skb->off == skb->len) {
			list_del(&skb->list);
			u->rcvq_len--;
			unix_free_skb(skb);
		}
	}
	if ((size_t)n < chunk)
		return -EFAULT;
	return st->fp ? 1 : 0;
}

long unix_stream_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	long timeo = sock_rcvtimeo(u, flags);
	size_t target = (flags & MSG_WAITALL) ? max_t(size_t, m->len, 1) : 1;
	struct unix_read_state st = { 0 };
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->state != UNIX_ESTABLISHED)
		return -EINVAL;
	m->namelen = 0;
	mutex_lock(&u->iolock);
	do {
		size_t at;
		struct unix_skb *skb = unix_stream_at(u, st.peeked, &at);
		int r;

		if (!skb) {
			if (st.copied >= target)
				break;
			if (u->err) {
				err = -u->err;
				u->err = 0;
				break;
			}
			if (u->shutdown & RCV_SHUTDOWN)
				break;
			mutex_unlock(&u->iolock);
			err = unix_wait(u, unix_stream_queued(u) > st.peeked || u->err ||
					   (u->shutdown & RCV_SHUTDOWN), &timeo);
			mutex_lock(&u->iolock);
			if (err)
				break;
			continue;
		}
		r = unix_stream_take(u, m, flags, skb, at, &st);
		if (r < 0)
			err = r;
		if (r)
			break;
	} while (st.copied < m->len);
	mutex_unlock(&u->iolock);
	if (st.copied)
		unix_recv_control(u, m, st.have_cred, &st.cred, st.fp);
	else if (st.fp)
		scm_fp_free(st.fp);
	return st.copied ? (long)st.copied : err;
}

/* ---- datagrams and seqpacket records ---- */

/* The receiver of a datagram: the named socket or the peer; referenced, or ERR_PTR. */
static struct unix_sock *unix_dgram_target(struct unix_sock *u, struct kmsg *m)
{
	if (m->namelen)
		return unix_find_other(m->name, m->namelen, u->type);
	if (!u->peer)
		return ERR_PTR(-ENOTCONN);
	unix_hold(u->peer);
	return u->peer;
}

/* Whether @other can take a message from @u now: 0, or -errno (and waits on a full queue). */
static int unix_dgram_may_queue(struct unix_sock *u, struct unix_sock *other)
{
	if (other->peer && other->peer != u)
		return -EPERM;
	if (other->dead) {
		if (u->type == SOCK_SEQPACKET)
			return -EPIPE;
		if (u->peer == other) {
			u->peer = NULL;
			u->state = UNIX_CLOSE;
			unix_put(other);
		}
		return -ECONNREFUSED;
	}
	if (other->shutdown & RCV_SHUTDOWN)
		return -EPIPE;
	return 0;
}

/* Queues @skb to its receiver, waiting for room; 0 or -errno (the skb stays the caller's). */
static int unix_dgram_deliver(struct unix_sock *u, struct kmsg *m, struct unix_skb *skb,
			      int level, long *timeo)
{
	for (;;) {
		struct unix_sock *other = unix_dgram_target(u, m);
		int err;

		if (IS_ERR(other))
			return PTR_ERR(other);
		err = unix_dgram_may_queue(u, other);
		if (!err && other != u && other->peer != u && unix_recvq_full_dgram(other)) {
			err = unix_wait(other, other->dead || !unix_recvq_full_dgram(other), timeo);
			unix_put(other);
			if (err)
				return err;
			continue;
		}
		if (!err) {
			other->recursion_level = max(other->recursion_level, level);
			unix_queue_skb(other, skb);
		}
		unix_put(other);
		return err;
	}
}

long unix_dgram_sendmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	long timeo = sock_sndtimeo(u, flags);
	struct unix_skb *skb;
	int level = 0, err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->type == SOCK_SEQPACKET) {
		if (u->state != UNIX_ESTABLISHED)
			return -ENOTCONN;
		m->namelen = 0;
	}
	if (m->namelen) {
		err = unix_validate_addr(m->name, m->namelen);
		if (err)
			return err;
	} else if (!u->peer) {
		return -ENOTCONN;
	}
	if (u->passcred && (err = unix_autobind(u)))
		return err;
	if (m->len > u->sndbuf - 32)
		return -EMSGSIZE;
	err = unix_wait(u, u->wmem < u->sndbuf || (u->shutdown & SEND_SHUTDOWN), &timeo);
	if (err)
		return err;
	if (u->shutdown & SEND_SHUTDOWN)	/* no SIGPIPE here, as Linux */
		return -EPIPE;
	skb = unix_alloc_skb(u, m->len);
	if (!skb)
		return -ENOMEM;
	err = -EFAULT;
	if (copy_from_iter(skb->data, m->len, &m->iter) != (long)m->len)
		goto out_free;
	if (m->scm.fp) {
		err = level = unix_attach_fds(skb, m->scm.fp);
		if (err < 0)
			goto out_free;
	}
	unix_skb_set_cred(skb, m);
	if (u->addr) {
		atomic_inc(&u->addr->refcnt);
		skb->addr = u->addr;
	}
	err = unix_dgram_deliver(u, m, skb, level, &timeo);
	if (!err)
		return m->len;
out_free:
	unix_free_skb(skb);
	return err;
}

long unix_dgram_recvmsg(struct socket *sock, struct kmsg *m, int flags)
{
	struct unix_sock *u = unix_sk(sock);
	long timeo = sock_rcvtimeo(u, flags);
	struct scm_fp_list *fp = NULL;
	struct unix_skb *skb;
	size_t size;
	long ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->type == SOCK_SEQPACKET && u->state != UNIX_ESTABLISHED)
		return -ENOTCONN;
	m->namelen = 0;
	mutex_lock(&u->iolock);
	while (list_empty(&u->rcvq)) {
		ret = -u->err;
		u->err = 0;
		if (ret || (u->shutdown & RCV_SHUTDOWN))
			goto out_unlock;
		mutex_unlock(&u->iolock);
		ret = unix_wait(u, !list_empty(&u->rcvq) || u->err || (u->shutdown & RCV_SHUTDOWN),
				&timeo);
		mutex_lock(&u->iolock);
		if (ret)
			goto out_unlock;
	}
	skb = list_first_entry(&u->rcvq, struct unix_skb, list);
	size = min(skb->len, m->len);
	if (copy_to_iter(skb->data, size, &m->iter) != (long)size) {
		ret = -EFAULT;
		goto out_unlock;
	}
	unix_copy_name(m, skb->addr);
	if (skb->len > m->len)
		m->flags |= MSG_TRUNC;
	ret = (flags & MSG_TRUNC) ? skb->len : size;
	if (flags & MSG_PEEK) {
		fp = skb->fp ? scm_fp_dup(skb->fp) : NULL;
		unix_recv_control(u, m, true, &skb->cred, fp);
		goto out_unlock;
	}
	list_del(&skb->list);
	u->rcvq_len--;
	wake_up(&u->wq);		/* room for a blocked sender */
	fp = skb->fp;
	skb->fp = NULL;
	if (fp)
		unix_notinflight(fp);
	unix_recv_control(u, m, true, &skb->cred, fp);
	unix_free_skb(skb);
out_unlock:
	mutex_unlock(&u->iolock);
	return ret;
}
