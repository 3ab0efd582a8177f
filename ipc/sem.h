/* Semaphore sets inside ipc/ (sem.c, sem_undo.c); locking as ipc/util.h. */
#ifndef _IPC_SEM_H
#define _IPC_SEM_H

#include <linux-ish/list.h>
#include <linux-ish/wait.h>
#include "util.h"

struct sem {
	int semval;
	int sempid;			/* the last process to change it */
};

struct sem_array {
	struct kern_ipc_perm perm;
	int nsems;
	u32 otime, ctime;
	struct wait_queue_head wait;	/* semop sleepers: each retries on a wake-up */
	struct list_head pending;	/* struct sem_pending: GETNCNT, GETZCNT */
	struct list_head undos;		/* struct sem_undo of every process */
	struct sem sems[];
};

/* A sleeping semop: the operation it blocked on. */
struct sem_pending {
	struct list_head list;
	int sem_num;
	bool zero;			/* waits for 0 (else for an increase) */
};

/* One process's SEM_UNDO adjustments for one set. */
struct sem_undo {
	struct list_head list_proc;	/* in the task's sem_undo_list */
	struct list_head list_id;	/* in the set's undos */
	struct sem_array *sma;
	short semadj[];
};

/*
 * A task's undo entries (task_struct->sysvsem), made at its first
 * SEM_UNDO or at a CLONE_SYSVSEM fork; refcnt: the tasks sharing it.
 */
struct sem_undo_list {
	struct list_head list;
	int refcnt;			/* sem_ids.mutex */
};

#define SEM_NO_TIMEOUT	IPC_NO_TIMEOUT
#define SEM_BAD_TIMEOUT	(~0ULL - 1)	/* invalid: EINVAL once the operations are read */

extern struct ipc_ids sem_ids;
extern int used_sems;			/* semaphores in every set (semmns) */

/* sem.c; sem_ids.mutex held. */
struct sem_array *sem_obtain(int id);
struct sem_array *sem_obtain_idx(int idx);
/* IPC_RMID: out of the table, sleepers woken (EIDRM), freed at the last reference. */
void sem_rmid(struct sem_array *sma);

/* sem_undo.c; sem_ids.mutex held. */
struct sem_undo *sem_find_undo(struct sem_array *sma);
void sem_free_undos(struct sem_array *sma);
void sem_clear_undos(struct sem_array *sma, int semnum);

#endif
