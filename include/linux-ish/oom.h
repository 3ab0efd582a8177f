/*
 * The OOM killer (mm/oom_kill.c): when reclaim cannot free enough for an
 * allocation, a process is chosen by Linux's badness and killed.
 * Documentation/mm/reclaim.md, "The OOM killer".
 */
#ifndef _LINUX_ISH_OOM_H
#define _LINUX_ISH_OOM_H

#include <linux-ish/gfp.h>
#include <linux-ish/types.h>

/* /proc/<pid>/oom_score_adj and the legacy /proc/<pid>/oom_adj (Linux's values). */
#define OOM_SCORE_ADJ_MIN	(-1000)		/* never a victim */
#define OOM_SCORE_ADJ_MAX	1000
#define OOM_DISABLE		(-17)		/* oom_adj's "never" */
#define OOM_ADJUST_MIN		(-16)
#define OOM_ADJUST_MAX		15

struct task_struct;
struct seq_buf;

/*
 * Called by the allocator when reclaim made no room for an allocation
 * of @order that may sleep.  Kills the worst process (or finds one still
 * dying from an earlier kill: nobody else is killed meanwhile).  True if
 * memory is on its way back (a victim is dying), false if nothing could
 * be killed.  Never sleeps.
 */
bool out_of_memory(gfp_t gfp, unsigned int order);

/* Linux's oom_badness: pages the kill would free, adjusted; LONG_MIN = exempt. */
long oom_badness(struct task_struct *p, unsigned long totalpages);

/* True while an OOM victim has not yet let its memory go. */
bool oom_victim_dying(void);

/* kernel/fork.c: the child inherits its parent's adjustments. */
void oom_score_adj_fork(struct task_struct *child);

/* fs/proc/base.c: /proc/<pid>/oom_score, oom_score_adj, oom_adj. */
void proc_oom_score_show(struct seq_buf *m, struct task_struct *p);
void proc_oom_score_adj_show(struct seq_buf *m, struct task_struct *p);
int proc_oom_score_adj_write(struct task_struct *p, const char *buf);
void proc_oom_adj_show(struct seq_buf *m, struct task_struct *p);
int proc_oom_adj_write(struct task_struct *p, const char *buf);

#endif
