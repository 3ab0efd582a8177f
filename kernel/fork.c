/*
 * Creating tasks.  alloc_task() gives a task_struct with a fresh kernel
 * stack (mapped in the guarded stack area, see linux-ish/vmstack.h, with
 * STACK_END_MAGIC in its lowest word) and a pid; kthread_run() turns one
 * into a runnable kernel thread.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/vmstack.h>

BUILD_BUG_ON(2 * PAGE_SIZE != THREAD_SIZE);

static struct kmem_cache *task_cachep;
LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);
static pid_t last_pid;
static unsigned int nr_threads = 1;	/* init_task */

extern char init_stack[];

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.stack = init_stack,
	.comm = "swapper",
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.pid = 0,
	.active_mm = &init_mm,
	.parent = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
};

/* Pids count up from 1 and are not reused until they wrap (at 32768). */
pid_t alloc_pid(void)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	last_pid = last_pid >= 32767 ? 1 : last_pid + 1;
	pid = last_pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

unsigned int nr_tasks(void)
{
	return READ_ONCE(nr_threads);
}

struct task_struct *alloc_task(const char *name)
{
	struct task_struct *p = kmem_cache_alloc(task_cachep, GFP_KERNEL | __GFP_ZERO);
	struct page *stack;
	unsigned long flags;

	if (!p)
		return NULL;
	p->stack = alloc_thread_stack(&stack);
	if (!p->stack) {
		kmem_cache_free(task_cachep, p);
		return NULL;
	}
	p->stack_page = stack;
	*(unsigned long *)p->stack = STACK_END_MAGIC;
	p->state = TASK_UNINTERRUPTIBLE;	/* not runnable until woken */
	strlcpy(p->comm, name, sizeof(p->comm));
	p->pid = alloc_pid();
	p->active_mm = &init_mm;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->tasks, &task_list);
	nr_threads++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* Frees the kernel stack of a task that will never run again. */
void free_task_stack(struct task_struct *p)
{
	if (p->stack) {
		free_thread_stack(p->stack, p->stack_page);
		p->stack = NULL;
	}
}

void free_task(struct task_struct *p)
{
	unsigned long flags;

	free_task_stack(p);
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	nr_threads--;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	kmem_cache_free(task_cachep, p);
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (!p)
		return NULL;
	p->flags |= PF_KTHREAD;
	p->parent = &init_task;
	copy_thread_kernel(p, fn, arg);
	wake_up_process(p);
	return p;
}

void fork_init(void)
{
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					16, SLAB_PANIC, NULL);
}
