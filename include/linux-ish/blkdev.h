/*
 * Block devices: disks (struct gendisk), the block devices that name a
 * whole disk or one of its partitions (struct block_device), and the
 * request queue that turns bios into requests for the driver
 * (Documentation/block/block-layer.md has the life cycle).
 *
 * A request is a run of adjacent bios of one op on one disk, merged up
 * to the queue's limits; the driver sees only requests.  Locking: the
 * queue's lock (IRQ-safe) covers its pending list and in-flight count;
 * a disk's statistics are updated under it too.  Disks and partitions
 * live for ever once added (no hot-unplug; BLKRRPART rewrites the
 * partition table only while no partition is open).
 */
#ifndef _LINUX_ISH_BLKDEV_H
#define _LINUX_ISH_BLKDEV_H

#include <linux-ish/blk_types.h>
#include <linux-ish/fs.h>
#include <linux-ish/gfp.h>
#include <linux-ish/list.h>
#include <linux-ish/mutex.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/wait.h>

struct gendisk;
struct dentry;
struct inode;
struct seq_buf;

#define VIRTBLK_MAJOR		254	/* Linux allocates it; 254 on a usual system */
#define LOOP_MAJOR		7
#define DISK_NAME_LEN		32
#define DISK_MAX_PARTS		16	/* minors per disk: the disk and 15 partitions */

struct request {
	struct list_head queuelist;	/* pending, in a plug, or the driver's */
	struct gendisk *disk;
	struct block_device *part;	/* the accounting target */
	unsigned int cmd_flags;		/* REQ_OP_* of every bio in it */
	sector_t sector;
	unsigned int nr_sectors;
	unsigned int nr_segs;
	struct bio *bio, *biotail;
	u64 start_ns;			/* dispatch, for the time fields */
	void *driver_data;		/* q->cmd_size bytes for the driver */
};

struct blk_mq_ops {
	/*
	 * Starts @rq on the hardware: 0, or -EBUSY when the device is full
	 * (the request stays queued; the driver runs the queue again after
	 * a completion).  Called with the queue lock held, IRQs off.
	 */
	int (*queue_rq)(struct request *rq);
};

struct request_queue {
	spinlock_t lock;
	struct list_head pending;	/* made, not yet accepted by the driver */
	unsigned int in_flight;		/* accepted, not completed */
	const struct blk_mq_ops *mq_ops;
	/* Limits, set by the driver before add_disk(). */
	unsigned int max_sectors;	/* per request */
	unsigned int max_segments;
	unsigned int logical_block_size;
	bool write_cache;		/* a FLUSH means something */
	unsigned int cmd_size;		/* driver bytes after each request */
	/* Counters for the tests: requests dispatched, bios merged. */
	unsigned long nr_dispatched;
	unsigned long nr_merged;
};

/* Linux's STAT_* order of the diskstats groups. */
enum stat_group { STAT_READ, STAT_WRITE, STAT_DISCARD, STAT_FLUSH, NR_STAT_GROUPS };

struct disk_stats {
	unsigned long ios[NR_STAT_GROUPS];
	unsigned long merges[NR_STAT_GROUPS];
	unsigned long sectors[NR_STAT_GROUPS];
	u64 nsecs[NR_STAT_GROUPS];
	u64 io_ticks_ns;		/* time with at least one request in flight */
	unsigned long errors;		/* requests completed with an error */
};

struct block_device {
	dev_t bd_dev;
	u8 bd_partno;			/* 0: the whole disk */
	bool bd_make_it_fail;		/* fail_make_request applies to it */
	bool bd_read_only;
	sector_t bd_start_sect;
	sector_t bd_nr_sectors;
	struct gendisk *bd_disk;
	struct inode *bd_inode;		/* its page cache (fs/block_dev.c) */
	int bd_openers;			/* open files, under the disk's mutex */
	void *bd_holder;		/* its exclusive claimer (block/holder.c), or NULL */
	int bd_holders;			/* bd_holder's nested claims */
	int bd_part_claims;		/* whole disk: its claimed partitions */
	unsigned int bd_in_flight[2];	/* reads, writes (queue lock) */
	u64 bd_stamp;			/* io_ticks: when in_flight last changed */
	struct disk_stats bd_stats;	/* queue lock */
	char bd_name[DISK_NAME_LEN];
};

/* A driver's hooks on its disks' files (loop); each may be NULL. */
struct block_device_operations {
	/* A file of @bdev opens: 0 or -errno (-ENXIO: the device is gone). */
	int (*open)(struct block_device *bdev);
	/* The last file of the whole disk closed (its cache written back). */
	void (*release)(struct gendisk *disk);
	/* ioctls the block layer does not know: -ENOTTY if the driver neither. */
	int (*ioctl)(struct block_device *bdev, unsigned int cmd, unsigned long arg);
};

