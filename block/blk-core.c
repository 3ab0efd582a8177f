/*
 * submit_bio() and the request queue.
 *
 * A submitted bio is checked (bounds, fault injection), moved from its
 * partition to whole-disk sectors, then merged into a request: the
 * current task's plug if it has one, else the disk's pending list.  A
 * bio merges at the back or the front of a request of the same op whose
 * sectors it continues, while the request stays within the queue's
 * max_sectors and max_segments; otherwise it starts a new request.
 * Requests go to the driver (queue_rq) in the pending list's order as
 * long as it accepts them; a completion runs the queue again.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/time.h>

struct request_queue *blk_alloc_queue(const struct blk_mq_ops *ops)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return NULL;
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->pending);
	q->mq_ops = ops;
	q->max_sectors = 256;		/* 128 KiB */
	q->max_segments = 32;
	q->logical_block_size = SECTOR_SIZE;
	return q;
}

void blk_free_queue(struct request_queue *q)
{
	kfree(q);
}

static bool rq_can_take(const struct request *rq, const struct bio *bio)
{
	const struct request_queue *q = rq->disk->queue;

	return rq->disk == bio->bi_bdev->bd_disk && req_op(rq) == bio_op(bio) &&
	       bio_op(bio) != REQ_OP_FLUSH && rq->part == bio->bi_bdev &&
	       rq->nr_sectors + (bio->bi_size >> SECTOR_SHIFT) <= q->max_sectors &&
	       rq->nr_segs + bio->bi_vcnt <= q->max_segments;
}

/* Merges @bio into one request of @list: true if it did.  Caller's lock. */
static bool blk_attempt_merge(struct list_head *list, struct bio *bio)
{
	sector_t nr = bio->bi_size >> SECTOR_SHIFT;
	struct request *rq;

	for (rq = list_last_entry(list, struct request, queuelist); &rq->queuelist != list;
	     rq = list_entry(rq->queuelist.prev, struct request, queuelist)) {
		if (!rq_can_take(rq, bio))
			continue;
		if (rq->sector + rq->nr_sectors == bio->bi_sector) {
			rq->biotail->bi_next = bio;
			rq->biotail = bio;
		} else if (bio->bi_sector + nr == rq->sector) {
			bio->bi_next = rq->bio;
			rq->bio = bio;
			rq->sector = bio->bi_sector;
		} else {
			continue;
		}
		rq->nr_sectors += nr;
		rq->nr_segs += bio->bi_vcnt;
		rq->disk->queue->nr_merged++;
		blk_account_merge(rq->part, req_op(rq));
		return true;
	}
	return false;
}

static struct request *blk_make_request(struct bio *bio)
{
	struct request_queue *q = bio->bi_bdev->bd_disk->queue;
	struct request *rq = kzalloc(sizeof(*rq) + q->cmd_size, GFP_KERNEL);

	if (!rq)
		return NULL;
	rq->driver_data = rq + 1;
	rq->disk = bio->bi_bdev->bd_disk;
	rq->part = bio->bi_bdev;
	rq->cmd_flags = bio->bi_opf;
	rq->sector = bio->bi_sector;
	rq->nr_sectors = bio->bi_size >> SECTOR_SHIFT;
	rq->nr_segs = bio->bi_vcnt;
	rq->bio = rq->biotail = bio;
	return rq;
}

