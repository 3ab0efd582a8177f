/*
 * Writeback of dirty inodes (Documentation/mm/writeback.md): one list of
 * dirty inodes, in the order they went from clean to dirty, and one
 * flusher thread ("writeback") that writes, every dirty_writeback_centisecs,
 * the inodes dirty for longer than dirty_expire_centisecs, and, when woken
 * because dirt passed the background limit, the oldest inodes until it is
 * below that limit again.  Linux keeps such lists per backing device
 * (bdi_writeback); Linnet has one for all disks (one CPU, few disks).
 *
 * Invariants, under wb_lock (IRQ-safe; lock order: page lock ->
 * mapping->lock -> wb_lock):
 *   - an inode is on dirty_inodes iff i_state & I_DIRTY, or a writeback of
 *     it (I_SYNC) has not yet decided what is left
 *   - dirty_inodes is sorted by dirtied_when (an inode is added at the
 *     tail, with dirtied_when = now, when it goes from clean to dirty)
 *   - an inode with I_FREEING is on no list and never goes back on one
 * A writer of an inode holds a reference (i_count), taken under wb_lock
 * from an inode that is not I_FREEING: eviction (inode_writeback_evict)
 * sets I_FREEING under the lock once the count is 0, so the two exclude
 * each other and the walk never touches a freed inode.  Truncation meanwhile
 * is safe page by page (write_cache_pages rechecks page->mapping under the
 * page lock).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/time.h>
#include <linux-ish/wait.h>
#include <linux-ish/writeback.h>

#define WB_BATCH		16	/* inodes pinned per walk of the list */
#define MAX_WRITEBACK_PAGES	1024	/* pages of one inode per turn (4 MiB) */
#define LOFF_MAX		((loff_t)(~0ULL >> 1))

/* jiffies comparisons that survive the wrap */
#define jiffies_after(a, b)	((long)((b) - (a)) < 0)

static DEFINE_SPINLOCK(wb_lock);
static LIST_HEAD(dirty_inodes);
static DECLARE_WAIT_QUEUE_HEAD(wb_sync_wait);	/* an inode's I_SYNC went */
static struct task_struct *flusher_task;
static bool flusher_kicked;			/* background work asked for */
static bool flusher_reclaim;			/* reclaim met dirty pages it may not write */
static unsigned int wb_round;			/* i_wb_seq of the current walk */

/* Capped at half the jiffies range, so that "now + it" still compares right. */
static unsigned long centisecs_to_jiffies(int cs)
{
	u64 j = cs <= 0 ? 0 : (u64)cs * HZ / 100;

	return j > LONG_MAX / 2 ? LONG_MAX / 2 : (unsigned long)j;
}

void __mark_inode_dirty(struct inode *inode, unsigned int flags)
{
	unsigned long irqflags;

	spin_lock_irqsave(&wb_lock, irqflags);
	if (!(inode->i_state & I_FREEING)) {
		if (!(inode->i_state & I_DIRTY)) {
			inode->dirtied_when = jiffies;
			list_move_tail(&inode->i_io_list, &dirty_inodes);
		}
		inode->i_state |= flags;
	}
	spin_unlock_irqrestore(&wb_lock, irqflags);
}

/* ---- one inode ---- */

/*
 * Claims the inode for writing (I_SYNC) and takes its dirt.  WB_SYNC_NONE
 * gives up if another writer has it; WB_SYNC_ALL waits for that one.
 * The dirt taken, or -1 if not claimed.
 */
static int inode_sync_begin(struct inode *inode, enum writeback_sync_modes mode)
{
	unsigned long flags;
	unsigned int dirty;

	spin_lock_irqsave(&wb_lock, flags);
	while (inode->i_state & I_SYNC) {
		spin_unlock_irqrestore(&wb_lock, flags);
		if (mode == WB_SYNC_NONE)
			return -1;
		wait_event(wb_sync_wait, !(inode->i_state & I_SYNC));
		spin_lock_irqsave(&wb_lock, flags);
	}
	dirty = inode->i_state & I_DIRTY;
	inode->i_state = (inode->i_state & ~I_DIRTY) | I_SYNC;
	spin_unlock_irqrestore(&wb_lock, flags);
	return dirty;
}

