/*
 * kthreadd: pid 2, as Linux's, the parent of every kernel thread but
 * itself and init (whose parent is the idle task, pid 0: ppid 0 in
 * /proc).  Linnet's kthread_run() starts its threads directly from the
 * caller, so kthreadd has nothing to do but to exist: it sleeps
 * interruptibly forever (kernel threads take no signals, so nothing
 * wakes it), which /proc shows as Linux's idle kthreadd, state S.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>

static struct task_struct *kthreadd_task;

static int kthreadd(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return 0;
}

/* Boot, right after init is made (so that kthreadd gets pid 2). */
void kthreadd_init(void)
{
	kthreadd_task = kthread_run(kthreadd, NULL, "kthreadd");
	if (!kthreadd_task)
		panic("cannot create kthreadd");
}

struct task_struct *kthread_parent(void)
{
	return kthreadd_task ? kthreadd_task : &init_task;
}
