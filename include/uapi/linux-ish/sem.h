/* System V semaphores: flags, commands and i386 IPC_64 structures (Linux's). */
#ifndef _UAPI_LINUX_ISH_SEM_H
#define _UAPI_LINUX_ISH_SEM_H

#include <uapi/linux-ish/ipc.h>

#define SEM_UNDO	0x1000		/* sem_flg: undone at exit */

/* semctl commands */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

#define SEMVMX		32767		/* the largest semaphore value */
#define SEMAEM		SEMVMX		/* the largest undo adjustment */

struct sembuf {
	__u16 sem_num;
	__s16 sem_op;
	__s16 sem_flg;
};

/* i386 (arch/x86 sembuf.h) */
struct semid64_ds {
	struct ipc64_perm sem_perm;
	__u32 sem_otime, sem_otime_high;
	__u32 sem_ctime, sem_ctime_high;
	__u32 sem_nsems;
	__u32 __unused3, __unused4;
};

/* IPC_INFO, SEM_INFO */
struct seminfo {
	__s32 semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

#endif