/*
 * Ends the claim: pages left dirty (a busy page, nr_to_write spent) and
 * @redirty (the metadata dirt a failed ->write_inode gives back) keep the
 * inode dirty at its old place; a clean inode leaves the list.  Dirt
 * added meanwhile already re-listed it.
 */
static void inode_sync_end(struct inode *inode, unsigned int redirty)
{
	unsigned long flags;

	spin_lock_irqsave(&wb_lock, flags);
	inode->i_state &= ~I_SYNC;
	if (mapping_tagged(inode->i_mapping, PAGECACHE_TAG_DIRTY))
		inode->i_state |= I_DIRTY_PAGES;
	inode->i_state |= redirty;
	if (inode->i_state & I_FREEING)
		inode->i_state &= ~I_DIRTY;
	if (!(inode->i_state & I_DIRTY))
		list_del_init(&inode->i_io_list);
	else if (list_empty(&inode->i_io_list))
		list_add(&inode->i_io_list, &dirty_inodes);	/* still the oldest */
	spin_unlock_irqrestore(&wb_lock, flags);
	wake_up(&wb_sync_wait);
}

static int write_inode(struct inode *inode, struct writeback_control *wbc)
{
	const struct super_operations *sop = inode->i_sb->s_op;

	if (!sop || !sop->write_inode)
		return 0;
	return sop->write_inode(inode, wbc);
}

int writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct address_space *mapping = inode->i_mapping;
	int dirty = inode_sync_begin(inode, wbc->sync_mode);
	unsigned int redirty = 0;
	int err = 0, err2 = 0;

	if (dirty < 0)
		return 0;
	if (wbc->sync_mode == WB_SYNC_ALL || (dirty & I_DIRTY_PAGES))
		err = do_writepages(mapping, wbc);
	if (wbc->sync_mode == WB_SYNC_ALL && mapping_can_writeback(mapping))
		err2 = filemap_fdatawait_range(mapping, wbc->range_start, wbc->range_end);
	if (!err)
		err = err2;
	/* data before the metadata that points at it, as Linux */
	if (dirty & I_DIRTY_INODE) {
		err2 = write_inode(inode, wbc);
		if (err2)
			redirty = dirty & I_DIRTY_INODE;	/* given back: a later pass retries */
		if (!err)
			err = err2;
	}
	inode_sync_end(inode, redirty);
	return err;
}

int write_inode_now(struct inode *inode, int sync)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX,
		.sync_mode = sync ? WB_SYNC_ALL : WB_SYNC_NONE,
		.range_start = 0,
		.range_end = LOFF_MAX,
	};

	return writeback_single_inode(inode, &wbc);
}

int sync_inode_metadata(struct inode *inode, int datasync)
{
	struct writeback_control wbc = { .nr_to_write = 0, .sync_mode = WB_SYNC_ALL };
	unsigned int want = datasync ? I_DIRTY_DATASYNC : I_DIRTY_INODE;
	unsigned long flags;
	bool dirty;
	int err;

	spin_lock_irqsave(&wb_lock, flags);
	dirty = inode->i_state & want;
	if (dirty)
		inode->i_state &= ~I_DIRTY_INODE;
	if (!(inode->i_state & (I_DIRTY | I_SYNC)))
		list_del_init(&inode->i_io_list);
	spin_unlock_irqrestore(&wb_lock, flags);
	if (!dirty)
		return 0;
	err = write_inode(inode, &wbc);
	if (err)
		__mark_inode_dirty(inode, I_DIRTY_INODE);
	return err;
}

void inode_writeback_evict(struct inode *inode)
{
	unsigned long flags;

	spin_lock_irqsave(&wb_lock, flags);
	inode->i_state |= I_FREEING;
	list_del_init(&inode->i_io_list);
	spin_unlock_irqrestore(&wb_lock, flags);
	if (inode->i_nlink && (mapping_can_writeback(inode->i_mapping) ||
			       (inode->i_state & I_DIRTY_INODE)))
		write_inode_now(inode, 1);
}

