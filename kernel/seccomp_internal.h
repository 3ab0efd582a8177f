/* seccomp's private parts, shared by kernel/seccomp*.c (the model: linux-ish/seccomp.h). */
#ifndef _KERNEL_SECCOMP_INTERNAL_H
#define _KERNEL_SECCOMP_INTERNAL_H

#include <linux-ish/seccomp.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/filter.h>

struct seccomp_notif_ctx;

/* One attached program; immutable once attached (linux-ish/seccomp.h). */
struct seccomp_filter {
	atomic_t usage;			/* tasks pointing here + filters whose prev it is */
	atomic_t users;			/* tasks on it + used filters whose prev it is: 0 -> POLLHUP */
	bool log;			/* SECCOMP_FILTER_FLAG_LOG */
	bool wait_killable_recv;	/* SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV */
	/* the listener's state (NULL: none, or closed); wqh.lock (kernel/seccomp_notify.c) */
	struct seccomp_notif_ctx *notif;
	struct wait_queue_head wqh;	/* targets, supervisors, pollers */
	struct seccomp_filter *prev;	/* the one installed before: a reference */
	unsigned int len;
	struct sock_filter insns[];
};

/* A reference on @f (not NULL). */
static inline void seccomp_filter_get(struct seccomp_filter *f)
{
	atomic_inc(&f->usage);
}

/* Drops a reference on the chain at @f (may be NULL); frees what no one uses. */
void seccomp_filter_put(struct seccomp_filter *f);

/* A task (or a filter stacked on it) starts using @f (not NULL). */
static inline void seccomp_filter_use(struct seccomp_filter *f)
{
	atomic_inc(&f->users);
}
/* A task stops using the chain at @f (may be NULL): unused filters' listeners see POLLHUP. */
void seccomp_filter_orphan(struct seccomp_filter *f);

/* kernel/seccomp_notify.c */
/*
 * SECCOMP_FILTER_FLAG_NEW_LISTENER: a listener file for @f (holding a
 * reference on it), or ERR_PTR(-ENOMEM...).  fput() undoes it.
 */
struct file *seccomp_listener_file(struct seccomp_filter *f);
/* Does a filter of current's chain have a listener? */
bool seccomp_chain_has_listener(void);
/*
 * USER_NOTIF of filter @match for the call of @regs described by @sd:
 * waits for the listener's answer.  True if the call is not run (ax set:
 * the answer, -ENOSYS without listener, -ERESTARTSYS on a signal).
 */
bool seccomp_user_notify(struct pt_regs *regs, struct seccomp_filter *match,
			 const struct seccomp_data *sd);

/*
 * kernel.seccomp.actions_logged, a bit per action (SECCOMP_LOG_*):
 * which actions seccomp_log() reports.
 */
#define SECCOMP_LOG_KILL_PROCESS	(1U << 0)
#define SECCOMP_LOG_KILL_THREAD		(1U << 1)
#define SECCOMP_LOG_TRAP		(1U << 2)
#define SECCOMP_LOG_ERRNO		(1U << 3)
#define SECCOMP_LOG_TRACE		(1U << 4)
#define SECCOMP_LOG_LOG			(1U << 5)
#define SECCOMP_LOG_ALLOW		(1U << 6)
#define SECCOMP_LOG_USER_NOTIF		(1U << 7)
extern u32 seccomp_actions_logged;

/* The SECCOMP_RET_* action of @ret (the high 16 bits), and its log bit (0: unknown). */
static inline u32 seccomp_action(u32 ret)
{
	return ret & SECCOMP_RET_ACTION_FULL;
}
u32 seccomp_action_log_bit(u32 action);

#endif
