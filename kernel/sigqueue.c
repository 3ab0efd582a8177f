/*
 * Queued real-time signals: see linux-ish/sigqueue.h for the model and
 * locking.  Each queued instance beyond the first of its number is one
 * small allocation, freed when it is taken or flushed.
 */
#include <linux-ish/sigqueue.h>
#include <linux-ish/slab.h>

bool sigpending_add(const struct sigpending_ref *p, int sig, const struct ksiginfo *info)
{
	struct sigqueue *q;

	if (!(*p->set & sigmask(sig))) {
		*p->set |= sigmask(sig);
		p->info[sig - 1] = *info;
		return true;
	}
	if (sig < SIGRTMIN_KERNEL)
		return true;		/* merges with the pending one */
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		return false;
	q->sig = sig;
	q->info = *info;
	list_add_tail(&q->list, p->queue);
	return true;
}

void sigpending_take(const struct sigpending_ref *p, int sig, struct ksiginfo *info)
{
	struct sigqueue *q;

	*info = p->info[sig - 1];
	if (sig >= SIGRTMIN_KERNEL) {
		list_for_each_entry(q, p->queue, list) {
			if (q->sig != sig)
				continue;
			p->info[sig - 1] = q->info;
			list_del(&q->list);
			kfree(q);
			return;		/* still pending */
		}
	}
	*p->set &= ~sigmask(sig);
}

void sigpending_flush(const struct sigpending_ref *p, sigset_t mask)
{
	struct sigqueue *q, *n;

	*p->set &= ~mask;
	list_for_each_entry_safe(q, n, p->queue, list) {
		if (!(mask & sigmask(q->sig)))
			continue;
		list_del(&q->list);
		kfree(q);
	}
}

bool sigpending_nth(const struct sigpending_ref *p, u64 n, int *sig, struct ksiginfo *info)
{
	struct sigqueue *q;

	for (int s = 1; s <= _NSIG; s++) {
		if (!(*p->set & sigmask(s)))
			continue;
		if (n-- == 0) {
			*sig = s;
			*info = p->info[s - 1];
			return true;
		}
		if (s < SIGRTMIN_KERNEL)
			continue;
		list_for_each_entry(q, p->queue, list) {
			if (q->sig == s && n-- == 0) {
				*sig = s;
				*info = q->info;
				return true;
			}
		}
	}
	return false;
}

bool sigpending_has_timer(const struct sigpending_ref *p, int sig, int timerid)
{
	struct sigqueue *q;

	if (!(*p->set & sigmask(sig)))
		return false;
	if (p->info[sig - 1].code == SI_TIMER && p->info[sig - 1].timerid == timerid)
		return true;
	list_for_each_entry(q, p->queue, list)
		if (q->sig == sig && q->info.code == SI_TIMER && q->info.timerid == timerid)
			return true;
	return false;
}

unsigned int sigpending_count(const struct sigpending_ref *p)
{
	unsigned int n = __builtin_popcountll(*p->set);
	struct sigqueue *q;

	list_for_each_entry(q, p->queue, list)
		n++;
	return n;
}