/* ---- walks of the dirty list ---- */

static unsigned int next_round(void)
{
	wb_round = wb_round == UINT_MAX ? 1 : wb_round + 1;	/* 0 is "never" */
	return wb_round;
}

/*
 * Pins (a reference each) up to @max inodes of @sb (NULL: any) not yet
 * visited in round @seq, oldest first; with @older_than only inodes
 * dirtied before that jiffy.  How many.
 */
static unsigned int pin_dirty_inodes(const struct super_block *sb, unsigned int seq, bool aged,
				     unsigned long older_than, struct inode **inodes,
				     unsigned int max)
{
	struct inode *inode;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&wb_lock, flags);
	list_for_each_entry(inode, &dirty_inodes, i_io_list) {
		if (aged && jiffies_after(inode->dirtied_when, older_than))
			break;		/* sorted: the rest are younger */
		if (inode->i_wb_seq == seq || (inode->i_state & I_FREEING) ||
		    (sb && inode->i_sb != sb))
			continue;
		inode->i_wb_seq = seq;
		atomic_inc(&inode->i_count);
		inodes[n++] = inode;
		if (n == max)
			break;
	}
	spin_unlock_irqrestore(&wb_lock, flags);
	return n;
}

struct wb_walk {
	struct super_block *sb;		/* NULL: every file system */
	enum writeback_sync_modes mode;
	bool aged;			/* only inodes dirtied before older_than */
	unsigned long older_than;
	bool background;		/* stop once below the background limit */
	long chunk;			/* pages per inode per turn */
	unsigned int visited;		/* out: inodes written */
	int err;			/* out: the first error */
};

static bool over_background_limit(void)
{
	unsigned long bg, limit;

	global_dirty_limits(&bg, &limit);
	return global_dirty_pages() > bg;
}

/* One round over the dirty list as @w says; counts and the first error in @w. */
static void writeback_walk(struct wb_walk *w)
{
	unsigned int seq = next_round(), n;
	struct inode *inodes[WB_BATCH];

	while ((n = pin_dirty_inodes(w->sb, seq, w->aged, w->older_than, inodes, WB_BATCH))) {
		for (unsigned int i = 0; i < n; i++) {
			struct writeback_control wbc = {
				.nr_to_write = w->chunk,
				.sync_mode = w->mode,
				.range_start = 0,
				.range_end = LOFF_MAX,
			};
			int err = 0;

			if (!w->background || over_background_limit()) {
				err = writeback_single_inode(inodes[i], &wbc);
				w->visited++;
			}
			if (err && !w->err)
				w->err = err;
			iput(inodes[i]);
		}
	}
}

/* Starts every dirty inode of @sb (NULL: all), then writes again and waits.  0 or first error. */
static int sync_inodes_sb(struct super_block *sb)
{
	struct wb_walk w = { .sb = sb, .mode = WB_SYNC_NONE, .chunk = LONG_MAX };

	writeback_walk(&w);		/* start everything first: one big queue */
	w.mode = WB_SYNC_ALL;
	writeback_walk(&w);		/* what was busy or came back, waiting */
	return w.err;
}

int sync_blockdev(struct block_device *bdev)
{
	if (!bdev || !bdev->bd_inode)
		return 0;
	return filemap_write_and_wait(bdev->bd_inode->i_mapping);
}

static int sync_fs(struct super_block *sb)
{
	if (!sb->s_op || !sb->s_op->sync_fs || (sb->s_flags & SB_RDONLY))
		return 0;
	return sb->s_op->sync_fs(sb, 1);
}

int sync_filesystem(struct super_block *sb)
{
	int err = sync_inodes_sb(sb), err2;

	err2 = sync_mappings(sb);
	if (!err)
		err = err2;
	err2 = sync_fs(sb);
	if (!err)
		err = err2;
	err2 = sync_blockdev(sb->s_bdev);
	return err ? err : err2;
}

static void sync_fs_one(struct super_block *sb, void *unused)
{
	sync_fs(sb);
}

