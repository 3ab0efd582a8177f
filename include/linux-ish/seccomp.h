/*
 * seccomp: a task's system-call filter (kernel/seccomp.c; classic BPF in
 * kernel/bpf/classic.c).
 *
 * A task in filter mode points at the newest of a chain of filters
 * (prev: the ones installed before it).  Filters are immutable once
 * attached and shared: fork gives the child the parent's chain (a
 * reference on the head), a new filter holds a reference on its prev,
 * execve keeps them.  A chain is freed from the head down as the last
 * reference to each goes.
 *
 * Locking: a task's mode and filter are written by the task itself, or
 * by a thread of its group doing SECCOMP_FILTER_FLAG_TSYNC, under
 * tasklist_lock; the task reads its own without a lock at syscall entry
 * (one CPU, no preemption in the kernel: a TSYNC writer never runs in
 * the middle of it; and the chain it replaces stays referenced by the
 * new one, so nothing it walks is freed).
 */
#ifndef _LINUX_ISH_SECCOMP_H
#define _LINUX_ISH_SECCOMP_H

#include <linux-ish/types.h>
#include <asm/atomic.h>
#include <uapi/linux-ish/seccomp.h>

struct seccomp_filter;
struct task_struct;
struct pt_regs;
struct seq_buf;

struct seccomp {
	int mode;			/* SECCOMP_MODE_*: 0 is the syscall path's fast test */
	int filter_count;		/* filters in the chain (/proc status) */
	struct seccomp_filter *filter;	/* the newest; NULL unless MODE_FILTER */
};

/*
 * Syscall entry of a task in a seccomp mode, after ptrace's entry stop:
 * true if the call is not to be run (regs->ax then holds its result).
 * May not return (the kill actions, strict mode's SIGKILL).
 */
bool secure_computing(struct pt_regs *regs);

/* fork: @p gets current's mode, chain and no_new_privs. */
void seccomp_fork(struct task_struct *p);
/* free_task: @p's reference on its chain goes. */
void seccomp_release(struct task_struct *p);

/*
 * May current set PTRACE_O_SUSPEND_SECCOMP on a tracee?  Only with
 * CAP_SYS_ADMIN, under no seccomp mode and not suspended itself.
 */
bool seccomp_may_suspend(void);

/* prctl's PR_GET_SECCOMP and PR_SET_SECCOMP. */
long prctl_get_seccomp(void);
long prctl_set_seccomp(unsigned long mode, void __user *filter);

/* ptrace's PTRACE_SECCOMP_GET_FILTER and PTRACE_SECCOMP_GET_METADATA on @p. */
long seccomp_get_filter(struct task_struct *p, unsigned long n, void __user *buf);
long seccomp_get_metadata(struct task_struct *p, unsigned long size, void __user *data);

/* /proc/<pid>/status: the Seccomp: and Seccomp_filters: lines. */
void seccomp_show_status(struct seq_buf *m, const struct task_struct *p);

#endif
