/*
 * SEM_UNDO: each process keeps, per semaphore set it used with SEM_UNDO,
 * the sum of the opposites of its operations; exit applies them (clamped
 * to 0..SEMVMX, as Linux).  fork gives the child none, unless
 * CLONE_SYSVSEM: then both share one list, applied when the last of
 * them exits; exec keeps them.  SETVAL and SETALL zero the
 * adjustments of the values they set; IPC_RMID frees the set's entries.
 * Locking: sem_ids.mutex covers both lists of every entry.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ipc.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/sched.h>
#include <uapi/linux-ish/sem.h>
#include "sem.h"

/* current's list, made if needed; NULL without memory.  sem_ids.mutex held. */
static struct sem_undo_list *get_undo_list(void)
{
	struct sem_undo_list *ulp = current->sysvsem;

	if (!ulp) {
		ulp = kmalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return NULL;
		INIT_LIST_HEAD(&ulp->list);
		ulp->refcnt = 1;
		current->sysvsem = ulp;
	}
	return ulp;
}

/* fork: CLONE_SYSVSEM shares current's list with @p (made now if none); else none. */
int copy_semundo(unsigned long clone_flags, struct task_struct *p)
{
	struct sem_undo_list *ulp;

	p->sysvsem = NULL;
	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	mutex_lock(&sem_ids.mutex);
	ulp = get_undo_list();
	if (ulp) {
		ulp->refcnt++;
		p->sysvsem = ulp;
	}
	mutex_unlock(&sem_ids.mutex);
	return ulp ? 0 : -ENOMEM;
}

/* The current task's entry for @sma, made if needed; NULL without memory. */
struct sem_undo *sem_find_undo(struct sem_array *sma)
{
	struct sem_undo_list *ulp = get_undo_list();
	struct sem_undo *un;

	if (!ulp)
		return NULL;
	list_for_each_entry(un, &ulp->list, list_proc)
		if (un->sma == sma)
			return un;
	un = kzalloc(offsetof(struct sem_undo, semadj) + sma->nsems * sizeof(short), GFP_KERNEL);
	if (!un)
		return NULL;
	un->sma = sma;
	list_add(&un->list_proc, &ulp->list);
	list_add(&un->list_id, &sma->undos);
	return un;
}

static void sem_undo_free(struct sem_undo *un)
{
	list_del(&un->list_proc);
	list_del(&un->list_id);
	kfree(un);
}

void sem_free_undos(struct sem_array *sma)
{
	struct sem_undo *un, *next;

	list_for_each_entry_safe(un, next, &sma->undos, list_id)
		sem_undo_free(un);
}

/* SETVAL (@semnum) or SETALL (-1): those adjustments are void. */
void sem_clear_undos(struct sem_array *sma, int semnum)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, list_id) {
		if (semnum < 0)
			memset(un->semadj, 0, sma->nsems * sizeof(short));
		else
			un->semadj[semnum] = 0;
	}
}

static void sem_undo_apply(struct sem_undo *un, int pid)
{
	struct sem_array *sma = un->sma;

	for (int i = 0; i < sma->nsems; i++) {
		struct sem *s = &sma->sems[i];
		int v = s->semval + un->semadj[i];

		if (!un->semadj[i])
			continue;
		s->semval = v < 0 ? 0 : v > SEMVMX ? SEMVMX : v;
		s->sempid = pid;
	}
	wake_up(&sma->wait);
}

void exit_sem(struct task_struct *p)
{
	struct sem_undo_list *ulp = p->sysvsem;
	struct sem_undo *un, *next;

	if (!ulp)
		return;
	mutex_lock(&sem_ids.mutex);
	p->sysvsem = NULL;
	if (--ulp->refcnt) {		/* another task still shares it */
		mutex_unlock(&sem_ids.mutex);
		return;
	}
	list_for_each_entry_safe(un, next, &ulp->list, list_proc) {
		sem_undo_apply(un, p->pid);
		sem_undo_free(un);
	}
	mutex_unlock(&sem_ids.mutex);
	kfree(ulp);
}
