/*
 * Queued real-time signals (kernel/sigqueue.c).
 *
 * A pending set is a bitmask, one ksiginfo per number (the oldest
 * pending instance) and a FIFO list of further instances of real-time
 * signals (SIGRTMIN..SIGRTMAX), in the order they were sent.  A
 * standard signal has at most one instance: a second merges with the
 * first (its siginfo is the first's), as Linux.  A number's bit is set
 * while any instance is pending; taking the head instance moves the
 * next queued one of that number into info[].
 *
 * Locking: the pending set's lock (task->sig.lock or signal->lock,
 * IRQ-safe: timers send from IRQ context) covers all three.
 */
#ifndef _LINUX_ISH_SIGQUEUE_H
#define _LINUX_ISH_SIGQUEUE_H

#include <linux-ish/list.h>
#include <linux-ish/signal.h>

#define SIGRTMIN_KERNEL	32	/* the kernel's first real-time signal (glibc's SIGRTMIN is 34) */

struct sigqueue {
	struct list_head list;
	int sig;
	struct ksiginfo info;
};

/* One pending set: the bits, the head instances, the queued rest. */
struct sigpending_ref {
	sigset_t *set;
	struct ksiginfo *info;
	struct list_head *queue;
};

/*
 * Adds an instance of @sig (info already resolved) for task @t, counted
 * against @t's real uid under @t's RLIMIT_SIGPENDING (see sigqueue.c for
 * Linux's override rule).  A real-time signal already pending is queued
 * behind; past the limit, or when its allocation (GFP_ATOMIC) fails,
 * false and nothing changed.  A standard signal always gets through
 * (past the limit with a reduced siginfo: SI_USER, no sender).  Lock held.
 */
bool sigpending_add(const struct sigpending_ref *p, int sig, const struct ksiginfo *info,
		    const struct task_struct *t);
/* Takes the head instance of pending @sig into *@info (the next queued one moves up).  Lock held. */
void sigpending_take(const struct sigpending_ref *p, int sig, struct ksiginfo *info);
/* Drops every instance of the signals in @mask.  Lock held. */
void sigpending_flush(const struct sigpending_ref *p, sigset_t mask);
/* Instance @n (from 0) in delivery order, lowest number first, FIFO per number; false past the end. */
bool sigpending_nth(const struct sigpending_ref *p, u64 n, int *sig, struct ksiginfo *info);
/* An instance of @sig from POSIX timer @timerid is pending.  Lock held. */
bool sigpending_has_timer(const struct sigpending_ref *p, int sig, int timerid);
/* How many pending instances count against real uid @uid (/proc/<pid>/status SigQ). */
unsigned long sigqueue_user_count(uid_t uid);
/* Boot: RLIMIT_SIGPENDING's default, Linux's max_threads / 2 for this memory. */
unsigned long sigqueue_default_limit(void);

/* The pending sets of a task (its own) and of a signal_struct (its process's). */
#define TASK_SIGPENDING(p) \
	((struct sigpending_ref){ &(p)->sig.pending, (p)->sig.info, &(p)->sig.queue })
#define SHARED_SIGPENDING(s) \
	((struct sigpending_ref){ &(s)->shared_pending, (s)->shared_info, &(s)->shared_queue })

#endif
