/*
 * What the three System V IPC kinds share (ipc/util.c): identifiers,
 * keys, permissions, and the table of live objects of each kind.
 *
 * An object's id is seq * IPCMNI + index: the index is its slot in the
 * kind's table (the lowest free one), seq a per-kind counter bumped at
 * every creation, so a stale id of a removed object is EINVAL even when
 * its slot has been reused.
 *
 * Locking: each kind has one mutex (ipc_ids.mutex) that covers its table
 * and every field of its objects; nothing else protects them.  A task
 * that must wait (semop, msgsnd, msgrcv) holds a reference on the object
 * (kern_ipc_perm.refcount), drops the mutex and sleeps on the object's
 * wait queue; IPC_RMID takes the object out of the table, marks it
 * deleted and wakes every sleeper (EIDRM); the last reference frees it.
 * The mutex is never held across a user access: arguments are copied in
 * before it is taken and results out after it is dropped.  Lock order:
 * mmap_lock, then the shm mutex (vm_ops open/close run under mmap_lock).
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <linux-ish/kernel.h>
#include <linux-ish/mutex.h>
#include <linux-ish/time.h>
#include <linux-ish/wait.h>
#include <linux-ish/types.h>
#include <uapi/linux-ish/ipc.h>

#define IPCMNI		32768		/* slots per kind; ids are seq * IPCMNI + index */
#define IPCID_SEQ_MAX	(0x7fffffff / IPCMNI)

struct kern_ipc_perm {
	int id;
	int key;			/* IPC_PRIVATE once removed */
	unsigned int uid, gid, cuid, cgid;
	unsigned int mode;		/* 0777 permissions plus the kind's flags */
	unsigned short seq;
	bool deleted;			/* out of the table; sleepers see EIDRM */
	int refcount;			/* the table's plus each sleeper's */
};

struct ipc_ids {
	struct mutex mutex;
	int in_use;			/* live objects */
	int max_idx;			/* highest index in use, -1 for none */
	unsigned short seq;
	int size;			/* slots allocated in entries */
	struct kern_ipc_perm **entries;
	int *next_id;			/* kernel.<kind>_next_id: the id the next
					 * object asks for, -1 for none */
};

#define IPC_IDS_INIT(name, next) \
	{ .mutex = __MUTEX_INITIALIZER(name.mutex), .max_idx = -1, .next_id = &(next) }

/* What each kind's *get supplies to ipcget(). */
struct ipc_ops {
	/* Makes a new object for @key; its id or -errno.  ids->mutex held. */
	int (*newary)(struct ipc_ids *ids, int key, int flag, unsigned long arg);
	/* Checks an existing object against the arguments (EINVAL).  Mutex held. */
	int (*more_checks)(struct kern_ipc_perm *p, unsigned long arg);
};

/* The common *get: finds or makes the object of @key.  Its id or -errno. */
int ipcget(struct ipc_ids *ids, int key, int flag, unsigned long arg,
	   const struct ipc_ops *ops);
/* Puts a new object in the table (limit: how many may exist).  Its id, -ENOSPC or -ENOMEM. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *p, int key, int flag, int limit);
/* The live object of @id, or NULL.  Mutex held. */
struct kern_ipc_perm *ipc_obtain(struct ipc_ids *ids, int id);
/* The live object in slot @idx (the *_STAT commands), or NULL.  Mutex held. */
struct kern_ipc_perm *ipc_obtain_idx(struct ipc_ids *ids, int idx);
/* Takes @p out of the table: deleted, key IPC_PRIVATE.  Mutex held. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* Drops a reference; true when it was the last (the caller frees). */
bool ipc_put(struct kern_ipc_perm *p);

/*
 * The one permission check (S_IRUGO/S_IWUGO-style @flag bits 0444, 0222
 * or 0111): 0 or -EACCES.  Every process is root today, which passes;
 * the credentials work plugs the task's ids in here.
 */
int ipc_permission(const struct kern_ipc_perm *p, unsigned int flag);
/* IPC_SET and IPC_RMID: the owner, the creator or root.  0 or -EPERM. */
int ipc_owner_check(const struct kern_ipc_perm *p);
/* The caller's effective ids (0 until credentials exist). */
unsigned int ipc_current_uid(void);
unsigned int ipc_current_gid(void);
bool ipc_in_group(unsigned int gid);
bool ipc_capable(int cap);

/* Fills the IPC_64 permission structure. */
void ipc_fill_perm64(const struct kern_ipc_perm *p, struct ipc64_perm *out);
/* IPC_SET: new owner and permission bits. */
void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in);

/*
 * Strips the version bit of a command that came through ipc(2): IPC_64
 * or IPC_OLD.  The direct calls never do (a set bit is EINVAL there, as
 * on Linux i386).
 */
int ipc_parse_version(int *cmd);

#define IPC_NO_TIMEOUT	(~0ULL)

struct wait_queue_head;
struct mutex;
/*
 * Sleeps on @wq (interruptibly) with @m dropped, until a wake-up, a
 * signal or the local_clock() deadline @end (IPC_NO_TIMEOUT: none);
 * @m is held again on return.  The caller looks at what changed.
 */
void ipc_sleep_unlocked(struct wait_queue_head *wq, struct mutex *m, u64 end)
	__must_hold(m);

/* Wall-clock seconds for the *time fields. */
static inline u32 ipc_now(void)
{
	return (u32)ktime_get_real_seconds();
}

#endif
