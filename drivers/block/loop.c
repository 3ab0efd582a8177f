/*
 * Loop devices: /dev/loopN (block major 7, minor N, no partitions) turns
 * a regular file into a block device.  LOOP_SET_FD / LOOP_CONFIGURE bind
 * a file, LOOP_SET_STATUS64 sets the offset, size limit and name,
 * LOOP_CLR_FD unbinds (at the last close if the device is still open:
 * Linux's autoclear).  /dev/loop-control (char 10:237) finds a free
 * device (LOOP_CTL_GET_FREE), adds or removes one.
 *
 * The driver's queue_rq runs with interrupts off, so requests go to the
 * device's kernel thread, loopN, which reads and writes the backing file through
 * its page cache (kernel_read, page_cache_write_kernel): regular files of
 * the RAM file systems and of ext2 (loop_can_back).  loop_lock (a
 * mutex) covers binding, status and the device table; loop_rq_lock
 * (IRQ-safe) the request lists the threads serve.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/cred.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/mm.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/uaccess.h>
#include <uapi/linux-ish/loop.h>

#define LOOP_MAX		256	/* minors of major 7 */
#define LOOP_MIN_COUNT		8	/* Linux's CONFIG_BLK_DEV_LOOP_MIN_COUNT */
#define LOOP_CTRL_MAJOR		10
#define LOOP_CTRL_MINOR		237
#define LOFF_T_MAX		((u64)~0ULL >> 1)
#define LOOP_SETTABLE_FLAGS	(LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN)

struct loop_device {
	int lo_number;
	bool lo_removed;		/* LOOP_CTL_REMOVE: opens are ENXIO until re-added */
	struct gendisk *lo_disk;
	struct file *lo_backing_file;	/* NULL: unbound */
	loff_t lo_offset, lo_sizelimit;
	u32 lo_flags;
	u8 lo_file_name[LO_NAME_SIZE];
	struct list_head lo_rqs;	/* queued requests, under loop_rq_lock */
	struct wait_queue_head lo_wq;	/* its thread waits here for lo_rqs */
	struct task_struct *lo_thread;	/* "loopN": serves lo_rqs; NULL until started */
};

struct loop_config {
	__u32 fd;
	__u32 block_size;
	struct loop_info64 info;
	__u64 __reserved[8];
};

static struct loop_device *loop_devs[LOOP_MAX];
static DEFINE_MUTEX(loop_lock);
static DEFINE_SPINLOCK(loop_rq_lock);

static int loop_queue_rq(struct request *rq)
{
	struct loop_device *lo = rq->disk->private_data;
	unsigned long flags;

	spin_lock_irqsave(&loop_rq_lock, flags);
	list_add_tail(&rq->queuelist, &lo->lo_rqs);
	spin_unlock_irqrestore(&loop_rq_lock, flags);
	wake_up(&lo->lo_wq);
	return 0;
}

static const struct blk_mq_ops loop_mq_ops = { .queue_rq = loop_queue_rq };

/* One segment at @pos of the backing file: 0 or -EIO.  Reads past its end are zeroes. */
static int loop_rw_segment(struct file *file, struct bio_vec *bv, loff_t pos, bool write)
{
	char *buf = (char *)page_address(bv->bv_page) + bv->bv_offset;
	ssize_t n;

	if (write) {
		n = page_cache_write_kernel(file->f_inode, buf, bv->bv_len, pos);
		return n == bv->bv_len ? 0 : -EIO;
	}
	n = kernel_read(file, buf, bv->bv_len, &pos);
	if (n < 0)
		return -EIO;
	memset(buf + n, 0, bv->bv_len - n);
	return 0;
}

static blk_status_t loop_handle_rq(struct request *rq)
{
	struct loop_device *lo = rq->disk->private_data;
	struct file *file = lo->lo_backing_file;
	loff_t pos = lo->lo_offset + ((loff_t)rq->sector << SECTOR_SHIFT);
	struct bio_vec *bv;
	struct bio *bio;
	unsigned int i;

	if (!file)
		return BLK_STS_IOERR;
	if (req_op(rq) == REQ_OP_FLUSH)
		return vfs_fsync(file, 0) ? BLK_STS_IOERR : BLK_STS_OK;
	rq_for_each_bvec(bv, rq, bio, i) {
		if (loop_rw_segment(file, bv, pos, req_op(rq) == REQ_OP_WRITE))
			return BLK_STS_IOERR;
		pos += bv->bv_len;
	}
	return BLK_STS_OK;
}

static struct request *loop_next_rq(struct loop_device *lo)
{
	struct request *rq = NULL;
	unsigned long flags;

