/*
 * fail_make_request: Linux's fault injection for block I/O.  The boot
 * parameter fail_make_request=<interval>,<probability>,<space>,<times>
 * (and fail_make_request.<attr>=) and the knobs under
 * /sys/kernel/debug/fail_make_request/ set when a bio fails; as on Linux
 * only bios to a device whose make-it-fail switch is on are candidates.
 * Linux's switch is /sys/block/<dev>/make-it-fail; Linnet has no sysfs,
 * so each device has /sys/kernel/debug/block/<dev>/make-it-fail (and
 * io-errors, the requests that completed with an error).  A failed bio
 * completes at once with BLK_STS_IOERR (-EIO), before it reaches a queue.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/proc_fs.h>

struct fault_attr fail_make_request_attr = FAULT_ATTR_INITIALIZER("fail_make_request");
DEFINE_FAULT_ATTR_PARAMS("fail_make_request", fail_make_request_attr);

/* Injected failures count in io-errors too (the device's and the disk's). */
static void count_injected(struct block_device *bdev)
{
	struct request_queue *q = bdev->bd_disk->queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	bdev->bd_stats.errors++;
	if (bdev->bd_partno)
		bdev->bd_disk->part0->bd_stats.errors++;
	spin_unlock_irqrestore(&q->lock, flags);
}

bool should_fail_bio(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;

	if (!bdev->bd_make_it_fail && !bdev->bd_disk->part0->bd_make_it_fail)
		return false;
	if (!should_fail(&fail_make_request_attr, bio->bi_size))
		return false;
	count_injected(bdev);
	return true;
}

static void make_it_fail_show(struct seq_buf *m, void *data)
{
	struct block_device *bdev = data;

	seq_printf(m, "%d\n", bdev->bd_make_it_fail);
}

static int make_it_fail_write(void *data, const char *buf)
{
	struct block_device *bdev = data;
	unsigned long v;

	if (kstrtoul(buf, 0, &v))
		return -EINVAL;
	bdev->bd_make_it_fail = v != 0;
	return 0;
}

static void io_errors_show(struct seq_buf *m, void *data)
{
	struct block_device *bdev = data;

	seq_printf(m, "%lu\n", READ_ONCE(bdev->bd_stats.errors));
}

/* /sys/kernel/debug/block/<name>/{make-it-fail,io-errors}; best effort. */
void blk_debugfs_add_disk(struct block_device *bdev)
{
	struct dentry *block = debugfs_create_dir("block", NULL);
	struct dentry *dir = block ? debugfs_create_dir(bdev->bd_name, block) : NULL;

	if (!dir)
		return;
	attr_file_create(dir, "make-it-fail", 0644, make_it_fail_show, make_it_fail_write, bdev);
	attr_file_create(dir, "io-errors", 0444, io_errors_show, NULL, bdev);
}

/* Boot, before debugfs is filled: the attr gets its directory there. */
void blk_fault_init(void);
void blk_fault_init(void)
{
	fault_attr_register(&fail_make_request_attr);
}
