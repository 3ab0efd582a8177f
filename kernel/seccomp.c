/*
 * seccomp: what a task's system calls meet at entry (linux-ish/seccomp.h).
 *
 * Strict mode lets read, write, exit and sigreturn through and kills the
 * thread (SIGKILL) at anything else.  Filter mode runs every filter of
 * the chain over the call's struct seccomp_data; the lowest action
 * (compared as signed: KILL_PROCESS is the lowest) wins, the newest
 * filter's on a tie, and decides:
 *
 *   KILL_PROCESS, KILL_THREAD   death by SIGSYS (KILL_THREAD: only this
 *     (and unknown actions)     thread, unless it is the group's last)
 *   TRAP                        not run; a forced SIGSYS (SYS_SECCOMP)
 *   ERRNO                       not run; -data (at most MAX_ERRNO)
 *   USER_NOTIF                  the listener's supervisor answers
 *                               (kernel/seccomp_notify.c); -ENOSYS
 *                               without listener
 *   TRACE                       a PTRACE_EVENT_SECCOMP stop for a tracer
 *                               that asked (else -ENOSYS); what the tracer
 *                               leaves is filtered again, TRACE then allows
 *   LOG, ALLOW                  run (LOG: reported first)
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/slab.h>
#include <linux-ish/time.h>
#include <linux-ish/bpf_classic.h>
#include <uapi/linux-ish/audit.h>
#include <asm/ptrace.h>
#include "seccomp_internal.h"

/* i386 numbers strict mode allows (Linux's mode 1 set for 32-bit calls). */
#define NR_exit		1
#define NR_read		3
#define NR_write	4
#define NR_sigreturn	119

void seccomp_filter_put(struct seccomp_filter *f)
{
	while (f && atomic_dec_and_test(&f->usage)) {
		struct seccomp_filter *prev = f->prev;

		kfree(f);		/* a listener holds a reference: none left */
		f = prev;
	}
}

void seccomp_fork(struct task_struct *p)
{
	p->no_new_privs = current->no_new_privs;
	p->seccomp = current->seccomp;
	p->syscall_seccomp = p->seccomp.mode != SECCOMP_MODE_DISABLED;
	if (p->seccomp.filter) {
		seccomp_filter_get(p->seccomp.filter);
		seccomp_filter_use(p->seccomp.filter);
	}
}

void seccomp_release(struct task_struct *p)
{
	seccomp_filter_orphan(p->seccomp.filter);
	seccomp_filter_put(p->seccomp.filter);
	p->seccomp.filter = NULL;
}

/* ---- logging ---- */

u32 seccomp_action_log_bit(u32 action)
{
	switch (action) {
	case SECCOMP_RET_KILL_PROCESS:	return SECCOMP_LOG_KILL_PROCESS;
	case SECCOMP_RET_KILL_THREAD:	return SECCOMP_LOG_KILL_THREAD;
	case SECCOMP_RET_TRAP:		return SECCOMP_LOG_TRAP;
	case SECCOMP_RET_ERRNO:		return SECCOMP_LOG_ERRNO;
	case SECCOMP_RET_USER_NOTIF:	return SECCOMP_LOG_USER_NOTIF;
	case SECCOMP_RET_TRACE:		return SECCOMP_LOG_TRACE;
	case SECCOMP_RET_LOG:		return SECCOMP_LOG_LOG;
	case SECCOMP_RET_ALLOW:		return SECCOMP_LOG_ALLOW;
	}
	return 0;
}

/* At most 10 reports in 5 seconds, as printk_ratelimit's defaults. */
static bool log_ratelimit(void)
{
	static unsigned long begin, printed;

	if (jiffies - begin > 5 * HZ) {
		begin = jiffies;
		printed = 0;
	}
	return printed++ < 10;
}

/*
 * Reports @action on syscall @nr if it is in actions_logged and was
 * @requested (the kill actions and LOG always are; TRAP, ERRNO, TRACE
 * and USER_NOTIF when the matching filter had SECCOMP_FILTER_FLAG_LOG;
 * ALLOW never).  Linux sends this to the audit log, whose fallback is
 * the kernel log; the fields are audit's SECCOMP record's.
 */
static void seccomp_log(const struct pt_regs *regs, u32 ret, int sig, bool requested)
{
	u32 action = seccomp_action(ret);
	u32 bit = seccomp_action_log_bit(action);

	if (!requested || action == SECCOMP_RET_ALLOW)
		return;
	if (bit && !(seccomp_actions_logged & bit))
		return;
	if (!bit && !(seccomp_actions_logged & SECCOMP_LOG_KILL_PROCESS))
		return;			/* unknown actions kill the process */
	if (log_ratelimit())
		printk(KERN_INFO "audit: type=1326 pid=%d comm=\"%s\" sig=%d arch=%x syscall=%ld compat=0 ip=0x%lx code=0x%x\n",
		       current->pid, current->comm, sig, AUDIT_ARCH_I386, (long)regs->orig_ax,
		       regs->ip, ret);
}

