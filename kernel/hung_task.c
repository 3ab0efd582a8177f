/*
 * The hung-task watchdog (khungtaskd).  Once a second it looks at every
 * task sleeping uninterruptibly (TASK_UNINTERRUPTIBLE: today mutexes, and
 * nothing a signal could end); one that has not run for more than
 * hung_task_timeout_secs (default 10, 0 turns the watchdog off) is
 * reported once, with its backtrace, as
 *
 *   INFO: task NAME:PID blocked for more than N seconds.
 *
 * A task is judged by its switch count: if it has not changed since the
 * watchdog first saw it blocked, it has not run since.  A task just
 * created and not yet woken (no switch yet) is not hung; a vfork parent
 * waits killably (TASK_INTERRUPTIBLE), so it is not looked at.
 *
 * Locking: the watchdog reads other tasks' state under tasklist_lock with
 * interrupts off, so no task can be freed under it; hung_* fields are its
 * own.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/init.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>

static unsigned long timeout_secs = 10;

/* Capped so that the timeout in jiffies cannot wrap. */
static int __init hung_task_setup(const char *val)
{
	int err = kstrtoul(val, 0, &timeout_secs);

	if (!err && timeout_secs > ULONG_MAX / 2 / HZ)
		timeout_secs = ULONG_MAX / 2 / HZ;
	return err;
}
__setup("hung_task_timeout_secs=", hung_task_setup);

/* Has @p been blocked, unchanged, past the timeout?  Caller: tasklist_lock. */
static bool check_task(struct task_struct *p, unsigned long now)
{
	if (p->state != TASK_UNINTERRUPTIBLE || !p->nr_switches ||
	    p->nr_switches != p->hung_seen_switches) {
		p->hung_seen_switches = p->nr_switches;
		p->hung_since = now;
		p->hung_reported = false;
		return false;
	}
	if (p->hung_reported || now - p->hung_since <= timeout_secs * HZ)
		return false;
	p->hung_reported = true;
	return true;
}

static int khungtaskd(void *unused)
{
	for (;;) {
		struct task_struct *p;
		unsigned long flags;

		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ);
		if (!timeout_secs)
			continue;
		spin_lock_irqsave(&tasklist_lock, flags);
		list_for_each_entry(p, &task_list, tasks)
			if (check_task(p, jiffies)) {
				printk(KERN_ERR "INFO: task %s:%d blocked for more than %lu seconds.\n",
				       p->comm, p->pid, timeout_secs);
				show_task_trace(p);
			}
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	return 0;
}

void hung_task_init(void)
{
	if (!kthread_run(khungtaskd, NULL, "khungtaskd"))
		printk(KERN_ERR "hung_task: cannot start khungtaskd\n");
}
