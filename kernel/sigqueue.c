/*
 * Queued real-time signals: see linux-ish/sigqueue.h for the model and
 * locking.  Each queued instance beyond the first of its number is one
 * small allocation, freed when it is taken or flushed.
 *
 * RLIMIT_SIGPENDING, as Linux: every pending instance (head or queued)
 * counts against the receiver's real uid, in a per-uid counter
 * (sigq_users, under sigq_lock, taken inside the pending set's lock;
 * root's is static).
 * Past the receiver's limit an instance is still counted when it
 * "overrides" the limit: a standard signal from kill() or the kernel
 * (si_code >= 0) and, unlike Linux (which preallocates them at
 * timer_create), POSIX timers' SI_TIMER.  Otherwise a real-time one is
 * refused (EAGAIN to the sender, except kill()'s SI_USER, which is
 * dropped unless none is pending: then it is kept without its siginfo)
 * and a standard one is kept uncounted with a reduced siginfo (SI_USER,
 * no sender), as Linux delivers it without its sigqueue.  A failed
 * counter allocation is treated as the limit.
 */
#include <linux-ish/sigqueue.h>
#include <linux-ish/cred.h>
#include <linux-ish/mm.h>
#include <linux-ish/resource.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>

struct sigq_user {
	struct list_head list;
	uid_t uid;
	unsigned long count;		/* > 0 while on the list */
};

/* root's counter is always there (never freed): the common case costs no allocation */
static struct sigq_user root_user = { LIST_HEAD_INIT(root_user.list), 0, 0 };
static LIST_HEAD(sigq_users);
static DEFINE_SPINLOCK(sigq_lock);

static struct sigq_user *find_user(uid_t uid)
{
	struct sigq_user *u;

	if (uid == 0)
		return &root_user;
	list_for_each_entry(u, &sigq_users, list)
		if (u->uid == uid)
			return u;
	return NULL;
}

/* One more instance for @uid: true if counted (under @limit, or @override). */
static bool charge(uid_t uid, unsigned long limit, bool override)
{
	struct sigq_user *u;
	unsigned long flags;
	bool ok = false;

	spin_lock_irqsave(&sigq_lock, flags);
	u = find_user(uid);
	if (!u && (override || limit > 0)) {
		u = kmalloc(sizeof(*u), GFP_ATOMIC);
		if (u) {
			u->uid = uid;
			u->count = 0;
			list_add(&u->list, &sigq_users);
		}
	}
	if (u && (override || u->count < limit)) {
		u->count++;
		ok = true;
	}
	spin_unlock_irqrestore(&sigq_lock, flags);
	return ok;
}

/* The instance @info leaves the pending set: its count goes. */
static void uncharge(struct ksiginfo *info)
{
	struct sigq_user *u;
	unsigned long flags;

	if (!info->charged)
		return;
	spin_lock_irqsave(&sigq_lock, flags);
	u = find_user(info->charged - 1);
	if (u && --u->count == 0 && u != &root_user) {
		list_del(&u->list);
		kfree(u);
	}
	spin_unlock_irqrestore(&sigq_lock, flags);
	info->charged = 0;
}

unsigned long sigqueue_user_count(uid_t uid)
{
	struct sigq_user *u;
	unsigned long flags, n;

	spin_lock_irqsave(&sigq_lock, flags);
	u = find_user(uid);
	n = u ? u->count : 0;
	spin_unlock_irqrestore(&sigq_lock, flags);
	return n;
}

unsigned long sigqueue_default_limit(void)
{
	/* Linux: max_threads = RAM / (8 * THREAD_SIZE), at least 20; the limit is half */
	unsigned long threads = totalram_pages / (8 * (THREAD_SIZE / PAGE_SIZE));

	return (threads < 20 ? 20 : threads) / 2;
}

bool sigpending_add(const struct sigpending_ref *p, int sig, const struct ksiginfo *info,
		    const struct task_struct *t)
{
	bool override = (sig < SIGRTMIN_KERNEL && info->code >= 0) || info->code == SI_TIMER;
	bool pending = *p->set & sigmask(sig);
	uid_t uid = t->cred->uid;
	struct sigqueue *q;

	if (pending && sig < SIGRTMIN_KERNEL)
		return true;		/* merges with the pending one */
	if (sig == SIGKILL) {		/* never counted, as Linux: nothing can fail */
		*p->set |= sigmask(sig);
		p->info[sig - 1] = *info;
		p->info[sig - 1].charged = 0;
		return true;
	}
	if (!charge(uid, READ_ONCE(t->rlim[RLIMIT_SIGPENDING].rlim_cur), override)) {
		if (sig >= SIGRTMIN_KERNEL && (pending || info->code != SI_USER))
			return false;	/* refused (kill()'s first one is kept, as Linux) */
		*p->set |= sigmask(sig);
		p->info[sig - 1] = (struct ksiginfo){ .code = SI_USER };
		return true;
	}
	if (!pending) {
		*p->set |= sigmask(sig);
		p->info[sig - 1] = *info;
		p->info[sig - 1].charged = uid + 1;
		return true;
	}
	q = kmalloc(sizeof(*q), GFP_ATOMIC);
	if (!q) {
		struct ksiginfo c = { .charged = uid + 1 };

		uncharge(&c);
		return false;
	}
	q->sig = sig;
	q->info = *info;
	q->info.charged = uid + 1;
	list_add_tail(&q->list, p->queue);
	return true;
}

void sigpending_take(const struct sigpending_ref *p, int sig, struct ksiginfo *info)
{
	struct sigqueue *q;

	uncharge(&p->info[sig - 1]);
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

	for (sigset_t m = *p->set & mask; m; m &= m - 1)
		uncharge(&p->info[__builtin_ctzll(m)]);
	*p->set &= ~mask;
	list_for_each_entry_safe(q, n, p->queue, list) {
		if (!(mask & sigmask(q->sig)))
			continue;
		list_del(&q->list);
		uncharge(&q->info);
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
