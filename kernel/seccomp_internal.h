/* seccomp's private parts, shared by kernel/seccomp*.c (the model: linux-ish/seccomp.h). */
#ifndef _KERNEL_SECCOMP_INTERNAL_H
#define _KERNEL_SECCOMP_INTERNAL_H

#include <linux-ish/seccomp.h>
#include <uapi/linux-ish/filter.h>

/* One attached program; immutable once attached (linux-ish/seccomp.h). */
struct seccomp_filter {
	atomic_t usage;			/* tasks pointing here + filters whose prev it is */
	bool log;			/* SECCOMP_FILTER_FLAG_LOG */
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
