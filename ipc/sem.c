/*
 * System V semaphores: semget, semop/semtimedop, semctl.
 *
 * A semop applies all of its operations or none.  One that cannot
 * proceed sleeps on the set's wait queue (noted on ->pending for
 * GETNCNT/GETZCNT) and tries again after every change to the set, so
 * there is no queue order between sleepers (Linux wakes in a stricter
 * order; the outcome of each call is the same).  A sleeper sees EIDRM
 * if the set goes, EAGAIN at its timeout, EINTR on a signal (never
 * restarted, as Linux).  Locking: ipc/util.h (sem_ids.mutex).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/timespec.h>
#include <linux-ish/errno.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/time.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/sem.h>
#include <uapi/linux-ish/time.h>
#include "sem.h"
#include "ipc_syscalls.h"


int sem_ctls[4] = { 32000, 32000 * 32000, 500, 32000 };	/* semmsl semmns semopm semmni */
#define sc_semmsl	sem_ctls[0]
#define sc_semmns	sem_ctls[1]
#define sc_semopm	sem_ctls[2]
#define sc_semmni	sem_ctls[3]

int sem_next_id = -1;
struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids, sem_next_id);
int used_sems;			/* semaphores in every set: semmns */

struct sem_array *sem_obtain(int id)
{
	struct kern_ipc_perm *p = ipc_obtain(&sem_ids, id);

	return p ? container_of(p, struct sem_array, perm) : NULL;
}

struct sem_array *sem_obtain_idx(int idx)
{
	struct kern_ipc_perm *p = ipc_obtain_idx(&sem_ids, idx);

	return p ? container_of(p, struct sem_array, perm) : NULL;
}

/* ---- semget ---- */

static int sem_newary(struct ipc_ids *ids, int key, int flag, unsigned long nsems)
{
	struct sem_array *sma;
	int id;

	if (!nsems)
		return -EINVAL;
	if (used_sems + (int)nsems > sc_semmns)
		return -ENOSPC;
	sma = kzalloc(offsetof(struct sem_array, sems) + nsems * sizeof(struct sem), GFP_KERNEL);
	if (!sma)
		return -ENOMEM;
	sma->nsems = nsems;
	init_waitqueue_head(&sma->wait);
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->undos);
	id = ipc_addid(ids, &sma->perm, key, flag, sc_semmni);
	if (id < 0) {
		kfree(sma);
		return id;
	}
	sma->ctime = ipc_now();
	used_sems += nsems;
	return id;
}

static int sem_more_checks(struct kern_ipc_perm *p, unsigned long nsems)
{
	return (int)nsems > container_of(p, struct sem_array, perm)->nsems ? -EINVAL : 0;
}

static const struct ipc_ops sem_ops = {
	.newary = sem_newary,
	.more_checks = sem_more_checks,
};

long ksys_semget(int key, int nsems, int flag)
{
	if (nsems < 0 || nsems > sc_semmsl)
		return -EINVAL;
	return ipcget(&sem_ids, key, flag, nsems, &sem_ops);
}

SYSCALL_DEFINE3(semget, int, key, int, nsems, int, semflg)
{
	return ksys_semget(key, nsems, semflg);
}

/* The set is gone from the table: wake its sleepers, drop the table's reference. */
void sem_rmid(struct sem_array *sma)
{
	ipc_rmid(&sem_ids, &sma->perm);
	used_sems -= sma->nsems;
	sem_free_undos(sma);
	wake_up(&sma->wait);
	if (ipc_put(&sma->perm))
		kfree(sma);
}

/* ---- semop ---- */

/* Undoes sops[0..n) of a partly applied semop. */
static void sem_revert(struct sem_array *sma, const struct sembuf *sops, int n,
		       struct sem_undo *un)
{
	while (n--) {
		sma->sems[sops[n].sem_num].semval -= sops[n].sem_op;
		if (un && (sops[n].sem_flg & SEM_UNDO))
			un->semadj[sops[n].sem_num] += sops[n].sem_op;
	}
}

/*
 * Applies every operation or none: 0, -ERANGE, or 1 if one must wait
 * (*@blocked is its index; -EAGAIN instead when it has IPC_NOWAIT).
 */
static int sem_try(struct sem_array *sma, const struct sembuf *sops, int nsops,
		   struct sem_undo *un, int *blocked)
{
	int i, ret = 0;