	spin_lock_irqsave(&loop_rq_lock, flags);
	if (!list_empty(&lo->lo_rqs)) {
		rq = list_first_entry(&lo->lo_rqs, struct request, queuelist);
		list_del(&rq->queuelist);
	}
	spin_unlock_irqrestore(&loop_rq_lock, flags);
	return rq;
}

/*
 * loopN: serves device N's requests, one at a time.  One thread per
 * device (Linux: a work queue per device), because a backing file may
 * live on a file system on another loop device: a request of the upper
 * device then waits for one of the lower, which must be served by
 * another thread.  It idles interruptibly (no signal reaches a kernel
 * thread), so the hung-task detector does not take an idle one for a
 * stuck one.
 */
static int loop_thread(void *arg)
{
	struct loop_device *lo = arg;

	for (;;) {
		struct request *rq;

		if (wait_event_interruptible(lo->lo_wq, !list_empty(&lo->lo_rqs)))
			continue;
		while ((rq = loop_next_rq(lo)))
			blk_mq_end_request(rq, loop_handle_rq(rq));
	}
	return 0;
}

/* Starts device @lo's thread if it has none.  loop_lock held; 0 or -ENOMEM. */
static int loop_start_thread(struct loop_device *lo)
{
	char name[16];

	if (lo->lo_thread)
		return 0;
	snprintf(name, sizeof(name), "loop%d", lo->lo_number);
	lo->lo_thread = kthread_run(loop_thread, lo, name);
	return lo->lo_thread ? 0 : -ENOMEM;
}

/* The size the device shows: the file from lo_offset, cut at lo_sizelimit. */
static void loop_set_size(struct loop_device *lo)
{
	struct block_device *bdev = lo->lo_disk->part0;
	loff_t size = 0;

	if (lo->lo_backing_file && lo->lo_backing_file->f_inode->i_size > lo->lo_offset)
		size = lo->lo_backing_file->f_inode->i_size - lo->lo_offset;
	if (lo->lo_sizelimit && lo->lo_sizelimit < size)
		size = lo->lo_sizelimit;
	bdev->bd_nr_sectors = size >> SECTOR_SHIFT;
	bdev->bd_inode->i_size = bdev_nr_bytes(bdev);
}

/* Waits until @lo's thread has finished every request of its disk. */
static void loop_drain(struct loop_device *lo)
{
	struct request_queue *q = lo->lo_disk->queue;

	while (READ_ONCE(q->in_flight) || !list_empty(&q->pending)) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(1);
	}
}

/* Unbinds: the cache written back and dropped, the file released.  loop_lock held. */
static void __loop_clr_fd(struct loop_device *lo)
{
	struct block_device *bdev = lo->lo_disk->part0;
	struct file *file = lo->lo_backing_file;

	filemap_write_and_wait(bdev->bd_inode->i_mapping);
	loop_drain(lo);
	lo->lo_backing_file = NULL;
	truncate_inode_pages(bdev->bd_inode->i_mapping);
	lo->lo_offset = lo->lo_sizelimit = 0;
	lo->lo_flags = 0;
	memset(lo->lo_file_name, 0, sizeof(lo->lo_file_name));
	loop_set_size(lo);
	bdev->bd_read_only = false;
	fput(file);
}

static int loop_set_status(struct loop_device *lo, const struct loop_info64 *info)
{
	struct block_device *bdev = lo->lo_disk->part0;

	if (!lo->lo_backing_file)
		return -ENXIO;
	if (info->lo_offset > LOFF_T_MAX || info->lo_sizelimit > LOFF_T_MAX)
		return -EOVERFLOW;
	if (info->lo_offset != lo->lo_offset || info->lo_sizelimit != lo->lo_sizelimit) {
		filemap_write_and_wait(bdev->bd_inode->i_mapping);
		truncate_inode_pages(bdev->bd_inode->i_mapping);
		lo->lo_offset = info->lo_offset;
		lo->lo_sizelimit = info->lo_sizelimit;
		loop_set_size(lo);
	}
	lo->lo_flags = (lo->lo_flags & ~LOOP_SETTABLE_FLAGS) | (info->lo_flags & LOOP_SETTABLE_FLAGS);
	memcpy(lo->lo_file_name, info->lo_file_name, LO_NAME_SIZE);
	lo->lo_file_name[LO_NAME_SIZE - 1] = 0;
	return 0;
}

/*
 * A file a loop thread can serve: a regular file of a RAM file system, or of a
 * disk file system whose page cache reads and writes through its a_ops
 * (ext2).  Linux takes block devices too: not yet.
 */
