/*
 * The OOM killer.  When reclaim cannot make room for an allocation that
 * may sleep (mm/vmscan.c), out_of_memory() kills the process whose
 * death frees most, by Linux's badness: resident pages + swap entries +
 * page-table pages, plus oom_score_adj thousandths of all memory; a
 * process with oom_score_adj -1000, init, kernel threads and processes
 * sharing init's mm are never chosen.  While a victim (any killable
 * process with SIGKILL pending) has not released its memory, nobody
 * else is killed.  Injected failures (fault-injection.md) return before
 * reclaim, so they never get here.
 *
 * A page fault whose allocation failed ends in pagefault_out_of_memory():
 * a process that was itself chosen just dies; one that waits for a
 * victim retries the fault; any other failure (an injected one, or no
 * process left to kill) kills the faulting process as before (init:
 * the biggest other process instead).
 *
 * Locking: tasklist_lock (IRQ-safe) around every walk of the task list;
 * the chosen task cannot go away before the kill (one CPU, no sleeping
 * in between).  oom_score_adj lives in signal_struct, written by
 * /proc/<pid>/oom_score_adj under oom_adj_lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/oom.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/vmscan.h>
#include <uapi/linux-ish/capability.h>

#ifndef LONG_MIN
#define LONG_MIN	(-LONG_MAX - 1)
#endif
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static DEFINE_SPINLOCK(oom_adj_lock);

/* init's address space (NULL before init has one).  tasklist_lock held. */
static const struct mm_struct *init_process_mm(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == 1)
			return p->mm;
	return NULL;
}

/*
 * Can killing @p give memory back?  Not for kernel threads, zombies and
 * init, nor for a process sharing init's mm (a vfork child of init): init
 * is never killed and keeps the mm.  tasklist_lock held.
 */
static bool oom_killable(const struct task_struct *p, const struct mm_struct *init_mm_user)
{
	return !(p->flags & PF_KTHREAD) && !p->exit_state && p->mm && p->pid != 1 &&
	       p->mm != init_mm_user;
}

/* Pages the kill of @p would free (Linux's get_mm_rss + swap + page tables). */
static unsigned long oom_pages(const struct mm_struct *mm)
{
	return mm->rss_anon + mm->rss_file + mm->nr_ptes;
}