struct gendisk {
	char disk_name[DISK_NAME_LEN];
	const struct block_device_operations *fops;
	unsigned int major, first_minor, minors;	/* minors 1: no partitions */
	struct request_queue *queue;
	void *private_data;
	struct block_device *part0;
	struct block_device *parts[DISK_MAX_PARTS];	/* [0] == part0 */
	struct list_head node;		/* all disks, in order added */
	struct mutex open_mutex;	/* bd_openers, partition rescans */
};

static inline sector_t get_capacity(const struct gendisk *disk)
{
	return disk->part0->bd_nr_sectors;
}

static inline sector_t bdev_nr_sectors(const struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

static inline loff_t bdev_nr_bytes(const struct block_device *bdev)
{
	return (loff_t)bdev->bd_nr_sectors << SECTOR_SHIFT;
}

/* A plug: requests held back on the task, merged there, sent at finish. */
struct blk_plug {
	struct list_head requests;
};

/* block/bio.c */
struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs, unsigned int opf,
		      gfp_t gfp);
void bio_put(struct bio *bio);
/* Appends a segment: @len, or 0 when the bio has no room. */
unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
			  unsigned int off);
void bio_endio(struct bio *bio);
static inline void bio_io_error(struct bio *bio)
{
	bio->bi_status = BLK_STS_IOERR;
	bio_endio(bio);
}
int blk_status_to_errno(blk_status_t status);
/* Submits and sleeps until done: 0 or -errno (bi_status). */
int submit_bio_wait(struct bio *bio);

/* block/blk-core.c */
void submit_bio(struct bio *bio);
struct request_queue *blk_alloc_queue(const struct blk_mq_ops *ops);
void blk_free_queue(struct request_queue *q);
/* Hands pending requests to the driver until it is full. */
void blk_mq_run_queue(struct request_queue *q);
/* The driver is done with @rq: its bios end with @status.  Any context. */
void blk_mq_end_request(struct request *rq, blk_status_t status);
/* Iterates the bio_vecs of @rq. */
#define rq_for_each_bvec(bv, rq, _bio, _i)				\
	for ((_bio) = (rq)->bio; (_bio); (_bio) = (_bio)->bi_next)	\
		for ((_i) = 0; (_i) < (_bio)->bi_vcnt && ((bv) = &(_bio)->bi_io_vec[_i]); (_i)++)
static inline enum req_op req_op(const struct request *rq)
{
	return rq->cmd_flags & REQ_OP_MASK;
}

/* block/blk-plug.c */
void blk_start_plug(struct blk_plug *plug);
void blk_finish_plug(struct blk_plug *plug);
/* Sends the current task's plugged requests now (before it sleeps on them). */
void blk_flush_plug(void);

/* block/genhd.c */
struct gendisk *blk_alloc_disk(struct request_queue *q, const char *name, unsigned int major,
			       unsigned int first_minor);
/* Sets the size, reads the partition table, makes /dev nodes.  0 or -errno. */
int add_disk(struct gendisk *disk, sector_t capacity);
void put_disk_unregistered(struct gendisk *disk);
struct block_device *bdev_by_dev(dev_t dev);
int bd_claim(struct block_device *bdev, void *holder);
void bd_unclaim(struct block_device *bdev, const void *holder);
/* Rereads the partition table (BLKRRPART): 0, -EBUSY if a partition is open. */
int bdev_rescan_partitions(struct gendisk *disk);
/* fs/block_dev.c: writes back and drops a device's cached pages.  0 or -errno. */
int blkdev_flush_buffers(struct block_device *bdev);
/* The device's page cache if @f is an open block device, else NULL (sync_file_range). */
struct address_space *blkdev_file_mapping(struct file *f);
int blkdev_open(struct inode *inode, struct file *f);
int blkdev_get(struct block_device *bdev);
void blkdev_put(struct block_device *bdev);
void blk_proc_init(struct dentry *proc);
void printk_all_partitions(void);
void blk_dev_init(void);

/* block/partitions/msdos.c: the MBR's partitions into @info[1..15] (zeroed by the caller). */
struct part_info {
	sector_t start, size;
};
/* 0, -ENOENT without a table, or the read's -errno. */
int msdos_partition(struct gendisk *disk, struct part_info *info);

/* block/blk-fault.c: fail_make_request */
struct fault_attr;
extern struct fault_attr fail_make_request_attr;
bool should_fail_bio(struct bio *bio);
void blk_debugfs_add_disk(struct block_device *bdev);

/* block/blk-stat.c: diskstats accounting, under the queue lock */
void blk_account_start(struct request *rq, u64 now);
void blk_account_done(struct request *rq, u64 now, blk_status_t status);
void blk_account_merge(struct block_device *part, unsigned int op);

/* fs/block_dev.c */
extern const struct file_operations def_blk_fops;
int bdev_make_inode(struct block_device *bdev);

/* fs/block_dev.c: write_cache_pages() under one plug (a ->writepages). */
struct writeback_control;
int plugged_writepages(struct address_space *mapping, struct writeback_control *wbc);

#endif
