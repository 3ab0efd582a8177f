/*
 * The scheduler: one run queue, round robin.
 *
 * rq.lock (IRQ-safe) protects the queue and every task's on_rq,
 * run_list, time_slice and need_resched.  A task is on the queue iff it
 * is runnable and is not the idle task; the running task stays on the
 * queue while it runs and moves to the tail when it gives up the CPU.
 *
 * The switch happens with rq.lock held and IRQs off.  The task that
 * resumes releases them: in schedule() for a task that called it, in
 * schedule_tail() for a task running for the first time.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <linux-ish/mm.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>

struct rq {
	spinlock_t lock;
	struct list_head queue;
	struct task_struct *idle;
	unsigned long nr_switches;
};

static struct rq rq = {
	.lock = __SPIN_LOCK_UNLOCKED(rq.lock),
	.queue = LIST_HEAD_INIT(rq.queue),
};

struct task_struct *current_task = &init_task;

/* Caller holds rq.lock.  Tells an idle CPU that there is work. */
static void enqueue_task(struct task_struct *p)
{
	if (p->on_rq || p == rq.idle)
		return;
	list_add_tail(&p->run_list, &rq.queue);
	p->on_rq = true;
	if (current == rq.idle)
		rq.idle->need_resched = true;
}

/* Caller holds rq.lock. */
static void dequeue_task(struct task_struct *p)
{
	if (!p->on_rq)
		return;
	list_del(&p->run_list);
	p->on_rq = false;
}

/* Next task to run after @prev (already requeued or dequeued).  rq.lock held. */
static struct task_struct *pick_next_task(void)
{
	if (list_empty(&rq.queue))
		return rq.idle;
	return list_first_entry(&rq.queue, struct task_struct, run_list);
}

static void check_stack_end(struct task_struct *p)
{
	if (unlikely(!task_stack_end_ok(p)))
		panic("corrupted stack end detected inside scheduler (task %d %s)",
		      p->pid, p->comm);
}

/*
 * The address space @next runs on.  A task with an active_mm (its own mm,
 * or one it already borrowed) gets it loaded, unless @prev ran on the
 * same one: tasks sharing an mm share its page tables, and every change
 * to them flushed the TLB for current->active_mm, so a reload would only
 * throw good entries away.  A task without one -- a kernel thread, which
 * touches no user memory -- borrows @prev's and keeps CR3 as it is (lazy
 * TLB), holding an mm_count reference so that the page directory CR3
 * points at outlives any exit_mmap() meanwhile.  rq.lock held.
 */
static void switch_task_mm(struct task_struct *prev, struct task_struct *next)
{
	if (!next->active_mm) {
		next->active_mm = prev->active_mm;
		mmgrab(next->active_mm);
		return;
	}
	switch_mm(prev->active_mm, next->active_mm);
}

/*
 * @prev has stopped running: a task without its own mm gives its borrowed
 * one back.  This may free that mm (the last mmdrop): CR3 points at
 * current's active_mm now, which holds its own reference.  rq.lock held.
 */
static void drop_lazy_mm(struct task_struct *prev)
{
	struct mm_struct *mm = prev->active_mm;

	if (prev->mm || !mm)
		return;
	prev->active_mm = NULL;
	mmdrop(mm);
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	check_stack_end(prev);
	spin_lock_irqsave(&rq.lock, flags);
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING && prev != rq.idle) {
		dequeue_task(prev);
		enqueue_task(prev);		/* to the tail */
	} else {
		dequeue_task(prev);
	}
	next = pick_next_task();
	next->time_slice = SCHED_SLICE;
	if (next != prev) {
		rq.nr_switches++;
		prev->nr_switches++;
		if (prev->state == TASK_RUNNING)
			prev->ru.nivcsw++;	/* preempted */
		else
			prev->ru.nvcsw++;	/* went to sleep */
		rseq_preempt(prev);
		switch_task_mm(prev, next);
		current_task = next;
		prev = __switch_to(prev, next);
		/* Now running as "next" again, some time later. */
		finish_task_switch(prev);
	}
	spin_unlock_irqrestore(&rq.lock, flags);
}

