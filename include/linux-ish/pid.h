/*
 * struct pid: what a pidfd refers to.  A task gets one the first time
 * someone asks for a pidfd to it (pidfd_open, CLONE_PIDFD); the task
 * holds one reference until it is freed, each pidfd file one more, so
 * the object outlives the task: once the task is reaped, ->task is NULL
 * and the pidfd answers ESRCH (signals) or "exited" (poll).
 */
#ifndef _LINUX_ISH_PID_H
#define _LINUX_ISH_PID_H

#include <linux-ish/wait.h>
#include <asm/atomic.h>

struct task_struct;
struct file;

struct pid {
	atomic_t count;
	int nr;				/* the pid number: constant */
	struct task_struct *task;	/* tasklist_lock; NULL once freed */
	struct wait_queue_head wait_pidfd;	/* pollers: woken at exit and at reap */
};

/* The struct pid of @p with a new reference, made if needed; NULL: -ENOMEM. */
struct pid *get_task_pid(struct task_struct *p);
/* fs/proc/base.c: a /proc/<pid> directory descriptor's process (pidfd_send_signal). */
int proc_tgid_file_nr(const struct file *f, unsigned long *start_time);
void put_pid(struct pid *pid);
/*
 * @p (current) has exited: wake its pidfd pollers.  Takes tasklist_lock
 * itself; the wake-up is made outside it (pollers' callbacks take their
 * own locks).  No wake-up at free_task(): the answer was already POLLIN.
 */
void pid_wake_exit(struct task_struct *p);
/* free_task: @p goes; its pid forgets it.  tasklist_lock held; returns the ref to put. */
struct pid *pid_detach_task(struct task_struct *p);

/* A new pidfd file for @pid (takes a reference of its own). */
struct file *pidfd_file_create(struct pid *pid, unsigned int flags);
/* The struct pid behind pidfd @fd (referenced) and its f_flags, or ERR_PTR(-EBADF). */
struct pid *pidfd_get_pid(int fd, unsigned int *flags);

#endif
