/*
 * Disk statistics as Linux keeps them for /proc/diskstats: per block
 * device (a partition's requests count for the whole disk too), by
 * group (read, write, discard, flush): requests completed, bios merged
 * into requests, sectors, and the time requests spent from dispatch to
 * completion; requests in flight and the time with any in flight
 * (io_ticks).  Everything under the disk's queue lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>

static enum stat_group op_stat_group(unsigned int op)
{
	switch (op & REQ_OP_MASK) {
	case REQ_OP_READ:
		return STAT_READ;
	case REQ_OP_FLUSH:
		return STAT_FLUSH;
	default:
		return STAT_WRITE;
	}
}

/* The devices a request counts for: its partition, and the whole disk. */
#define for_each_stat_bdev(b, rq, i)					\
	for ((i) = 0; (i) < 2 && (((b) = (i) ? (rq)->disk->part0 : (rq)->part)); (i)++) \
		if ((i) == 0 || (rq)->part != (rq)->disk->part0)

static void update_io_ticks(struct block_device *b, u64 now)
{
	if (b->bd_in_flight[0] + b->bd_in_flight[1])
		b->bd_stats.io_ticks_ns += now - b->bd_stamp;
	b->bd_stamp = now;
}

void blk_account_start(struct request *rq, u64 now)
{
	struct block_device *b;
	int i;

	for_each_stat_bdev(b, rq, i) {
		update_io_ticks(b, now);
		b->bd_in_flight[op_is_write(rq->cmd_flags)]++;
	}
}

/* BLK_STS_RESOURCE: the driver refused it; it was never in flight. */
void blk_account_done(struct request *rq, u64 now, blk_status_t status)
{
	enum stat_group g = op_stat_group(rq->cmd_flags);
	struct block_device *b;
	int i;

	for_each_stat_bdev(b, rq, i) {
		update_io_ticks(b, now);
		b->bd_in_flight[op_is_write(rq->cmd_flags)]--;
		if (status == BLK_STS_RESOURCE)
			continue;
		b->bd_stats.ios[g]++;
		if (g != STAT_FLUSH)
			b->bd_stats.sectors[g] += rq->nr_sectors;
		b->bd_stats.nsecs[g] += now - rq->start_ns;
		if (status)
			b->bd_stats.errors++;
	}
}

/* Caller holds the queue lock, or owns the plug the merge happened in. */
void blk_account_merge(struct block_device *part, unsigned int op)
{
	enum stat_group g = op_stat_group(op);

	part->bd_stats.merges[g]++;
	if (part->bd_partno)
		part->bd_disk->part0->bd_stats.merges[g]++;
}
