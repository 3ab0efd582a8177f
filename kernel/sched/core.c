/*
 * The scheduler: one run queue, highest priority first.
 *
 * rq.lock (IRQ-safe) protects the queue and every task's on_rq,
 * run_list, time_slice, need_resched and priorities.  A task is on the
 * queue iff it is runnable and is not the idle task; the running task
 * stays on the queue while it runs.
 *
 * pick_next_task() takes the first task of the highest prio on the queue
 * (prio 0: the normal policies; 1..99: SCHED_FIFO/SCHED_RR), so the
 * queue's order is each priority's FIFO list.  When a task gives up the
 * CPU still runnable, a normal task, an RR task whose slice ran out and
 * a task that called sched_yield go to the tail; a preempted FIFO/RR
 * task keeps its place (the head of its list), as Linux.  A woken task
 * of higher prio preempts the current one (need_resched, acted on at
 * the return to user mode), and so does a woken normal task when the
 * current normal task has had the CPU for WAKEUP_GRAN_TICKS (CFS's
 * wake-up preemption, simplified: Documentation/scheduler/policies.md).
 *
 * RT throttling: real-time tasks get at most RT_RUNTIME_TICKS of every
 * RT_PERIOD_TICKS (Linux's sched_rt_runtime_us/sched_rt_period_us
 * defaults, 0.95 s of 1 s); for the rest of the period only normal
 * tasks run, or idle.
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
#include <uapi/linux-ish/sched_policy.h>

struct rq {
	spinlock_t lock;
	struct list_head queue;
	struct task_struct *idle;
	unsigned long nr_switches;
	unsigned int rt_period_ticks;	/* ticks into the current RT period */
	unsigned int rt_time;		/* ticks RT tasks ran in it */
	bool rt_throttled;		/* RT tasks wait for the next period */
};

#define WAKEUP_GRAN_TICKS	DIV_ROUND_UP(HZ, 1000)	/* 1 ms: Linux's wakeup granularity */
#define RT_PERIOD_TICKS		HZ			/* sched_rt_period_us: 1 s */
#define RT_RUNTIME_TICKS	(HZ * 95 / 100)		/* sched_rt_runtime_us: 0.95 s */

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

static bool rt_task(const struct task_struct *p)
{
	return p->prio > 0;
}

/*
 * @p just became runnable (woken, new): should it take the CPU from
 * current?  A higher priority always does; among normal tasks a
 * SCHED_OTHER user task does once current has run WAKEUP_GRAN_TICKS, or
 * at once if current is SCHED_IDLE.  rq.lock held.
 */
static void check_preempt_wakeup(struct task_struct *p)
{
	struct task_struct *curr = current;

	bool new_task = p->sched_new;

	p->sched_new = false;
	if (curr == rq.idle || p == curr)
		return;
	if (p->prio > curr->prio) {
		curr->need_resched = true;
		return;
	}
	/* Linnet's kernel threads poll (printk's flusher 10 times a second): they wait their turn. */
	/* A new child waits too, as under CFS (START_DEBIT): the parent goes on after fork. */
	if (p->prio || curr->prio || p->sched_policy != SCHED_OTHER || (p->flags & PF_KTHREAD) ||
	    new_task)
		return;
	if (curr->sched_policy == SCHED_IDLE ||
	    (long)(jiffies - curr->exec_start) >= (long)WAKEUP_GRAN_TICKS)
		curr->need_resched = true;
}

/* Makes runnable @p eligible at once (woken or new).  rq.lock held. */
static void activate_task(struct task_struct *p)
{
	if (p->on_rq)
		return;
	enqueue_task(p);
	check_preempt_wakeup(p);
}

/* Caller holds rq.lock. */
static void dequeue_task(struct task_struct *p)
{
	if (!p->on_rq)
		return;
	list_del(&p->run_list);
	p->on_rq = false;
}

/*
 * Next task to run after @prev (already requeued or dequeued): the first
 * of the highest prio, not an RT one while RT is throttled.  rq.lock held.
 */
static struct task_struct *pick_next_task(void)
{
	struct task_struct *p, *best = NULL;

	list_for_each_entry(p, &rq.queue, run_list) {
		if (rt_task(p) && rq.rt_throttled)
			continue;
		if (!best || p->prio > best->prio)
			best = p;
	}
	return best ? best : rq.idle;
}

/* A fresh slice for @p when it gets the CPU: RR keeps what is left of its own. */
static void refill_slice(struct task_struct *p)
{
	if (p->sched_policy == SCHED_RR && rt_task(p)) {
		if (!p->time_slice)
			p->time_slice = RR_TIMESLICE;
	} else if (p->sched_policy == SCHED_FIFO && rt_task(p)) {
		p->time_slice = 0;		/* runs until it blocks or yields */
	} else {
		p->time_slice = SCHED_SLICE;
	}
}

