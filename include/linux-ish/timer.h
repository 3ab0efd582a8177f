/*
 * Kernel timers: run a function from the timer interrupt once jiffies
 * reaches ->expires.  The callback runs in IRQ context with the timer
 * already removed, so it may re-arm it.
 */
#ifndef _LINUX_ISH_TIMER_H
#define _LINUX_ISH_TIMER_H

#include <linux-ish/list.h>

struct timer_list {
	struct list_head entry;		/* on the pending list iff pending */
	unsigned long expires;
	void (*function)(unsigned long data);
	unsigned long data;
	bool pending;
};

void timer_setup(struct timer_list *t, void (*fn)(unsigned long), unsigned long data);
/* (Re)arms @t for jiffies value @expires. */
void mod_timer(struct timer_list *t, unsigned long expires);
/* Disarms @t; returns true if it was pending. */
bool del_timer(struct timer_list *t);
/* From the timer interrupt. */
void run_timers(void);

#endif
