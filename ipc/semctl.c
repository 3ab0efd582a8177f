/*
 * semctl: values, counts, status, ownership and removal of a semaphore
 * set, and the limits (IPC_INFO, SEM_INFO).  Locking: ipc/util.h; user
 * memory is touched only with sem_ids.mutex dropped.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/ipc.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/syscalls.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/sem.h>
#include "sem.h"
#include "ipc_syscalls.h"

#define SEMUSZ		20		/* Linux's "sizeof struct sem_undo" for IPC_INFO */

static long semctl_info(int cmd, void __user *buf)
{
	struct seminfo si = {
		.semmni = sem_ctls[3], .semmns = sem_ctls[1], .semmsl = sem_ctls[0],
		.semopm = sem_ctls[2], .semvmx = SEMVMX, .semmnu = 32000 * 32000,
		.semmap = 32000 * 32000, .semume = 500, .semusz = SEMUSZ, .semaem = SEMAEM,
	};
	long ret;

	mutex_lock(&sem_ids.mutex);
	if (cmd == SEM_INFO) {
		si.semusz = sem_ids.in_use;
		si.semaem = used_sems;
	}
	ret = sem_ids.max_idx < 0 ? 0 : sem_ids.max_idx;
	mutex_unlock(&sem_ids.mutex);
	return copy_to_user(buf, &si, sizeof(si)) ? -EFAULT : ret;
}

