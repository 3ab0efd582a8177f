/*
 * Collecting AF_UNIX sockets that only messages in flight keep alive.
 *
 * A socket sent over itself (or a ring of sockets, each in flight in the
 * next one's receive queue) whose descriptors are all closed can never
 * be received again, yet its file stays referenced by the messages it
 * holds.  Every unix_sock counts how many queued messages carry its file
 * (inflight) and is on unix_inflight_list while that is not zero.
 *
 * unix_gc(), as Linux's: the candidates are the sockets whose every file
 * reference is in flight.  For each one, subtract the references held by
 * messages queued on candidates; one with references left is reachable
 * from outside, and so is every candidate in flight in its queue
 * (transitively).  The rest is garbage: its queued descriptors are taken
 * out of their messages and dropped, which releases the sockets.
 *
 * It runs when a socket file loses a reference but keeps some (fput's
 * ->put hook: the moment the last descriptor of a cycle goes) and when a
 * socket is released.  One CPU, no preemption: no lock; gc_running keeps
 * the releases it causes from starting it again.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/net.h>
#include <linux-ish/slab.h>
#include "af_unix.h"

static LIST_HEAD(unix_inflight_list);
static bool gc_running;

/* The unix_sock behind @f, or NULL. */
static struct unix_sock *unix_file_sock(struct file *f)
{
	struct socket *s = sock_from_file(f);

	return s && unix_is_sock(s) ? unix_sk(s) : NULL;
}

void unix_inflight(struct scm_fp_list *fpl)
{
	for (int i = 0; i < fpl->count; i++) {
		struct unix_sock *u = unix_file_sock(fpl->fp[i]);

		if (u && !u->inflight++)
			list_add_tail(&u->inflight_link, &unix_inflight_list);
	}
}

void unix_notinflight(struct scm_fp_list *fpl)
{
	for (int i = 0; i < fpl->count; i++) {
		struct unix_sock *u = unix_file_sock(fpl->fp[i]);

		if (u && !--u->inflight)
			list_del(&u->inflight_link);
	}
}

/* Calls @fn on every candidate whose file a message queued to @u (or to its embryos) carries. */
static void scan_queue(struct unix_sock *u, void (*fn)(struct unix_sock *v, void *arg),
		       void *arg)
{
	struct unix_skb *skb;

	list_for_each_entry(skb, &u->rcvq, list) {
		if (skb->embryo)
			scan_queue(skb->embryo, fn, arg);
		if (!skb->fp)
			continue;
		for (int i = 0; i < skb->fp->count; i++) {
			struct unix_sock *v = unix_file_sock(skb->fp->fp[i]);

			if (v && v->gc_candidate)
				fn(v, arg);
		}
	}
}

static void dec_refs(struct unix_sock *v, void *arg)
{
	v->gc_refs--;
}

/* @v is reachable: it and what it holds stay. */
static void mark_alive(struct unix_sock *v, void *arg)
{
	v->gc_candidate = false;
	scan_queue(v, mark_alive, arg);
}

/* Takes the descriptors out of @u's queued messages onto the chain *@garbage. */
static void steal_fds(struct unix_sock *u, struct scm_fp_list **garbage)
{
	struct unix_skb *skb;

	list_for_each_entry(skb, &u->rcvq, list) {
		if (skb->embryo)
			steal_fds(skb->embryo, garbage);
		if (!skb->fp)
			continue;
		unix_notinflight(skb->fp);
		skb->fp->next = *garbage;
		*garbage = skb->fp;
		skb->fp = NULL;
	}
}

void unix_gc(void)
{
	struct scm_fp_list *garbage = NULL, *next;
	struct unix_sock *u, *n;
	LIST_HEAD(dead);

	if (gc_running || list_empty(&unix_inflight_list))
		return;
	gc_running = true;
	list_for_each_entry(u, &unix_inflight_list, inflight_link) {
		u->gc_candidate = u->sock && u->sock->file &&
				  atomic_read(&u->sock->file->f_count) == (int)u->inflight;
		u->gc_refs = u->inflight;
	}
	list_for_each_entry(u, &unix_inflight_list, inflight_link)
		if (u->gc_candidate)
			scan_queue(u, dec_refs, NULL);
	list_for_each_entry(u, &unix_inflight_list, inflight_link)
		if (u->gc_candidate && u->gc_refs > 0)
			mark_alive(u, NULL);
	list_for_each_entry(u, &unix_inflight_list, inflight_link)
		if (u->gc_candidate)
			list_add_tail(&u->gc_link, &dead);
	/* Stealing changes inflight counts (and the list): work from @dead. */
	list_for_each_entry_safe(u, n, &dead, gc_link) {
		u->gc_candidate = false;
		steal_fds(u, &garbage);
		list_del(&u->gc_link);
	}
	for (; garbage; garbage = next) {
		next = garbage->next;
		scm_fp_free(garbage);	/* the last references: the sockets go */
	}
	gc_running = false;
}
