/*
 * Waiting for descriptors: poll, ppoll, select, pselect6 (fs/select.c).
 *
 * A file's ->poll(file, pt) answers which POLL* events are ready now and
 * calls poll_wait(file, wq, pt) for each wait queue whose wake_up() may
 * change that answer (a pipe's rd_wait and wr_wait, the TTY's read wait).
 * On the first pass over the descriptors pt registers the caller on
 * each such queue; later passes get a NULL pt or one that registers
 * nothing.  A registered waiter is an ordinary wait_queue_entry of the
 * polling task, so the file's existing wake_up() calls wake it; it then
 * asks every file again.  ->poll must not sleep: later passes run in
 * TASK_INTERRUPTIBLE, so a wake-up between a check and schedule() is
 * not lost.
 */
#ifndef _LINUX_ISH_POLL_H
#define _LINUX_ISH_POLL_H

#include <linux-ish/types.h>
#include <linux-ish/wait.h>
#include <uapi/linux-ish/poll.h>

struct file;
struct poll_table_struct;

typedef void (*poll_queue_proc)(struct file *, struct wait_queue_head *,
				struct poll_table_struct *);

struct poll_table_struct {
	poll_queue_proc qproc;		/* NULL: register nothing */
};

/* What a file without ->poll answers: never blocks either way. */
#define DEFAULT_POLLMASK	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* Registers the poller on @wq if this pass registers. */
static inline void poll_wait(struct file *f, struct wait_queue_head *wq,
			     struct poll_table_struct *pt)
{
	if (pt && pt->qproc && wq)
		pt->qproc(f, wq, pt);
}

/* @f's ready events (DEFAULT_POLLMASK without ->poll). */
__poll_t vfs_poll(struct file *f, struct poll_table_struct *pt);

#endif
