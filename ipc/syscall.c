/*
 * ipc(2), number 117: i386's old multiplexer for every System V IPC call
 * (what glibc uses on i386).  The call's top 16 bits are a version: for
 * MSGRCV version 0 passes the buffer and type through a struct
 * ipc_kludge at @ptr, version 1 directly; SHMAT version 0 stores the
 * address at @third and returns 0 (version 1, iBCS2, is EINVAL); the
 * *ctl calls take IPC_64 in @third's command (ipc_parse_version).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/ipc.h>
#include <uapi/linux-ish/time.h>
#include "util.h"
#include "ipc_syscalls.h"

static long ipc_msgrcv(int version, int msqid, long msgsz, int msgflg,
		       void __user *ptr, long fifth)
{
	struct ipc_kludge k;

	if (version)
		return ksys_msgrcv(msqid, ptr, msgsz, fifth, msgflg);
	if (!ptr)
		return -EINVAL;
	if (copy_from_user(&k, ptr, sizeof(k)))
		return -EFAULT;
	return ksys_msgrcv(msqid, (void __user *)(unsigned long)k.msgp, msgsz, k.msgtyp, msgflg);
}

static long ipc_shmat(int version, int shmid, int shmflg, unsigned long __user *result,
		      void __user *ptr)
{
	unsigned long raddr;
	long err;

	if (version == 1)
		return -EINVAL;
	err = do_shmat(shmid, (__force unsigned long)ptr, shmflg, &raddr);
	if (err)
		return err;
	return put_user(raddr, result);
}

static long ipc_semtimedop(int semid, void __user *ptr, unsigned int nsops,
			   const struct old_timespec32 __user *timeout)
{
	u64 end;
	int err = sem_timeout(timeout, true, &end);

	return err ? err : do_semtimedop(semid, ptr, nsops, end);
}

static long ipc_semctl(int semid, int semnum, int cmd, void __user *ptr)
{
	unsigned long arg;
	int version = ipc_parse_version(&cmd);

	if (!ptr)
		return -EINVAL;
	if (get_user(arg, (unsigned long __user *)ptr))
		return -EFAULT;
	return ksys_semctl(semid, semnum, cmd, arg, version);
}

SYSCALL_DEFINE6(ipc, unsigned int, call, int, first, unsigned long, second,
		unsigned long, third, void __user *, ptr, long, fifth)
{
	int version = call >> 16, cmd;

	switch (call & 0xffff) {
	case SEMOP:
		return ipc_semtimedop(first, ptr, second, NULL);
	case SEMTIMEDOP:
		return ipc_semtimedop(first, ptr, second, (__force void __user *)fifth);
	case SEMGET:
		return ksys_semget(first, second, third);
	case SEMCTL:
		return ipc_semctl(first, second, third, ptr);
	case MSGSND:
		return ksys_msgsnd(first, ptr, second, third);
	case MSGRCV:
		return ipc_msgrcv(version, first, second, third, ptr, fifth);
	case MSGGET:
		return ksys_msgget(first, second);
	case MSGCTL:
		cmd = second;
		version = ipc_parse_version(&cmd);
		return ksys_msgctl(first, cmd, ptr, version);
	case SHMAT:
		return ipc_shmat(version, first, second, (unsigned long __user *)third, ptr);
	case SHMDT:
		return ksys_shmdt((__force unsigned long)ptr);
	case SHMGET:
		return ksys_shmget(first, second, third);
	case SHMCTL:
		cmd = second;
		version = ipc_parse_version(&cmd);
		return ksys_shmctl(first, cmd, ptr, version);
	default:
		return -ENOSYS;
	}
}
