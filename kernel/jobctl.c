/*
 * Job control: stopping and continuing processes.
 *
 * A stop signal (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) whose action is the
 * default stops the process when it is delivered: the task sleeps in
 * TASK_STOPPED, where only SIGCONT or SIGKILL wake it.  SIGCONT acts when
 * it is *sent*, whatever its action: it resumes a stopped process and
 * throws away pending stop signals (and a stop signal throws away a
 * pending SIGCONT).  Each change is reported to the parent twice, as
 * Linux does: SIGCHLD with CLD_STOPPED/CLD_CONTINUED (unless the parent
 * set SA_NOCLDSTOP), and a one-shot wait4() status, (sig << 8) | 0x7f for
 * WUNTRACED or 0xffff for WCONTINUED, kept in signal->wait_report.
 * A stop is a group stop: the thread that takes the stop signal marks
 * the process stopped, and every other thread, finding signal_pending()
 * true while the group is stopped, stops in get_signal() too; SIGCONT
 * wakes them all.
 *
 * Orphaned process groups (POSIX): a group none of whose members has a
 * parent in another group of the same session has nobody left to
 * continue it.  The terminal's stop signals (SIGTSTP, SIGTTIN, SIGTTOU)
 * are discarded for such a group, and a group that becomes orphaned
 * while one of its members is stopped gets SIGHUP and SIGCONT, so that a
 * shell exiting with stopped jobs does not leave them stopped forever.
 *
 * Locking: signal->lock guards stopped and wait_report; each thread's
 * sig.lock its pending set.  The group walks read task_list without tasklist_lock:
 * only process context adds or removes tasks, the kernel is not
 * preemptible on one CPU, and nothing here sleeps during a walk.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/ptrace.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>
#include <linux-ish/sigqueue.h>
#include <uapi/linux-ish/wait.h>

#define STOP_SIGNALS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define WAIT_CONTINUED	0xffff

static void notify_parent(struct task_struct *p, int code, int sig)
{
	struct task_struct *parent = p->group_leader->parent;
	struct ksiginfo info = { .code = code, .pid = p->tgid, .status = sig };

	if (!parent)
		return;
	if (!(parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		group_send_sig_info(SIGCHLD, &info, parent);
	wake_up(&parent->signal->wait_chldexit);
}

/*
 * Does @p have a parent, other than task @leaving, in another group of
 * its session?  Init does not count (as in Linux): orphans are handed to
 * it, and it never does job control.
 */
static bool held_from_outside(const struct task_struct *p, pid_t leaving)
{
	const struct task_struct *parent = p->parent;

	return parent && parent->pid != leaving && parent->pid != 1 &&
	       parent->pgid != p->pgid && parent->sid == p->sid;
}

static bool counts_in_group(const struct task_struct *p, pid_t pgid)
{
	return p->pgid == pgid && !p->exit_state && !(p->flags & PF_KTHREAD) &&
	       thread_group_leader(p);
}

/* Is group @pgid orphaned, not counting task @leaving (exiting; 0: none)? */
static bool pgrp_orphaned(pid_t pgid, pid_t leaving)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (counts_in_group(p, pgid) && p->pid != leaving && held_from_outside(p, leaving))
			return false;
	return true;
}

static bool pgrp_has_stopped(pid_t pgid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pgid == pgid && !p->exit_state && p->signal->stopped)
			return true;
	return false;
}

static void pgrp_signal(pid_t pgid, int sig)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->pgid == pgid && !p->exit_state && !(p->flags & PF_KTHREAD) &&
		    thread_group_leader(p))
			send_sig(sig, p);
}

/*
 * @leaving is exiting; @p is @leaving itself or one of its live children.
 * The exit breaks the link between @p and its parent (@leaving's parent,
 * or @leaving): if that link held @p's group to the session (the parent
 * is in another group of the same session) and the group is orphaned now
 * with a stopped member, the group gets SIGHUP then SIGCONT (Linux's
 * kill_orphaned_pgrp()).  tasklist_lock held.
 */
