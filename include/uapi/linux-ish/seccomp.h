/* seccomp(2) and prctl(PR_SET_SECCOMP): Linux's <linux/seccomp.h> values and layouts. */
#ifndef _UAPI_LINUX_ISH_SECCOMP_H
#define _UAPI_LINUX_ISH_SECCOMP_H

#include <uapi/linux-ish/types.h>

/* A task's mode: PR_GET_SECCOMP's answer, PR_SET_SECCOMP's argument. */
#define SECCOMP_MODE_DISABLED	0
#define SECCOMP_MODE_STRICT	1	/* read, write, _exit, sigreturn only */
#define SECCOMP_MODE_FILTER	2	/* classic BPF filters */

/* seccomp(2) operations. */
#define SECCOMP_SET_MODE_STRICT		0
#define SECCOMP_SET_MODE_FILTER		1
#define SECCOMP_GET_ACTION_AVAIL	2
#define SECCOMP_GET_NOTIF_SIZES		3

/* SECCOMP_SET_MODE_FILTER's flags. */
#define SECCOMP_FILTER_FLAG_TSYNC		(1UL << 0)
#define SECCOMP_FILTER_FLAG_LOG			(1UL << 1)
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW		(1UL << 2)
#define SECCOMP_FILTER_FLAG_NEW_LISTENER	(1UL << 3)
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH		(1UL << 4)
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV	(1UL << 5)

/*
 * A filter's return value: the action in the high 16 bits (compared as
 * a signed number: the lowest, least permissive, wins), data below.
 */
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#define SECCOMP_RET_KILL_THREAD	0x00000000U
#define SECCOMP_RET_KILL	SECCOMP_RET_KILL_THREAD
#define SECCOMP_RET_TRAP	0x00030000U
#define SECCOMP_RET_ERRNO	0x00050000U
#define SECCOMP_RET_USER_NOTIF	0x7fc00000U
#define SECCOMP_RET_TRACE	0x7ff00000U
#define SECCOMP_RET_LOG		0x7ffc0000U
#define SECCOMP_RET_ALLOW	0x7fff0000U

#define SECCOMP_RET_ACTION_FULL	0xffff0000U
#define SECCOMP_RET_ACTION	0x7fff0000U
#define SECCOMP_RET_DATA	0x0000ffffU

/* What a filter reads (BPF_LD|BPF_W|BPF_ABS offsets into it): 64 bytes. */
struct seccomp_data {
	int nr;
	__u32 arch;			/* AUDIT_ARCH_I386 */
	__u64 instruction_pointer;
	__u64 args[6];
};

/* SECCOMP_GET_NOTIF_SIZES. */
struct seccomp_notif_sizes {
	__u16 seccomp_notif;
	__u16 seccomp_notif_resp;
	__u16 seccomp_data;
};

/* A notification as SECCOMP_IOCTL_NOTIF_RECV gives it: 80 bytes. */
struct seccomp_notif {
	__u64 id;
	__u32 pid;
	__u32 flags;
	struct seccomp_data data;
};

/* SECCOMP_IOCTL_NOTIF_SEND's answer: 24 bytes. */
#define SECCOMP_USER_NOTIF_FLAG_CONTINUE	(1UL << 0)
struct seccomp_notif_resp {
	__u64 id;
	__s64 val;
	__s32 error;
	__u32 flags;
};

/* SECCOMP_IOCTL_NOTIF_ADDFD: a descriptor for the target (24 bytes, extensible). */
#define SECCOMP_ADDFD_FLAG_SETFD	(1UL << 0)	/* at newfd */
#define SECCOMP_ADDFD_FLAG_SEND		(1UL << 1)	/* and answer with it */
struct seccomp_notif_addfd {
	__u64 id;
	__u32 flags;
	__u32 srcfd;
	__u32 newfd;
	__u32 newfd_flags;		/* O_CLOEXEC */
};

/* The listener's ioctls: _IOWR/_IOW('!', n, type). */
#define SECCOMP_IOCTL_NOTIF_RECV		0xc0502100U	/* struct seccomp_notif */
#define SECCOMP_IOCTL_NOTIF_SEND		0xc0182101U	/* struct seccomp_notif_resp */
#define SECCOMP_IOCTL_NOTIF_ID_VALID		0x40082102U	/* __u64 */
#define SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR	0x80082102U	/* old _IOR spelling */
#define SECCOMP_IOCTL_NOTIF_ADDFD		0x40182103U	/* struct seccomp_notif_addfd */

/* PTRACE_SECCOMP_GET_METADATA. */
struct seccomp_metadata {
	__u64 filter_off;		/* in: which filter, 0 the newest */
	__u64 flags;			/* out: SECCOMP_FILTER_FLAG_LOG */
};

#endif