/* @prev stays runnable: where does it go in the queue?  rq.lock held. */
static void put_prev_task(struct task_struct *prev)
{
	bool keep = rt_task(prev) && !prev->sched_yielded &&
		    !(prev->sched_policy == SCHED_RR && !prev->time_slice);

	prev->sched_yielded = false;
	if (keep && prev->on_rq)
		return;				/* preempted RT task: stays at its head */
	dequeue_task(prev);
	enqueue_task(prev);			/* to the tail */
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
	if (prev->state == TASK_RUNNING && prev != rq.idle)
		put_prev_task(prev);
	else
		dequeue_task(prev);
	next = pick_next_task();
	refill_slice(next);
	if (next != prev) {
		next->exec_start = jiffies;
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
		activate_task(p);
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
		activate_task(p);
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

/* RT runtime accounting for the tick that found @p running.  rq.lock held. */
static void rt_throttle_tick(struct task_struct *p)
{
	if (++rq.rt_period_ticks >= RT_PERIOD_TICKS) {
		rq.rt_period_ticks = 0;
		rq.rt_time = 0;
		if (rq.rt_throttled) {
			rq.rt_throttled = false;
			p->need_resched = true;	/* RT tasks may run again */
		}
	}
	if (!rt_task(p) || p == rq.idle)
		return;
	if (++rq.rt_time >= RT_RUNTIME_TICKS && !rq.rt_throttled) {
		rq.rt_throttled = true;
		p->need_resched = true;
	}
}

/* Timer interrupt: charge the @ticks to the running task, and to user, system or idle. */
void scheduler_tick(bool user, unsigned long ticks)
{
	struct task_struct *p = current;

	spin_lock(&rq.lock);
	p->cpu_ticks += ticks;
	if (p == rq.idle) {
		cpu_times.idle += ticks;
	} else if (user) {
		cpu_times.user += ticks;
		p->ru.utime += ticks;
	} else {
		cpu_times.system += ticks;
		p->ru.stime += ticks;
	}
	for (unsigned long i = 0; i < ticks; i++)
		rt_throttle_tick(p);
	if (p == rq.idle) {
		p->need_resched = !list_empty(&rq.queue);
	} else if (p->time_slice) {
		if (p->time_slice <= ticks) {
			p->time_slice = 0;
			p->need_resched = true;
		} else {
			p->time_slice -= ticks;
		}
	}
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

void sched_yield_current(void)
{
	unsigned long flags;

	spin_lock_irqsave(&rq.lock, flags);
	current->sched_yielded = true;
	spin_unlock_irqrestore(&rq.lock, flags);
	schedule();
}

/*
 * @p's prio changed from @old (rq.lock held): a runnable task moves as
 * sched(7) says -- raised to the tail of its new list, lowered to the
 * head -- and the CPU goes where the priorities now say.
 */
static void prio_changed(struct task_struct *p, int old)
{
	if (p->prio == old)
		return;
	if (p->on_rq) {
		list_del(&p->run_list);
		if (p->prio > old)
			list_add_tail(&p->run_list, &rq.queue);
		else
			list_add(&p->run_list, &rq.queue);
	}
	if (p == current) {
		if (p->prio < old)
			p->need_resched = true;	/* someone may outrank it now */
	} else if (p->on_rq && p->prio > current->prio) {
		current->need_resched = true;
	}
}

static void update_prio(struct task_struct *p)
{
	int old = p->prio;

	p->prio = max(p->normal_prio, p->pi_prio);
	prio_changed(p, old);
}

void sched_set_policy(struct task_struct *p, int policy, int rt_priority, bool reset_on_fork)
{
	unsigned long flags;

	spin_lock_irqsave(&rq.lock, flags);
	p->sched_policy = policy;
	p->rt_priority = rt_priority;
	p->sched_reset_on_fork = reset_on_fork;
	p->normal_prio = (policy == SCHED_FIFO || policy == SCHED_RR) ? rt_priority : 0;
	if (p->sched_policy == SCHED_RR && !p->time_slice)
		p->time_slice = RR_TIMESLICE;
	update_prio(p);
	spin_unlock_irqrestore(&rq.lock, flags);
}

void sched_set_pi_prio(struct task_struct *p, int pi_prio)
{
	unsigned long flags;

	spin_lock_irqsave(&rq.lock, flags);
	p->pi_prio = pi_prio;
	update_prio(p);
	spin_unlock_irqrestore(&rq.lock, flags);
}

/* Not on the queue yet (the caller wakes it): no locking needed beyond current's own. */
void sched_fork(struct task_struct *p)
{
	p->sched_policy = current->sched_policy;
	p->rt_priority = current->rt_priority;
	p->normal_prio = current->normal_prio;	/* not what current inherited by PI */
	p->pi_prio = 0;
	if (current->sched_reset_on_fork) {
		if (p->sched_policy == SCHED_FIFO || p->sched_policy == SCHED_RR) {
			p->sched_policy = SCHED_OTHER;
			p->rt_priority = 0;
			p->normal_prio = 0;
			p->nice = 0;
		} else if (p->nice < 0) {
			p->nice = 0;
		}
	}
	p->sched_reset_on_fork = false;
	p->prio = p->normal_prio;
	p->time_slice = 0;
	p->sched_new = true;
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
