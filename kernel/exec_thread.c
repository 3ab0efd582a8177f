/*
 * execve in a thread group (Linux's de_thread): the other threads are
 * killed and waited for; a thread that is not the leader then takes the
 * leader's place -- its pid, its parent and its place among the
 * parent's children, its start time -- and the old leader (a zombie by
 * then) is freed.  The process keeps its pid across the exec, whichever
 * thread called it.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/pid.h>
#include <linux-ish/sched.h>
#include <linux-ish/signal.h>

/* Every other thread gone, and a leader other than @p a zombie off the CPU. */
static bool others_gone(struct task_struct *p)
{
	struct task_struct *leader = p->group_leader;

	return READ_ONCE(p->signal->live) == 1 &&
	       (leader == p || (READ_ONCE(leader->exit_state) && !READ_ONCE(leader->stack)));
}

/*
 * @p takes the place of its group's old @leader.  tasklist_lock held.
 * The struct pid pidfds hold follows the pid number.
 */
static void take_leader_place(struct task_struct *p, struct task_struct *leader)
{
	struct pid *pid = p->thread_pid;
	pid_t tid = p->pid;

	p->pid = leader->pid;
	leader->pid = tid;
	p->thread_pid = leader->thread_pid;
	leader->thread_pid = pid;
	if (p->thread_pid)
		p->thread_pid->task = p;
	if (leader->thread_pid)
		leader->thread_pid->task = leader;
	p->group_leader = p;
	leader->group_leader = p;
	p->parent = leader->parent;
	list_add(&p->sibling, &leader->sibling);	/* the leader's place */
	list_del_init(&leader->sibling);
	p->exit_signal = leader->exit_signal;
	p->start_time = leader->start_time;
	leader->exit_signal = -1;
	leader->exit_state = EXIT_DEAD;
}

/* See the top.  0, or -EINTR/-EAGAIN if @p is being killed meanwhile. */
int de_thread(struct task_struct *p)
{
	struct signal_struct *s = p->signal;
	struct task_struct *leader;
	unsigned long flags;

	if (thread_group_empty(p) && thread_group_leader(p))
		return 0;
	if (zap_other_threads(-1) >= 0)
		return -EAGAIN;		/* the group is exiting: so are we */
	while (!others_gone(p)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (others_gone(p) || fatal_signal_pending(p))
			break;
		schedule_timeout(1);	/* an exiting leader's stack goes at its switch */
	}
	set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&tasklist_lock, flags);
	s->group_exec_task = NULL;
	leader = p->group_leader;
	if (fatal_signal_pending(p) || !others_gone(p)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EINTR;
	}
	if (leader != p) {
		take_leader_place(p, leader);
		p->tgid = p->pid;
	} else {
		leader = NULL;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (leader)
		free_task(leader);
	return 0;
}
