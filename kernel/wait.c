/* Wait queues (see linux-ish/wait.h for the protocol). */
#include <linux-ish/kernel.h>
#include <linux-ish/sched.h>
#include <linux-ish/wait.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/* Queues @w (once) and sets the task state; the caller then tests its condition. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (w->task != current) {
		w->task = current;
		list_add_tail(&w->entry, &wq->head);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (w->task == current)
		list_del(&w->entry);
	w->task = NULL;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(w, &wq->head, entry) {
		if (w->task)
			wake_up_process(w->task);
		else
			w->func(w);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

