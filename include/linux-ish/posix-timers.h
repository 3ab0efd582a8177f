/*
 * POSIX per-process timers (timer_create and friends) and the CPU-time
 * interval timers ITIMER_VIRTUAL / ITIMER_PROF (kernel/posix-timers.c).
 */
#ifndef _LINUX_ISH_POSIX_TIMERS_H
#define _LINUX_ISH_POSIX_TIMERS_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/time.h>

struct task_struct;
struct ksiginfo;
struct seq_buf;

/* The timer tick, on the task it found running; @user: in user mode. */
void posix_cpu_timers_tick(bool user);
/* A SI_TIMER signal is being dequeued: its overrun count goes into @info.  sig.lock held. */
void posix_timer_dequeued(struct ksiginfo *info);
/* Deletes all of @p's POSIX timers (exec, exit). */
void posix_timers_release(struct task_struct *p);
/* /proc/<pid>/timers */
void proc_show_timers(struct seq_buf *m, struct task_struct *p);
/* getitimer/setitimer for ITIMER_VIRTUAL and ITIMER_PROF; @new may be NULL. */
void cpu_itimer_get(int which, struct itimerval32 *old);
void cpu_itimer_set(int which, const struct itimerval32 *new);

#endif
