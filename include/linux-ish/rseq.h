/*
 * Restartable sequences (kernel/rseq.c): a task's registration, and the
 * hooks that keep its struct rseq current.  Every field is the task's
 * own (read and written only by current), except that the scheduler sets
 * event/notify_resume on the task it switches away from, with IRQs off.
 */
#ifndef _LINUX_ISH_RSEQ_H
#define _LINUX_ISH_RSEQ_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct rseq;
struct pt_regs;
struct task_struct;
struct ksignal;

struct rseq_state {
	struct rseq __user *area;	/* NULL: not registered */
	u32 len;
	u32 sig;			/* the word that must precede abort_ip */
	bool event;			/* preempted or signalled since the last fixup */
};

/* Scheduler: @prev leaves the CPU (every switch, as Linux's rseq_preempt). */
void rseq_preempt(struct task_struct *prev);
/*
 * Return to user mode, IRQs on, may fault and sleep: aborts a critical
 * section interrupted since the last call, writes cpu_id.  Cheap when
 * nothing happened.
 */
void rseq_handle_notify_resume(struct pt_regs *regs);
/* Signal delivery, before the frame is built: the frame saves abort_ip. */
void rseq_signal_deliver(const struct ksignal *ks, struct pt_regs *regs);
/* fork keeps the registration, a CLONE_VM child and exec drop it. */
void rseq_fork(struct task_struct *p, unsigned long clone_flags);
void rseq_execve(struct task_struct *p);

#endif