static unsigned long oom_totalpages(void)
{
	return totalram_pages;		/* + total_swap_pages once swap exists */
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj = p->signal->oom_score_adj;

	if ((p->flags & PF_KTHREAD) || p->pid == 1 || !p->mm)
		return LONG_MIN;
	if (adj == OOM_SCORE_ADJ_MIN)
		return LONG_MIN;
	points = (long)oom_pages(p->mm);
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/*
 * The worst process by badness (the last of equals, as Linux's walk);
 * NULL if none, or if an earlier victim is still dying (*@dying).
 */
static struct task_struct *select_bad_process(bool *dying)
{
	unsigned long totalpages = oom_totalpages(), flags;
	struct task_struct *p, *victim = NULL;
	const struct mm_struct *init_mm_user;
	long best = LONG_MIN;

	*dying = false;
	spin_lock_irqsave(&tasklist_lock, flags);
	init_mm_user = init_process_mm();
	list_for_each_entry(p, &task_list, tasks) {
		long points;

		if (!oom_killable(p, init_mm_user))
			continue;
		if (fatal_signal_pending(p)) {
			*dying = true;	/* its memory is on the way: wait for it */
			break;
		}
		points = oom_badness(p, totalpages);
		if (points == LONG_MIN || points < best)
			continue;
		best = points;
		victim = p;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return *dying ? NULL : victim;
}

bool oom_victim_dying(void)
{
	bool dying;

	select_bad_process(&dying);
	return dying;
}

/* Linux's report of a kill (oom_kill.c's __oom_kill_process). */
static void oom_report(const struct task_struct *p, const char *message)
{
	const struct mm_struct *mm = p->mm;

	printk(KERN_ERR "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, p->pid, p->comm, K(mm->total_vm), K(mm->rss_anon), K(mm->rss_file),
	       0UL, (unsigned int)p->cred->uid, K(mm->nr_ptes), p->signal->oom_score_adj);
}

/*
 * SIGKILL to @victim and to every other process using its mm (a vfork
 * parent and child share one): while one user is left, nothing is freed.
 * init, which is never killed, is spared.
 */
static void oom_kill_mm_users(struct task_struct *victim, const char *message)
{
	const struct mm_struct *mm = victim->mm;
	struct task_struct *p;
	unsigned long flags;

	oom_report(victim, message);
	reclaim_events.oom_kill++;
	send_sig(SIGKILL, victim);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p != victim && p->mm == mm && p->pid != 1 && !(p->flags & PF_KTHREAD))
			send_sig(SIGKILL, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	struct task_struct *victim;
	bool dying;

	if (fatal_signal_pending(current) || (current->flags & PF_EXITING))
		return true;		/* current is dying: its memory comes back */
	victim = select_bad_process(&dying);
	if (dying)
		return true;
	if (!victim) {
		static bool told;

		if (!told)
			printk(KERN_ERR "Out of memory and no killable processes...\n");
		told = true;
		return false;
	}
	printk(KERN_WARNING "%s invoked oom-killer: gfp_mask=%#x, order=%u, oom_score_adj=%hd\n",
	       current->comm, gfp, order, current->signal->oom_score_adj);
	printk(KERN_INFO "oom-kill:constraint=CONSTRAINT_NONE,global_oom,task=%s,pid=%d,uid=%u\n",
	       victim->comm, victim->pid, (unsigned int)victim->cred->uid);
	oom_kill_mm_users(victim, "Out of memory");
	return true;
}

/* The biggest killable process other than current's mm users; NULL if none or one is dying. */
static struct task_struct *biggest_other(bool *dying)
{
	struct task_struct *victim = select_bad_process(dying);

	return victim && victim->mm != current->mm ? victim : NULL;
}

/*
 * A page fault found no memory (see the top of the file).  init is
 * never killed: it waits for a victim, or gets the biggest other
 * process killed, and retries.
 */
void pagefault_out_of_memory(unsigned long address)
{
	static bool told;
	struct task_struct *victim;
	bool dying;

	if (fatal_signal_pending(current))
		return;			/* chosen: it dies on the way out */
	if (current->flags & PF_NOMEM_DEFERRED) {
		/* Real exhaustion under the mmap_lock: reclaim first, then Linux's choice. */
		current->flags &= ~PF_NOMEM_DEFERRED;
		if (pagefault_reclaim_retry())
			return;
		if (out_of_memory(GFP_KERNEL, 0)) {
			set_current_state(TASK_INTERRUPTIBLE);
			schedule_timeout(HZ / 50);
			return;
		}
	}
	if (current->pid != 1 && !oom_victim_dying()) {
		oom_kill_mm_users(current, "Out of memory");
		do_exit(SIGKILL);
	}
	victim = current->pid == 1 ? biggest_other(&dying) : NULL;
	if (victim) {
		oom_kill_mm_users(victim, "Out of memory");
	} else if (current->pid == 1 && !told && !oom_victim_dying()) {
		told = true;
		printk(KERN_ERR "Out of memory: init (fault at %#lx) waits, "
		       "nothing left to kill\n", address);
	}
	set_current_state(TASK_INTERRUPTIBLE);
	schedule_timeout(HZ / 50);	/* let the victim run to its exit */
}

/* ---- /proc/<pid>/oom_score, oom_score_adj, oom_adj ---- */

void oom_score_adj_fork(struct task_struct *child)
{
	child->signal->oom_score_adj = current->signal->oom_score_adj;
	child->signal->oom_score_adj_min = current->signal->oom_score_adj_min;
}

/* Linux's scale: badness as a share of memory, mapped onto 0..2000 (0 for the exempt). */
void proc_oom_score_show(struct seq_buf *m, struct task_struct *p)
{
	unsigned long totalpages = oom_totalpages(), points = 0;
	long badness = oom_badness(p, totalpages);

	if (badness != LONG_MIN)
		points = (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
	seq_printf(m, "%lu\n", points);
}

void proc_oom_score_adj_show(struct seq_buf *m, struct task_struct *p)
{
	seq_printf(m, "%hd\n", p->signal->oom_score_adj);
}

/*
 * Sets @p's adjustment (Linux's __set_oom_adj).  Going below the floor
 * (oom_score_adj_min; for oom_adj, below the current value) needs
 * CAP_SYS_RESOURCE (EACCES); a writer with it also moves the floor
 * (oom_score_adj only).
 */
static int set_oom_adj(struct task_struct *p, int adj, bool legacy)
{
	short floor = legacy ? p->signal->oom_score_adj : p->signal->oom_score_adj_min;
	bool privileged = capable(CAP_SYS_RESOURCE);
	static bool warned;
	unsigned long flags;

	if (adj < floor && !privileged)
		return -EACCES;
	if (legacy && !warned) {
		warned = true;
		pr_warn("%s (%d): /proc/%d/oom_adj is deprecated, please use "
			"/proc/%d/oom_score_adj instead.\n", current->comm, current->pid,
			p->pid, p->pid);
	}
	spin_lock_irqsave(&oom_adj_lock, flags);
	p->signal->oom_score_adj = (short)adj;
	if (!legacy && privileged)
		p->signal->oom_score_adj_min = (short)adj;
	spin_unlock_irqrestore(&oom_adj_lock, flags);
	return 0;
}

int proc_oom_score_adj_write(struct task_struct *p, const char *buf)
{
	int adj, err = kstrtoint(buf, 0, &adj);

	if (err)
		return err;
	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	return set_oom_adj(p, adj, false);
}

/* oom_adj: -17..15 shown from oom_score_adj, Linux's scaling both ways. */
void proc_oom_adj_show(struct seq_buf *m, struct task_struct *p)
{
	int adj = p->signal->oom_score_adj;

	seq_printf(m, "%d\n", adj == OOM_SCORE_ADJ_MAX ? OOM_ADJUST_MAX :
		   adj * -OOM_DISABLE / OOM_SCORE_ADJ_MAX);
}

int proc_oom_adj_write(struct task_struct *p, const char *buf)
{
	int adj, err = kstrtoint(buf, 0, &adj);

	if (err)
		return err;
	if ((adj < OOM_ADJUST_MIN || adj > OOM_ADJUST_MAX) && adj != OOM_DISABLE)
		return -EINVAL;
	adj = adj == OOM_ADJUST_MAX ? OOM_SCORE_ADJ_MAX : adj * OOM_SCORE_ADJ_MAX / -OOM_DISABLE;
	return set_oom_adj(p, adj, true);
}
