/* Futexes: what the rest of the kernel calls (kernel/futex/). */
#ifndef _LINUX_ISH_FUTEX_H
#define _LINUX_ISH_FUTEX_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

/* At exit: clears the CLONE_CHILD_CLEARTID word and wakes one waiter on it. */
void futex_exit_clear_tid(u32 __user *tidptr);
struct task_struct;
/*
 * At exit and exec, while @p's mm is still its own: every futex on its
 * robust list that @p owns gets FUTEX_OWNER_DIED and one waiter is woken
 * (kernel/futex/robust.c); then exit_pi_state_list().
 */
void exit_robust_list(struct task_struct *p);
/* kernel/futex/pi.c: PI futexes @p still owns go to their top waiters (OWNER_DIED). */
void exit_pi_state_list(struct task_struct *p);

#endif