static bool loop_can_back(struct file *file)
{
	const struct address_space_operations *a_ops = file->f_inode->i_mapping->a_ops;

	if (!S_ISREG(file->f_inode->i_mode))
		return false;
	return file_data_in_page_cache(file) || (a_ops && a_ops->readpage && a_ops->write_begin);
}

/*
 * Linux's loop_validate_file: a backing file on a file system that sits
 * on @lo itself, directly or through other loop devices, would have
 * the device's thread wait for its own reads.  -EBADF then, as Linux.  loop_lock held.
 */
static int loop_check_cycle(const struct loop_device *lo, struct file *file)
{
	for (;;) {
		struct block_device *bdev = file->f_inode->i_sb->s_bdev;
		struct loop_device *below;

		if (!bdev || bdev->bd_disk->major != LOOP_MAJOR)
			return 0;
		below = bdev->bd_disk->private_data;
		if (below == lo)
			return -EBADF;
		if (!below->lo_backing_file)
			return 0;
		file = below->lo_backing_file;
	}
}

/* Binds the file of descriptor @fd (and applies @info if given).  loop_lock held. */
static int loop_set_fd(struct loop_device *lo, int fd, const struct loop_info64 *info)
{
	struct file *file;
	int err;

	if (lo->lo_backing_file)
		return -EBUSY;
	file = fget(fd);
	if (!file)
		return -EBADF;
	err = loop_can_back(file) ? loop_check_cycle(lo, file) : -EINVAL;
	if (err) {
		fput(file);
		return err;
	}
	lo->lo_backing_file = file;
	lo->lo_flags = (file->f_mode & FMODE_WRITE) ? 0 : LO_FLAGS_READ_ONLY;
	lo->lo_disk->part0->bd_read_only = !(file->f_mode & FMODE_WRITE);
	loop_set_size(lo);
	err = info ? loop_set_status(lo, info) : 0;
	if (err)
		__loop_clr_fd(lo);
	return err;
}

