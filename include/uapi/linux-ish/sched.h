/* clone(2) flags; the low byte (CSIGNAL) is the signal sent to the parent at exit. */
#ifndef _UAPI_LINUX_ISH_SCHED_H
#define _UAPI_LINUX_ISH_SCHED_H

#include <uapi/linux-ish/types.h>

#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
/* Namespaces and the SysV semaphore undo list (unshare(2), setns(2)). */
#define CLONE_NEWTIME		0x00000080
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_DETACHED		0x00400000	/* ignored by clone(), refused by clone3() */
#define CLONE_UNTRACED		0x00800000	/* a tracer's fork events may not trace it */
#define CLONE_IO		0x80000000	/* share the I/O context (Linnet has none) */

/* clone3(2) only: flags above the low 32 bits. */
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* child's handlers to SIG_DFL, but SIG_IGN */
#define CLONE_INTO_CGROUP	0x200000000ULL

/* clone3(2)'s argument, 64-bit fields on every architecture. */
struct clone_args {
	__aligned_u64 flags;
	__aligned_u64 pidfd;		/* int *: CLONE_PIDFD */
	__aligned_u64 child_tid;	/* int *: CLONE_CHILD_SETTID/CLEARTID */
	__aligned_u64 parent_tid;	/* int *: CLONE_PARENT_SETTID */
	__aligned_u64 exit_signal;
	__aligned_u64 stack;		/* lowest byte of the child's stack */
	__aligned_u64 stack_size;
	__aligned_u64 tls;		/* i386: struct user_desc * */
	__aligned_u64 set_tid;		/* VER1: pid_t[set_tid_size] */
	__aligned_u64 set_tid_size;
	__aligned_u64 cgroup;		/* VER2: a cgroup directory fd */
};

#define CLONE_ARGS_SIZE_VER0	64	/* up to tls */
#define CLONE_ARGS_SIZE_VER1	80	/* set_tid, set_tid_size */
#define CLONE_ARGS_SIZE_VER2	88	/* cgroup */

#endif
