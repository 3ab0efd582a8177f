/*
 * Ending a task.  A kernel thread is reaped by whoever runs next (its
 * successor frees the stack and the task_struct in finish_task_switch).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>

void do_exit(int code)
{
	struct task_struct *p = current;

	if (p == &init_task)
		panic("Attempted to kill the idle task!");
	p->flags |= PF_EXITING;
	p->exit_code = code;
	if (p->flags & PF_KTHREAD)
		p->exit_state = EXIT_DEAD;
	set_current_state(TASK_DEAD);
	schedule();
	BUG();			/* a dead task is never scheduled again */
}
