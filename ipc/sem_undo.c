/*
 * SEM_UNDO: each process keeps, per semaphore set it used with SEM_UNDO,
 * the sum of the opposites of its operations; exit applies them (clamped
 * to 0..SEMVMX, as Linux).  fork gives the child none (no CLONE_SYSVSEM
 * without threads); exec keeps them.  SETVAL and SETALL zero the
 * adjustments of the values they set; IPC_RMID frees the set's entries.
 * Locking: sem_ids.mutex covers both lists of every entry.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/ipc.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <uapi/linux-ish/sem.h>
#include "sem.h"

/* The current task's entry for @sma, made if needed; NULL without memory. */
struct sem_undo *sem_find_undo(struct sem_array *sma)
{
	struct sem_undo_list *ulp = current->sysvsem;
	struct sem_undo *un;

	if (!ulp) {
		ulp = kmalloc(sizeof(*ulp), GFP_KERNEL);
		if (!ulp)
			return NULL;
		INIT_LIST_HEAD(&ulp->list);
		current->sysvsem = ulp;
	}
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
	list_for_each_entry_safe(un, next, &ulp->list, list_proc) {
		sem_undo_apply(un, p->pid);
		sem_undo_free(un);
	}
	mutex_unlock(&sem_ids.mutex);
	p->sysvsem = NULL;
	kfree(ulp);
}