/*
 * The task we switched away from gives back a borrowed mm, and may have
 * exited: it could not free the stack it was running on, so its
 * successor does.  A task nobody will wait for (EXIT_DEAD: kernel
 * threads) goes entirely.  rq.lock held.
 */
void finish_task_switch(struct task_struct *prev)
{
	drop_lazy_mm(prev);
	if (prev->state != TASK_DEAD)
		return;
	free_task_stack(prev);
	if (prev->exit_state == EXIT_DEAD)
		free_task(prev);
}

/* First code of a new task: finish the switch that started it. */
void schedule_tail(struct task_struct *prev) __releases(rq.lock)
{
	finish_task_switch(prev);
	spin_unlock(&rq.lock);
	local_irq_enable();
}

bool wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	bool woke = false;

	spin_lock_irqsave(&rq.lock, flags);
	if (p->state != TASK_RUNNING && p->state != TASK_DEAD) {
		p->state = TASK_RUNNING;
		woke = true;
	}
	if (p->state == TASK_RUNNING)
		enqueue_task(p);
	spin_unlock_irqrestore(&rq.lock, flags);
	return woke;
}

bool wake_up_interruptible_task(struct task_struct *p)
{
	unsigned long flags;
	bool woke = false;

	spin_lock_irqsave(&rq.lock, flags);
	if (p->state == TASK_INTERRUPTIBLE) {
		p->state = TASK_RUNNING;
		enqueue_task(p);
		woke = true;
	}
	spin_unlock_irqrestore(&rq.lock, flags);
	return woke;
}

void set_current_state(long state)
{
	WRITE_ONCE(current->state, state);
	barrier();
}

static struct cpu_times cpu_times;	/* under rq.lock */

/* Timer interrupt: charge the tick to the running task, and to user, system or idle. */
void scheduler_tick(bool user)
{
	struct task_struct *p = current;

	spin_lock(&rq.lock);
	p->cpu_ticks++;
	if (p == rq.idle) {
		cpu_times.idle++;
	} else if (user) {
		cpu_times.user++;
		p->ru.utime++;
	} else {
		cpu_times.system++;
		p->ru.stime++;
	}
	if (p == rq.idle)
		p->need_resched = !list_empty(&rq.queue);
	else if (p->time_slice && !--p->time_slice)
		p->need_resched = true;
	spin_unlock(&rq.lock);
}

void cpu_times_get(struct cpu_times *t)
{
	unsigned long flags;

	spin_lock_irqsave(&rq.lock, flags);
	*t = cpu_times;
	spin_unlock_irqrestore(&rq.lock, flags);
}

void yield(void)
{
	schedule();
}

static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

long schedule_timeout(long timeout)
{
	struct timer_list timer;
	unsigned long expire = jiffies + timeout;
	long left;

	timer_setup(&timer, process_timeout, (unsigned long)current);
	mod_timer(&timer, expire);
	schedule();
	del_timer(&timer);
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

unsigned long nr_context_switches(void)
{
	return READ_ONCE(rq.nr_switches);
}

/* The boot context becomes the idle task. */
void sched_init(void)
{
	rq.idle = &init_task;
	init_task.state = TASK_RUNNING;
	init_task.thread.sp0 = (unsigned long)init_task.stack + THREAD_SIZE;
	*(unsigned long *)init_task.stack = STACK_END_MAGIC;
}

/* Runs when nothing else can: halt until an interrupt makes work. */
__noreturn void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (READ_ONCE(rq.idle->need_resched)) {
			local_irq_enable();
			schedule();
			continue;
		}
		safe_halt();		/* sti; hlt: a wake-up cannot slip in between */
	}
}