/* ---- the actions ---- */

static void populate_seccomp_data(const struct pt_regs *regs, struct seccomp_data *sd)
{
	sd->nr = (int)regs->orig_ax;
	sd->arch = AUDIT_ARCH_I386;
	sd->instruction_pointer = regs->ip;
	sd->args[0] = regs->bx;
	sd->args[1] = regs->cx;
	sd->args[2] = regs->dx;
	sd->args[3] = regs->si;
	sd->args[4] = regs->di;
	sd->args[5] = regs->bp;
}

/* The winning return value of current's chain over @sd; *@match its filter. */
static u32 run_filters(const struct seccomp_data *sd, struct seccomp_filter **match)
{
	u32 ret = SECCOMP_RET_ALLOW;
	struct seccomp_filter *f;

	*match = NULL;
	for (f = READ_ONCE(current->seccomp.filter); f; f = f->prev) {
		u32 cur = bpf_classic_run(f->insns, sd, sizeof(*sd));

		if ((s32)seccomp_action(cur) < (s32)seccomp_action(ret)) {
			ret = cur;
			*match = f;
		}
	}
	return ret;
}

/*
 * KILL_THREAD ends only this thread while others live; KILL_PROCESS and
 * unknown actions (and KILL_THREAD of the last thread) end the group
 * with SIGSYS, as Linux's forced core-dumping SIGSYS does (no core file:
 * Linnet writes none, so the status has no core bit).
 */
static __noreturn void seccomp_kill(const struct pt_regs *regs, u32 ret)
{
	seccomp_log(regs, ret, SIGSYS, true);
	if (seccomp_action(ret) == SECCOMP_RET_KILL_THREAD && READ_ONCE(current->signal->live) > 1)
		do_exit(SIGSYS);
	do_exit(zap_other_threads(SIGSYS));
}

static bool filter_syscall(struct pt_regs *regs, bool recheck);

/*
 * TRACE: -ENOSYS unless a tracer asked for PTRACE_EVENT_SECCOMP; after
 * its stop the call is skipped if the tracer set orig_ax to -1 (or
 * SIGKILL came), otherwise filtered again as the tracer left it.
 */
static bool seccomp_trace(struct pt_regs *regs, u32 data)
{
	regs->ax = -ENOSYS;
	if (!ptrace_seccomp_event(data))
		return true;
	if (fatal_signal_pending(current) || (long)regs->orig_ax < 0)
		return true;
	return filter_syscall(regs, true);
}

/* Acts on @ret of filter @match.  True: the call is not run (ax is set). */
static bool seccomp_act(struct pt_regs *regs, u32 ret, struct seccomp_filter *match,
			const struct seccomp_data *sd, bool recheck)
{
	u32 data = ret & SECCOMP_RET_DATA;
	bool log = match && match->log;

	switch (seccomp_action(ret)) {
	case SECCOMP_RET_ERRNO:
		regs->ax = -(long)min_t(u32, data, MAX_ERRNO);
		seccomp_log(regs, ret, 0, log);
		return true;
	case SECCOMP_RET_TRAP:
		regs->ax = regs->orig_ax;	/* rolled back: the handler sees the call */
		force_sigsys(regs, SYS_SECCOMP, (int)data);
		seccomp_log(regs, ret, SIGSYS, log);
		return true;
	case SECCOMP_RET_USER_NOTIF:
		if (!seccomp_user_notify(regs, match, sd))
			return false;		/* SECCOMP_USER_NOTIF_FLAG_CONTINUE */
		seccomp_log(regs, ret, 0, log);
		return true;
	case SECCOMP_RET_TRACE:
		if (recheck)
			return false;		/* the tracer has had its say */
		seccomp_log(regs, ret, 0, log);
		return seccomp_trace(regs, data);
	case SECCOMP_RET_LOG:
		seccomp_log(regs, ret, 0, true);
		return false;
	case SECCOMP_RET_ALLOW:
		return false;
	}
	seccomp_kill(regs, ret);
}

static bool filter_syscall(struct pt_regs *regs, bool recheck)
{
	struct seccomp_filter *match;
	struct seccomp_data sd;
	u32 ret;

	populate_seccomp_data(regs, &sd);
	ret = run_filters(&sd, &match);		/* before match is read */
	return seccomp_act(regs, ret, match, &sd, recheck);
}

static void strict_syscall(const struct pt_regs *regs)
{
	switch (regs->orig_ax) {
	case NR_read: case NR_write: case NR_exit: case NR_sigreturn:
		return;
	}
	seccomp_log(regs, SECCOMP_RET_KILL_THREAD, SIGKILL, true);
	do_exit(SIGKILL);
}

bool secure_computing(struct pt_regs *regs)
{
	if (ptrace_seccomp_suspended())
		return false;
	switch (READ_ONCE(current->seccomp.mode)) {
	case SECCOMP_MODE_STRICT:
		strict_syscall(regs);
		return false;
	case SECCOMP_MODE_FILTER:
		return filter_syscall(regs, false);
	}
	return false;
}