void jobctl_check_orphaned(struct task_struct *p, struct task_struct *leaving)
{
	const struct task_struct *parent = p == leaving ? leaving->parent : leaving;
	pid_t pgid = p->pgid;

	if (!parent || parent->pgid == pgid || parent->sid != p->sid)
		return;
	if (pgrp_has_stopped(pgid) && pgrp_orphaned(pgid, leaving->pid)) {
		pgrp_signal(pgid, SIGHUP);
		pgrp_signal(pgid, SIGCONT);
	}
}

/*
 * Called by get_signal() for a stop signal with the default action.
 * The terminal's stop signals do nothing to an orphaned group.
 */
void do_signal_stop(int sig)
{
	struct signal_struct *s = current->signal;
	struct task_struct *t;
	unsigned long flags;

	if (sig != SIGSTOP && pgrp_orphaned(current->pgid, 0))
		return;
	if (ptrace_group_stop(sig))
		return;			/* traced: stopped for the tracer instead */
	spin_lock_irqsave(&s->lock, flags);
	s->stopped = true;
	s->wait_report = (sig << 8) | 0x7f;
	for_each_thread(current, t)	/* IRQs off: the list holds still */
		if (t != current) {
			WRITE_ONCE(t->sigpending, true);	/* to stop in get_signal() */
			wake_up_interruptible_task(t);
		}
	spin_unlock_irqrestore(&s->lock, flags);
	notify_parent(current, CLD_STOPPED, sig);
	do_group_stop_wait();
}

/*
 * current sleeps in TASK_STOPPED while its group is stopped; SIGCONT or
 * SIGKILL ends it.
 */
void do_group_stop_wait(void)
{
	struct signal_struct *s = current->signal;

	for (;;) {
		set_current_state(TASK_STOPPED);
		if (!READ_ONCE(s->stopped) || fatal_signal_pending(current))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

/* @sig is off the process's pending set and every thread's.  s->lock held. */
static void clear_pending_everywhere(struct task_struct *p, sigset_t mask)
{
	struct task_struct *t;

	sigpending_flush(&SHARED_SIGPENDING(p->signal), mask);
	for_each_thread(p, t)		/* IRQs off, one CPU */
		sigpending_flush(&TASK_SIGPENDING(t), mask);
}

/* Wakes every thread of @p's group from its stop. */
static void wake_stopped_threads(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (t->state == TASK_STOPPED)
			wake_up_process(t);
}

/*
 * send_sig_info()'s first step, before the signal is queued (or found
 * ignored): what sending @sig does to @p's stopped state by itself.
 */
void jobctl_signal_sent(int sig, struct task_struct *p)
{
	struct signal_struct *s = p->signal;
	unsigned long flags;
	bool resumed = false;

	spin_lock_irqsave(&s->lock, flags);
	if (sig == SIGCONT) {
		clear_pending_everywhere(p, STOP_SIGNALS);
		if (s->stopped) {
			s->stopped = false;
			s->wait_report = WAIT_CONTINUED;
			resumed = true;
		}
	} else if (sigmask(sig) & STOP_SIGNALS) {
		clear_pending_everywhere(p, sigmask(SIGCONT));
	}
	spin_unlock_irqrestore(&s->lock, flags);
	if (resumed) {
		notify_parent(p, CLD_CONTINUED, SIGCONT);
		wake_stopped_threads(p);
	}
}

/*
 * wait4() on a live child: its pending stop or continue report if
 * @options asks for that kind (WUNTRACED, WCONTINUED), consumed; else 0.
 */
int jobctl_wait_report(struct task_struct *c, int options)
{
	struct signal_struct *s = c->signal;
	unsigned long flags;
	int report;

	spin_lock_irqsave(&s->lock, flags);
	report = s->wait_report;
	if (report == WAIT_CONTINUED ? !(options & WCONTINUED) :
	    !(options & WUNTRACED) || !s->stopped)
		report = 0;
	if (report && !(options & WNOWAIT))
		s->wait_report = 0;
	spin_unlock_irqrestore(&s->lock, flags);
	return report;
}