	for (i = 0; i < nsops; i++) {
		const struct sembuf *sop = &sops[i];
		struct sem *s = &sma->sems[sop->sem_num];
		int result = s->semval + sop->sem_op;

		if ((!sop->sem_op && s->semval) || result < 0) {
			*blocked = i;
			ret = (sop->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
			break;
		}
		if (result > SEMVMX) {
			ret = -ERANGE;
			break;
		}
		if (un && (sop->sem_flg & SEM_UNDO)) {
			int undo = un->semadj[sop->sem_num] - sop->sem_op;

			if (undo < -SEMAEM - 1 || undo > SEMAEM) {
				ret = -ERANGE;
				break;
			}
			un->semadj[sop->sem_num] = undo;
		}
		s->semval = result;
	}
	if (ret) {
		sem_revert(sma, sops, i, un);
		return ret;
	}
	for (i = 0; i < nsops; i++)
		sma->sems[sops[i].sem_num].sempid = current->pid;
	sma->otime = ipc_now();
	return 0;
}

/*
 * Sleeps on @sma (mutex held on entry and exit, dropped meanwhile) until
 * a change, @end or a signal.  0 to retry, -EIDRM, -EAGAIN, -EINTR.
 */
static long sem_sleep(struct sem_array *sma, const struct sembuf *sop, u64 end)
	__must_hold(&sem_ids.mutex)
{
	struct sem_pending pend = { .sem_num = sop->sem_num, .zero = !sop->sem_op };
	long ret = 0;

	if (end != SEM_NO_TIMEOUT && local_clock() >= end)
		return -EAGAIN;
	list_add_tail(&pend.list, &sma->pending);
	sma->perm.refcount++;
	ipc_sleep_unlocked(&sma->wait, &sem_ids.mutex, end);
	list_del(&pend.list);
	if (sma->perm.deleted)
		ret = -EIDRM;
	else if (signal_pending(current))
		ret = -EINTR;
	if (ipc_put(&sma->perm))
		kfree(sma);
	return ret;
}

/* The checks before the set is looked up: max sem_num, SEM_UNDO, alter. */
static void sem_scan(const struct sembuf *sops, unsigned int nsops, int *max,
		     bool *undos, bool *alter)
{
	*max = 0;
	*undos = *alter = false;
	for (unsigned int i = 0; i < nsops; i++) {
		*max = max(*max, (int)sops[i].sem_num);
		*undos |= !!(sops[i].sem_flg & SEM_UNDO);
		*alter |= sops[i].sem_op != 0;
	}
}

/* The semop loop on the looked-up set.  Mutex held. */
static long sem_do_ops(int semid, struct sembuf *sops, unsigned int nsops, u64 end)
{
	struct sem_undo *un = NULL;
	struct sem_array *sma;
	bool undos, alter;
	int max, blocked;

	sem_scan(sops, nsops, &max, &undos, &alter);
	for (;;) {
		long ret;

		sma = sem_obtain(semid);
		if (!sma)
			return -EINVAL;
		if (max >= sma->nsems)
			return -EFBIG;
		ret = ipc_permission(&sma->perm, alter ? 0222 : 0444);
		if (ret)
			return ret;
		if (undos && !(un = sem_find_undo(sma)))
			return -ENOMEM;
		ret = sem_try(sma, sops, nsops, un, &blocked);
		if (ret <= 0) {
			if (!ret && alter)
				wake_up(&sma->wait);
			return ret;
		}
		ret = sem_sleep(sma, &sops[blocked], end);
		if (ret)
			return ret;
	}
}

long do_semtimedop(int semid, struct sembuf __user *tsops, unsigned int nsops, u64 end)
{
	struct sembuf fast[8], *sops = fast;
	long ret;

	if (nsops < 1 || semid < 0)
		return -EINVAL;
	if (nsops > (unsigned int)sc_semopm)
		return -E2BIG;
	if (nsops > ARRAY_SIZE(fast)) {
		sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
		if (!sops)
			return -ENOMEM;
	}
	if (copy_from_user(sops, tsops, nsops * sizeof(*sops))) {
		ret = -EFAULT;
	} else if (end == SEM_BAD_TIMEOUT) {
		ret = -EINVAL;
	} else {
		mutex_lock(&sem_ids.mutex);
		ret = sem_do_ops(semid, sops, nsops, end);
		mutex_unlock(&sem_ids.mutex);
	}
	if (sops != fast)
		kfree(sops);
	return ret;
}

/*
 * A relative timeout as a local_clock() deadline; SEM_BAD_TIMEOUT for an
 * invalid one, which Linux reports after the counts and the operations.
 */
static void sem_deadline(s64 sec, s64 nsec, u64 *end)
{
	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		*end = SEM_BAD_TIMEOUT;
	else if ((u64)sec >= (~0ULL >> 2) / NSEC_PER_SEC)
		*end = SEM_NO_TIMEOUT;
	else
		*end = local_clock() + (u64)sec * NSEC_PER_SEC + (u64)nsec;
}

/* A semtimedop timeout in either i386 layout (@time32) as a deadline. */
int sem_timeout(const void __user *t, bool time32, u64 *end)
{
	struct timespec64 ts;
	int err;

	*end = SEM_NO_TIMEOUT;
	if (!t)
		return 0;
	err = get_user_timespec(&ts, t, time32);
	if (!err)
		sem_deadline(ts.tv_sec, ts.tv_nsec, end);
	return err;
}

SYSCALL_DEFINE4(semtimedop_time64, int, semid, struct sembuf __user *, tsops,
		unsigned int, nsops, const struct __kernel_timespec __user *, timeout)
{
	u64 end;
	int err = sem_timeout(timeout, false, &end);

	if (err)
		return err;
	return do_semtimedop(semid, tsops, nsops, end);
}
