/* The System V IPC calls' bodies, shared by the direct calls and ipc(2) (ipc/syscall.c). */
#ifndef _IPC_IPC_SYSCALLS_H
#define _IPC_IPC_SYSCALLS_H

#include <linux-ish/types.h>
#include <linux-ish/compiler.h>

struct sembuf;
struct old_timespec32;
struct __kernel_timespec;

long ksys_shmget(int key, unsigned long size, int flag);
long do_shmat(int shmid, unsigned long addr, int shmflg, unsigned long *raddr);
long ksys_shmdt(unsigned long addr);
long ksys_shmctl(int shmid, int cmd, void __user *buf, int version);

long ksys_semget(int key, int nsems, int flag);
/* @end: absolute local_clock() ns, or ~0 for no timeout. */
long do_semtimedop(int semid, struct sembuf __user *tsops, unsigned int nsops, u64 end);
long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg, int version);
int sem_timeout(const void __user *t, bool time32, u64 *end);

long ksys_msgget(int key, int flag);
long ksys_msgsnd(int msqid, void __user *msgp, long msgsz, int msgflg);
long ksys_msgrcv(int msqid, void __user *msgp, long msgsz, long msgtyp, int msgflg);
long ksys_msgctl(int msqid, int cmd, void __user *buf, int version);

#endif