static int loop_get_status(struct loop_device *lo, struct loop_info64 __user *arg)
{
	struct loop_info64 info = {};
	struct inode *inode;

	if (!lo->lo_backing_file)
		return -ENXIO;
	inode = lo->lo_backing_file->f_inode;
	info.lo_device = inode->i_sb->s_dev;
	info.lo_inode = inode->i_ino;
	info.lo_rdevice = inode->i_rdev;
	info.lo_offset = lo->lo_offset;
	info.lo_sizelimit = lo->lo_sizelimit;
	info.lo_number = lo->lo_number;
	info.lo_flags = lo->lo_flags;
	memcpy(info.lo_file_name, lo->lo_file_name, LO_NAME_SIZE);
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static int loop_ioctl(struct block_device *bdev, unsigned int cmd, unsigned long arg)
{
	struct loop_device *lo = bdev->bd_disk->private_data;
	void __user *uarg = (void __user *)arg;
	struct loop_config cfg;
	struct loop_info64 info;
	int err;

	if ((cmd == LOOP_SET_STATUS64 && copy_from_user(&info, uarg, sizeof(info))) ||
	    (cmd == LOOP_CONFIGURE && copy_from_user(&cfg, uarg, sizeof(cfg))))
		return -EFAULT;
	mutex_lock(&loop_lock);
	switch (cmd) {
	case LOOP_SET_FD:
		err = loop_set_fd(lo, (int)arg, NULL);
		break;
	case LOOP_CONFIGURE:
		err = cfg.block_size && cfg.block_size != SECTOR_SIZE ? -EINVAL :
		      loop_set_fd(lo, cfg.fd, &cfg.info);
		break;
	case LOOP_CLR_FD:
		err = lo->lo_backing_file ? 0 : -ENXIO;
		if (!err && bdev->bd_openers > 1)
			lo->lo_flags |= LO_FLAGS_AUTOCLEAR;	/* at the last close */
		else if (!err)
			__loop_clr_fd(lo);
		break;
	case LOOP_SET_STATUS64:
		err = loop_set_status(lo, &info);
		break;
	case LOOP_GET_STATUS64:
		err = loop_get_status(lo, uarg);
		break;
	case LOOP_SET_CAPACITY:
		err = lo->lo_backing_file ? 0 : -ENXIO;
		if (!err)
			loop_set_size(lo);
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&loop_lock);
	return err;
}

static int loop_open(struct block_device *bdev)
{
	struct loop_device *lo = bdev->bd_disk->private_data;

	return READ_ONCE(lo->lo_removed) ? -ENXIO : 0;
}

/* The last close: an autoclear device lets its file go. */
static void loop_release(struct gendisk *disk)
{
	struct loop_device *lo = disk->private_data;

	mutex_lock(&loop_lock);
	if (lo->lo_backing_file && (lo->lo_flags & LO_FLAGS_AUTOCLEAR))
		__loop_clr_fd(lo);
	mutex_unlock(&loop_lock);
}

static const struct block_device_operations loop_fops = {
	.open = loop_open,
	.release = loop_release,
	.ioctl = loop_ioctl,
};

/* Makes loop device @n (or brings a removed one back).  loop_lock held; 0 or -errno. */
static int loop_add(int n)
{
	struct request_queue *q;
	struct loop_device *lo;
	char name[16];
	int err = -ENOMEM;

	if (loop_devs[n]) {
		if (!loop_devs[n]->lo_removed)
			return -EEXIST;
		err = loop_start_thread(loop_devs[n]);
		if (!err)
			loop_devs[n]->lo_removed = false;
		return err;
	}
	lo = kzalloc(sizeof(*lo), GFP_KERNEL);
	q = blk_alloc_queue(&loop_mq_ops);
	snprintf(name, sizeof(name), "loop%d", n);
	if (!lo || !q || !(lo->lo_disk = blk_alloc_disk(q, name, LOOP_MAJOR, n)))
		goto out_free;
	lo->lo_number = n;
	lo->lo_removed = true;		/* opens are ENXIO until its thread runs */
	INIT_LIST_HEAD(&lo->lo_rqs);
	init_waitqueue_head(&lo->lo_wq);
	lo->lo_disk->minors = 1;
	lo->lo_disk->fops = &loop_fops;
	lo->lo_disk->private_data = lo;
	q->max_segments = 128;
	err = add_disk(lo->lo_disk, 0);
	if (err) {
		put_disk_unregistered(lo->lo_disk);
		goto out_free;
	}
	loop_devs[n] = lo;
	/*
	 * Its thread before its first open: a request queued with nobody to
	 * serve it would wait forever.  Without one the device stays as a
	 * removed one (opens are ENXIO), as LOOP_CTL_REMOVE leaves it.
	 */
	err = loop_start_thread(lo);
	WRITE_ONCE(lo->lo_removed, err != 0);
	return err;

out_free:
	if (q)
		blk_free_queue(q);
	kfree(lo);
	return err;
}

static long loop_control_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	long ret = -ENOSYS;

	if (cmd != LOOP_CTL_GET_FREE && arg >= LOOP_MAX)
		return cmd == LOOP_CTL_ADD || cmd == LOOP_CTL_REMOVE ? -EINVAL : -ENOSYS;
	mutex_lock(&loop_lock);
	switch (cmd) {
	case LOOP_CTL_ADD:
		ret = loop_add(arg);
		ret = ret ? ret : (long)arg;
		break;
	case LOOP_CTL_REMOVE:
		if (!loop_devs[arg] || loop_devs[arg]->lo_removed)
			ret = -ENODEV;
		else if (loop_devs[arg]->lo_backing_file || loop_devs[arg]->lo_disk->part0->bd_openers)
			ret = -EBUSY;
		else
			ret = 0, loop_devs[arg]->lo_removed = true;
		break;
	case LOOP_CTL_GET_FREE:
		ret = -ENOSPC;
		for (int n = 0; n < LOOP_MAX && ret < 0; n++)
			if (!loop_devs[n] || loop_devs[n]->lo_removed ||
			    !loop_devs[n]->lo_backing_file)
				ret = loop_devs[n] && !loop_devs[n]->lo_removed ? n :
				      (loop_add(n) ? ret : n);
		break;
	}
	mutex_unlock(&loop_lock);
	return ret;
}

static const struct file_operations loop_ctl_fops = {
	.ioctl = loop_control_ioctl,
};

void loop_init(void);
/* Boot (pid 1): loop0..7, each with its thread, and /dev/loop-control. */
void loop_init(void)
{
	mutex_lock(&loop_lock);
	for (int n = 0; n < LOOP_MIN_COUNT; n++)
		if (loop_add(n))
			pr_warn("loop: cannot add loop%d\n", n);
	mutex_unlock(&loop_lock);
	if (register_chrdev(LOOP_CTRL_MAJOR, LOOP_CTRL_MINOR, "loop-control", 0600, &loop_ctl_fops) ||
	    devtmpfs_create_node("loop-control", S_IFCHR | 0600, MKDEV(LOOP_CTRL_MAJOR, LOOP_CTRL_MINOR)))
		pr_warn("loop: no /dev/loop-control\n");
}