static long semctl_stat(int semid, int cmd, void __user *buf)
{
	struct semid64_ds ds;
	struct sem_array *sma;
	long ret = -EINVAL;

	memset(&ds, 0, sizeof(ds));
	mutex_lock(&sem_ids.mutex);
	sma = cmd == IPC_STAT ? sem_obtain(semid) : sem_obtain_idx(semid);
	if (sma)
		ret = cmd == SEM_STAT_ANY ? 0 : ipc_permission(&sma->perm, 0444);
	if (!ret) {
		ipc_fill_perm64(&sma->perm, &ds.sem_perm);
		ds.sem_otime = sma->otime;
		ds.sem_ctime = sma->ctime;
		ds.sem_nsems = sma->nsems;
		ret = cmd == IPC_STAT ? 0 : sma->perm.id;
	}
	mutex_unlock(&sem_ids.mutex);
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* Tasks asleep on semaphore @semnum for 0 (@zero) or for an increase. */
static int sem_count_waiters(struct sem_array *sma, int semnum, bool zero)
{
	struct sem_pending *p;
	int n = 0;

	list_for_each_entry(p, &sma->pending, list)
		n += p->sem_num == semnum && p->zero == zero;
	return n;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT, SETVAL on one semaphore. */
static long semctl_one(int semid, int semnum, int cmd, int val)
{
	struct sem_array *sma;
	long ret;

	if (cmd == SETVAL && (val > SEMVMX || val < 0))
		return -ERANGE;
	mutex_lock(&sem_ids.mutex);
	sma = sem_obtain(semid);
	ret = -EINVAL;
	if (!sma || semnum < 0 || semnum >= sma->nsems)
		goto out;
	ret = ipc_permission(&sma->perm, cmd == SETVAL ? 0222 : 0444);
	if (ret)
		goto out;
	switch (cmd) {
	case GETVAL: ret = sma->sems[semnum].semval; break;
	case GETPID: ret = sma->sems[semnum].sempid; break;
	case GETNCNT: ret = sem_count_waiters(sma, semnum, false); break;
	case GETZCNT: ret = sem_count_waiters(sma, semnum, true); break;
	case SETVAL:
		sma->sems[semnum].semval = val;
		sma->sems[semnum].sempid = current->pid;
		sem_clear_undos(sma, semnum);
		sma->ctime = ipc_now();
		wake_up(&sma->wait);
		break;
	}
out:
	mutex_unlock(&sem_ids.mutex);
	return ret;
}

/*
 * For GETALL/SETALL: checks @perm on the set and allocates a buffer of
 * one u16 per semaphore, its count in *@nsems.  The mutex is dropped
 * before the copy to or from user space (which may fault and sleep), so
 * the caller re-finds the set with sem_obtain_sized().
 */
static u16 *semctl_vals(int semid, unsigned int perm, int *nsems)
{
	struct sem_array *sma;
	int ret;
	u16 *vals;

	mutex_lock(&sem_ids.mutex);
	sma = sem_obtain(semid);
	ret = sma ? ipc_permission(&sma->perm, perm) : -EINVAL;
	if (!ret)
		*nsems = sma->nsems;
	mutex_unlock(&sem_ids.mutex);
	if (ret)
		return ERR_PTR(ret);
	vals = kmalloc(*nsems * sizeof(u16), GFP_KERNEL);
	return vals ? vals : ERR_PTR(-ENOMEM);
}

/* The set again under sem_ids.mutex, or NULL if it went or was replaced. */
static struct sem_array *sem_obtain_sized(int semid, int nsems)
{
	struct sem_array *sma = sem_obtain(semid);

	return sma && sma->nsems == nsems ? sma : NULL;
}

static long semctl_getall(int semid, u16 __user *array)
{
	struct sem_array *sma;
	int nsems;
	u16 *vals = semctl_vals(semid, 0444, &nsems);
	long ret = 0;

	if (IS_ERR(vals))
		return PTR_ERR(vals);
	mutex_lock(&sem_ids.mutex);
	sma = sem_obtain_sized(semid, nsems);
	if (!sma)
		ret = -EIDRM;
	for (int i = 0; !ret && i < nsems; i++)
		vals[i] = sma->sems[i].semval;
	mutex_unlock(&sem_ids.mutex);
	if (!ret && copy_to_user(array, vals, nsems * sizeof(u16)))
		ret = -EFAULT;
	kfree(vals);
	return ret;
}

static long semctl_setall(int semid, const u16 __user *array)
{
	struct sem_array *sma;
	int nsems;
	u16 *vals = semctl_vals(semid, 0222, &nsems);
	long ret = 0;

	if (IS_ERR(vals))
		return PTR_ERR(vals);
	if (copy_from_user(vals, array, nsems * sizeof(u16)))
		ret = -EFAULT;
	for (int i = 0; !ret && i < nsems; i++)
		if (vals[i] > SEMVMX)
			ret = -ERANGE;
	mutex_lock(&sem_ids.mutex);
	sma = ret ? NULL : sem_obtain_sized(semid, nsems);
	if (!ret && !sma)
		ret = -EIDRM;
	for (int i = 0; !ret && i < nsems; i++) {
		sma->sems[i].semval = vals[i];
		sma->sems[i].sempid = current->pid;
	}
	if (!ret) {
		sem_clear_undos(sma, -1);
		sma->ctime = ipc_now();
		wake_up(&sma->wait);
	}
	mutex_unlock(&sem_ids.mutex);
	kfree(vals);
	return ret;
}

/* IPC_SET (with @ds) and IPC_RMID. */
static long semctl_down(int semid, int cmd, const struct semid64_ds *ds)
{
	struct sem_array *sma;
	long ret;

	mutex_lock(&sem_ids.mutex);
	sma = sem_obtain(semid);
	ret = sma ? ipc_owner_check(&sma->perm) : -EINVAL;
	if (!ret && cmd == IPC_RMID) {
		sem_rmid(sma);
	} else if (!ret) {
		ipc_set_perm(&sma->perm, &ds->sem_perm);
		sma->ctime = ipc_now();
	}
	mutex_unlock(&sem_ids.mutex);
	return ret;
}

/* As shmctl: IPC_OLD structures (never used by glibc) are EINVAL. */
long ksys_semctl(int semid, int semnum, int cmd, unsigned long arg, int version)
{
	void __user *p = (void __user *)arg;
	struct semid64_ds ds;

	if (semid < 0)
		return -EINVAL;
	if (version != IPC_64 && (cmd == IPC_STAT || cmd == SEM_STAT || cmd == SEM_STAT_ANY ||
				  cmd == IPC_SET))
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, p);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(semid, cmd, p);
	case GETALL:
		return semctl_getall(semid, p);
	case SETALL:
		return semctl_setall(semid, p);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
		return semctl_one(semid, semnum, cmd, (int)arg);
	case IPC_SET:
		if (copy_from_user(&ds, p, sizeof(ds)))
			return -EFAULT;
		return semctl_down(semid, cmd, &ds);
	case IPC_RMID:
		return semctl_down(semid, cmd, NULL);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(semctl, int, semid, int, semnum, int, cmd, unsigned long, arg)
{
	return ksys_semctl(semid, semnum, cmd, arg, IPC_64);
}

/* /proc/sysvipc/sem, in Linux's format. */
void sysvipc_sem_show(struct seq_buf *m)
{
	seq_printf(m, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	mutex_lock(&sem_ids.mutex);
	for (int i = 0; i <= sem_ids.max_idx; i++) {
		struct sem_array *sma = sem_obtain_idx(i);

		if (sma)
			seq_printf(m, "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu %10llu\n",
				   sma->perm.key, sma->perm.id, sma->perm.mode, sma->nsems,
				   sma->perm.uid, sma->perm.gid, sma->perm.cuid, sma->perm.cgid,
				   (unsigned long long)sma->otime, (unsigned long long)sma->ctime);
	}
	mutex_unlock(&sem_ids.mutex);
}

void sysctl_show_sem(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%d\t%d\t%d\t%d\n", sem_ctls[0], sem_ctls[1], sem_ctls[2], sem_ctls[3]);
}

/*
 * Up to four integers.  A semmni outside 0..IPCMNI is ERANGE and stays
 * as it was while the others take the new values, as Linux does.
 */
int sysctl_store_sem(const struct ctl_table *t, const char *buf)
{
	int v[4] = { sem_ctls[0], sem_ctls[1], sem_ctls[2], sem_ctls[3] };
	char copy[64], *s = copy, *tok;
	int n = 0;

	if (strlcpy(copy, buf, sizeof(copy)) >= sizeof(copy))
		return -EINVAL;
	while ((tok = strsep(&s, " \t\n"))) {
		long x;

		if (!*tok)
			continue;
		if (n == 4 || kstrtol(tok, 10, &x))
			return -EINVAL;
		v[n++] = x;
	}
	if (!n)
		return -EINVAL;
	memcpy(sem_ctls, v, 3 * sizeof(int));
	if (v[3] < 0 || v[3] > IPCMNI)
		return -ERANGE;		/* the others stay written, as Linux */
	sem_ctls[3] = v[3];
	return 0;
}
