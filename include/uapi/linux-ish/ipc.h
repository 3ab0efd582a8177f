/*
 * System V IPC: the flags and commands every kind shares, ipc(2)'s call
 * numbers, and the 64-bit permission structure of i386 (what glibc passes
 * with IPC_64).  Linux's values and layouts.
 */
#ifndef _UAPI_LINUX_ISH_IPC_H
#define _UAPI_LINUX_ISH_IPC_H

#include <uapi/linux-ish/types.h>

#define IPC_PRIVATE	0

/* *get flags (with the permission bits 0777) */
#define IPC_CREAT	00001000
#define IPC_EXCL	00002000
#define IPC_NOWAIT	00004000

/* *ctl commands */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

/* The version bit of a *ctl command through ipc(2). */
#define IPC_OLD		0
#define IPC_64		0x0100

/* ipc(2)'s call numbers; the version is call >> 16. */
#define SEMOP		1
#define SEMGET		2
#define SEMCTL		3
#define SEMTIMEDOP	4
#define MSGSND		11
#define MSGRCV		12
#define MSGGET		13
#define MSGCTL		14
#define SHMAT		21
#define SHMDT		22
#define SHMGET		23
#define SHMCTL		24

/* ipc(MSGRCV) version 0 passes its buffer and type through this. */
struct ipc_kludge {
	__u32 msgp;			/* struct msgbuf __user * */
	__s32 msgtyp;
};

/* i386 (asm-generic/ipcbuf.h): 36 bytes. */
struct ipc64_perm {
	__s32 key;
	__u32 uid, gid, cuid, cgid;
	__u16 mode;
	__u16 __pad1;
	__u16 seq;
	__u16 __pad2;
	__u32 __unused1, __unused2;
};

#endif