/*
 * Files first, then each file system's own metadata, then the block
 * devices' caches, where that metadata went: so one call puts it all on
 * the disks (Linux: the same order).
 */
void ksys_sync(void)
{
	sync_inodes_sb(NULL);
	sync_mappings(NULL);
	iterate_supers(sync_fs_one, NULL);
	sync_inodes_sb(NULL);		/* the block devices' pages just dirtied */
	sync_mappings(NULL);
}

/* ---- the flusher ---- */

void wakeup_flusher_threads(void)
{
	if (!flusher_task || flusher_kicked)
		return;
	flusher_kicked = true;
	wake_up_process(flusher_task);
}

/*
 * Reclaim met dirty file pages it may not write (a direct reclaimer: the
 * flusher writes them, as Linux 6.1's shrink_inactive_list wakes it with
 * WB_REASON_VMSCAN): one round over every dirty inode, whatever the
 * limits.  Any context.
 */
void wakeup_flusher_threads_reclaim(void)
{
	WRITE_ONCE(flusher_reclaim, true);
	wakeup_flusher_threads();
}

/* Pages whose writeback has started since boot (progress of a pass). */
static unsigned long pages_started(void)
{
	return global_page_state(NR_WRITTEN) + global_page_state(NR_WRITEBACK);
}

/* Oldest first until the dirt is below the background limit (or no progress). */
static void wb_background(void)
{
	struct wb_walk w = { .mode = WB_SYNC_NONE, .background = true,
			     .chunk = MAX_WRITEBACK_PAGES };

	while (over_background_limit()) {
		unsigned long before = pages_started();

		writeback_walk(&w);
		if (pages_started() == before)
			break;		/* nothing could start: the next pass retries */
	}
}

/* Reclaim's round: a chunk of every dirty inode, oldest first, below the limits too. */
static void wb_reclaim(void)
{
	struct wb_walk w = { .mode = WB_SYNC_NONE, .chunk = MAX_WRITEBACK_PAGES };

	writeback_walk(&w);
}

/* The periodic pass: inodes dirty for longer than dirty_expire_centisecs. */
static void wb_kupdate(void)
{
	struct wb_walk w = {
		.mode = WB_SYNC_NONE,
		.aged = true,
		.older_than = jiffies - centisecs_to_jiffies(READ_ONCE(dirty_expire_interval)),
		.chunk = MAX_WRITEBACK_PAGES,
	};

	/* Rounds of a chunk per inode, until no old inode is left or none moves. */
	do {
		unsigned long before = pages_started();

		w.visited = 0;
		writeback_walk(&w);
		if (pages_started() == before)
			break;
	} while (w.visited);
}

static int flusher_thread(void *unused)
{
	unsigned long last_kupdate = jiffies;

	for (;;) {
		unsigned long interval = centisecs_to_jiffies(READ_ONCE(dirty_writeback_interval));
		unsigned long due = last_kupdate + interval;

		set_current_state(TASK_INTERRUPTIBLE);
		if (flusher_kicked || (interval && !jiffies_after(due, jiffies)))
			set_current_state(TASK_RUNNING);
		else if (interval)
			schedule_timeout(due - jiffies);
		else
			schedule();		/* no periodic pass: only kicks */
		set_current_state(TASK_RUNNING);
		if (flusher_kicked) {
			flusher_kicked = false;
			wb_background();
			if (READ_ONCE(flusher_reclaim)) {
				WRITE_ONCE(flusher_reclaim, false);
				wb_reclaim();
			}
		}
		interval = centisecs_to_jiffies(READ_ONCE(dirty_writeback_interval));
		if (interval && !jiffies_after(last_kupdate + interval, jiffies)) {
			last_kupdate = jiffies;
			wb_kupdate();
			if (over_background_limit())
				wb_background();
		}
	}
	return 0;
}

void flusher_interval_changed(void)
{
	if (flusher_task)
		wake_up_process(flusher_task);
}

void writeback_init(void)
{
	flusher_task = kthread_run(flusher_thread, NULL, "writeback");
	if (!flusher_task)
		printk(KERN_ERR "writeback: cannot start the flusher thread\n");
}
