/*
 * How an interrupted system call goes on.  A call that must not restart
 * from its original arguments (poll's relative timeout) fills
 * current->restart_block and returns -ERESTART_RESTARTBLOCK: a handler
 * makes it -EINTR, otherwise signal delivery turns the call into
 * restart_syscall (number 0), which calls ->fn once.  Owned by the task.
 */
#ifndef _LINUX_ISH_RESTART_BLOCK_H
#define _LINUX_ISH_RESTART_BLOCK_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct restart_block {
	long (*fn)(struct restart_block *);	/* NULL: nothing to restart */
	union {
		struct {			/* poll (fs/select.c) */
			void __user *ufds;
			unsigned int nfds;
			u64 end;		/* absolute local_clock() ns */
		} poll;
		struct {			/* futex wait (kernel/futex/) */
			u32 __user *uaddr;
			u32 val, bitset;
			bool shared;
			u64 end;		/* absolute local_clock() ns */
		} futex;
		struct {			/* relative nanosleep/clock_nanosleep (kernel/sys.c) */
			clockid_t clock;
			u64 end;		/* absolute ns on that clock */
			void __user *rem;	/* NULL: none */
			bool rem64;		/* rem is a __kernel_timespec, else old_timespec32 */
		} nanosleep;
	};
};

#endif
