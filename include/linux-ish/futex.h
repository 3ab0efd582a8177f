/* Futexes: what the rest of the kernel calls (kernel/futex/). */
#ifndef _LINUX_ISH_FUTEX_H
#define _LINUX_ISH_FUTEX_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

/* At exit: clears the CLONE_CHILD_CLEARTID word and wakes one waiter on it. */
void futex_exit_clear_tid(u32 __user *tidptr);

#endif
