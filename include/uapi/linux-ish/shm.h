/* System V shared memory: flags, commands and i386 IPC_64 structures (Linux's). */
#ifndef _UAPI_LINUX_ISH_SHM_H
#define _UAPI_LINUX_ISH_SHM_H

#include <uapi/linux-ish/ipc.h>

/* shmat flags */
#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000

/* shm_perm.mode bits beyond the permissions */
#define SHM_DEST	01000		/* removed: goes at the last detach */
#define SHM_LOCKED	02000

/* shmctl commands */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	__u32 shm_segsz;
	__u32 shm_atime, shm_atime_high;
	__u32 shm_dtime, shm_dtime_high;
	__u32 shm_ctime, shm_ctime_high;
	__s32 shm_cpid, shm_lpid;
	__u32 shm_nattch;
	__u32 __unused4, __unused5;
};

/* IPC_INFO */
struct shminfo64 {
	__u32 shmmax, shmmin, shmmni, shmseg, shmall;
	__u32 __unused1, __unused2, __unused3, __unused4;
};

/* SHM_INFO */
struct shm_info {
	__s32 used_ids;
	__u32 shm_tot, shm_rss, shm_swp;	/* pages */
	__u32 swap_attempts, swap_successes;
};

#endif