void blk_mq_run_queue(struct request_queue *q)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	while (!list_empty(&q->pending)) {
		struct request *rq = list_first_entry(&q->pending, struct request, queuelist);

		list_del(&rq->queuelist);
		rq->start_ns = local_clock();
		blk_account_start(rq, rq->start_ns);
		q->in_flight++;
		if (q->mq_ops->queue_rq(rq)) {
			q->in_flight--;
			blk_account_done(rq, rq->start_ns, BLK_STS_RESOURCE);
			list_add(&rq->queuelist, &q->pending);
			break;
		}
		q->nr_dispatched++;
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Ends every bio of @rq with @status and frees it. */
static void blk_end_bios(struct request *rq, blk_status_t status)
{
	struct bio *bio = rq->bio;

	kfree(rq);
	while (bio) {
		struct bio *next = bio->bi_next;

		bio->bi_next = NULL;
		if (status)
			bio->bi_status = status;
		bio_endio(bio);
		bio = next;
	}
}

void blk_mq_end_request(struct request *rq, blk_status_t status)
{
	struct request_queue *q = rq->disk->queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	q->in_flight--;
	blk_account_done(rq, local_clock(), status);
	spin_unlock_irqrestore(&q->lock, flags);
	if (status)
		pr_err("I/O error, dev %s, sector %llu op 0x%x flags 0x0 phys_seg %u prio class 0\n",
		       rq->disk->disk_name, rq->sector, req_op(rq), rq->nr_segs);
	blk_end_bios(rq, status);
}

/* Queues @bio on its disk (merging) and runs the queue. */
static void blk_queue_bio(struct bio *bio)
{
	struct request_queue *q = bio->bi_bdev->bd_disk->queue;
	struct request *rq = NULL;
	unsigned long flags;
	bool merged;

	spin_lock_irqsave(&q->lock, flags);
	merged = blk_attempt_merge(&q->pending, bio);
	spin_unlock_irqrestore(&q->lock, flags);
	if (!merged) {
		rq = blk_make_request(bio);
		if (!rq) {
			bio->bi_status = BLK_STS_RESOURCE;
			bio_endio(bio);
			return;
		}
		spin_lock_irqsave(&q->lock, flags);
		list_add_tail(&rq->queuelist, &q->pending);
		spin_unlock_irqrestore(&q->lock, flags);
	}
	blk_mq_run_queue(q);
}

/* Plugged: into the task's plug list.  False if it could not (no memory). */
static bool blk_plug_bio(struct blk_plug *plug, struct bio *bio)
{
	struct request *rq;

	if (blk_attempt_merge(&plug->requests, bio))
		return true;
	rq = blk_make_request(bio);
	if (!rq)
		return false;
	list_add_tail(&rq->queuelist, &plug->requests);
	return true;
}

/* Hands the requests of @list to their queues in order and runs each. */
void blk_dispatch_list(struct list_head *list);
void blk_dispatch_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct request *rq = list_first_entry(list, struct request, queuelist);
		struct request_queue *q = rq->disk->queue;
		unsigned long flags;

		list_del(&rq->queuelist);
		spin_lock_irqsave(&q->lock, flags);
		list_add_tail(&rq->queuelist, &q->pending);
		spin_unlock_irqrestore(&q->lock, flags);
		if (list_empty(list) ||
		    list_first_entry(list, struct request, queuelist)->disk->queue != q)
			blk_mq_run_queue(q);
	}
}

/*
 * Checks @bio against its device and moves it to disk sectors: false
 * (and the bio ended with an error) if it cannot be done.
 */
static bool bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	sector_t nr = bio->bi_size >> SECTOR_SHIFT;

	if (bio_op(bio) == REQ_OP_FLUSH) {
		if (!bdev->bd_disk->queue->write_cache) {
			bio_endio(bio);		/* nothing to flush: done */
			return false;
		}
		bio->bi_sector = 0;
		if (should_fail_bio(bio)) {
			bio_io_error(bio);
			return false;
		}
		return true;
	}
	if (!nr || bio->bi_sector > bdev->bd_nr_sectors || nr > bdev->bd_nr_sectors - bio->bi_sector ||
	    (op_is_write(bio->bi_opf) && bdev->bd_read_only)) {
		pr_err("%s: bio out of range or to a read-only device: sector %llu + %llu of %llu\n",
		       bdev->bd_name, bio->bi_sector, nr, bdev->bd_nr_sectors);
		bio_io_error(bio);
		return false;
	}
	if (should_fail_bio(bio)) {
		bio_io_error(bio);
		return false;
	}
	bio->bi_sector += bdev->bd_start_sect;
	return true;
}

/* /proc/vmstat pgpgin/pgpgout: sectors of data submitted, as Linux counts them. */
static void count_bio_sectors(const struct bio *bio)
{
	if (bio_op(bio) == REQ_OP_READ)
		vm_events.pgpgin_sectors += bio->bi_size >> SECTOR_SHIFT;
	else if (bio_op(bio) == REQ_OP_WRITE)
		vm_events.pgpgout_sectors += bio->bi_size >> SECTOR_SHIFT;
}

void submit_bio(struct bio *bio)
{
	struct blk_plug *plug = current->plug;

	count_bio_sectors(bio);
	bio->bi_status = BLK_STS_OK;
	bio->bi_next = NULL;
	if (!bio_check(bio))
		return;
	if (plug && bio_op(bio) != REQ_OP_FLUSH && blk_plug_bio(plug, bio))
		return;
	blk_queue_bio(bio);
}
