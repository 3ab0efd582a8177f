/*
 * Reclaim waits for writes (Linux's reclaim_throttle with
 * VMSCAN_THROTTLE_WRITEBACK; Documentation/mm/reclaim.md "Waiting for
 * writes").  A reclaimer whose pass met pages under writeback -- its own
 * swap writes or the flusher's -- cannot free them until the writes
 * land: it sleeps here instead of scanning the same pages again at a
 * lower priority, and is woken when enough writes have completed to be
 * worth a pass (SWAP_CLUSTER_MAX per sleeper, as Linux), when none is
 * left in flight, or after the timeout.
 *
 * Locking: the counters change in end_page_writeback(), which may run
 * in an interrupt, so they are read and written with interrupts off;
 * writeback_wait's own lock covers the sleepers.  One global queue: one
 * zone (Linux keeps one per node and reason).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/vmscan.h>
#include <linux-ish/wait.h>
#include <asm/irqflags.h>

#define WRITES_PER_SLEEPER	32UL	/* SWAP_CLUSTER_MAX: a pass's worth */

static DECLARE_WAIT_QUEUE_HEAD(writeback_wait);
static unsigned long nr_throttled;	/* sleepers here */
static unsigned long nr_written;	/* writes completed while someone slept */
static unsigned long written_start;	/* nr_written when the first sleeper came */

/*
 * A page's writeback ended (any context; end_page_writeback calls it).
 * One comparison when nobody waits.
 */
void reclaim_writeback_done(void)
{
	unsigned long flags;
	bool wake;

	if (!READ_ONCE(nr_throttled))
		return;
	local_irq_save(flags);
	nr_written++;
	wake = nr_throttled && (nr_written - written_start >= WRITES_PER_SLEEPER * nr_throttled ||
				!global_page_state(NR_WRITEBACK));
	local_irq_restore(flags);
	if (wake)
		wake_up(&writeback_wait);
}

/*
 * Sleeps until enough writes completed (above) or @timeout jiffies,
 * unless nothing is under writeback.  Returns the writes that
 * completed meanwhile (0: none, or nothing was in flight).  Process
 * context, may sleep: no spinlock held.
 */
unsigned long reclaim_throttle_writeback(long timeout)
{
	struct wait_queue_entry w = { .task = NULL };
	unsigned long flags, start;

	local_irq_save(flags);
	if (!nr_throttled++)
		written_start = nr_written;
	start = nr_written;
	local_irq_restore(flags);
	prepare_to_wait(&writeback_wait, &w, TASK_UNINTERRUPTIBLE);
	if (global_page_state(NR_WRITEBACK))
		schedule_timeout(timeout);
	finish_wait(&writeback_wait, &w);
	local_irq_save(flags);
	nr_throttled--;
	start = nr_written - start;
	local_irq_restore(flags);
	return start;
}
