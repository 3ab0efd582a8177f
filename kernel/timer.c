/*
 * Kernel timers: an unsorted list scanned on every tick.  Linnet has a
 * handful of timers at a time (sleeping tasks, alarms), so a scan is
 * cheaper to read than a timer wheel and fast enough.
 * timer_lock (IRQ-safe) covers the list and every timer's pending flag.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/time.h>
#include <linux-ish/timer.h>

static LIST_HEAD(timer_list_head);
static DEFINE_SPINLOCK(timer_lock);

void timer_setup(struct timer_list *t, void (*fn)(unsigned long), unsigned long data)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->data = data;
	t->pending = false;
	t->expires = 0;
}

void mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	t->expires = expires;
	if (!t->pending) {
		list_add_tail(&t->entry, &timer_list_head);
		t->pending = true;
	}
	spin_unlock_irqrestore(&timer_lock, flags);
}

bool del_timer(struct timer_list *t)
{
	unsigned long flags;
	bool was = false;

	spin_lock_irqsave(&timer_lock, flags);
	if (t->pending) {
		list_del_init(&t->entry);
		t->pending = false;
		was = true;
	}
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

/* Expired timers are taken off the list one at a time, then called unlocked. */
void run_timers(void)
{
	for (;;) {
		struct timer_list *t, *found = NULL;
		unsigned long flags;

		spin_lock_irqsave(&timer_lock, flags);
		list_for_each_entry(t, &timer_list_head, entry) {
			if ((long)(jiffies - t->expires) >= 0) {
				found = t;
				break;
			}
		}
		if (found) {
			list_del_init(&found->entry);
			found->pending = false;
		}
		spin_unlock_irqrestore(&timer_lock, flags);
		if (!found)
			return;
		found->function(found->data);
	}
}
