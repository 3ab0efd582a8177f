/* Who may look at or take hold of another process (kernel/ptrace.c). */
#ifndef _LINUX_ISH_PTRACE_H
#define _LINUX_ISH_PTRACE_H

#include <linux-ish/types.h>

struct task_struct;

#define PTRACE_MODE_READ		0x01
#define PTRACE_MODE_ATTACH		0x02
#define PTRACE_MODE_REALCREDS		0x10
#define PTRACE_MODE_READ_REALCREDS	(PTRACE_MODE_READ | PTRACE_MODE_REALCREDS)
#define PTRACE_MODE_ATTACH_REALCREDS	(PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS)

/* May current inspect (READ) or attach to (ATTACH) @p?  tasklist_lock held. */
bool ptrace_may_access(struct task_struct *p, unsigned int mode);

#endif
