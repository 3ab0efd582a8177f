/* System V message queues: flags, commands and i386 IPC_64 structures (Linux's). */
#ifndef _UAPI_LINUX_ISH_MSG_H
#define _UAPI_LINUX_ISH_MSG_H

#include <uapi/linux-ish/ipc.h>

/* msgrcv flags */
#define MSG_NOERROR	010000		/* cut a long message instead of E2BIG */
#define MSG_EXCEPT	020000		/* the first of any other type */
#define MSG_COPY	040000		/* CONFIG_CHECKPOINT_RESTORE only */

/* msgctl commands */
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	__u32 msg_stime, msg_stime_high;
	__u32 msg_rtime, msg_rtime_high;
	__u32 msg_ctime, msg_ctime_high;
	__u32 msg_cbytes, msg_qnum, msg_qbytes;
	__s32 msg_lspid, msg_lrpid;
	__u32 __unused4, __unused5;
};

/* IPC_INFO, MSG_INFO */
struct msginfo {
	__s32 msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	__u16 msgseg;
};

#endif
