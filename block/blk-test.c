/*
 * ktest suite "block": the block layer on a fake disk whose driver only
 * collects the requests it is given (the test completes them), so the
 * cases need no hardware.
 *   merge_plugged: 8 adjacent 4 KiB writes under a plug -> 1 request
 *   unplugged: the same without a plug -> 8 requests (the driver takes
 *     each at once: nothing waits to merge with)
 *   limits: a request stops growing at max_sectors
 *   front_merge: a bio that ends where a plugged request starts joins it
 *   fail_make_request: "1,100,0,1" and make-it-fail -> the bio ends with
 *     BLK_STS_IOERR before any request; the switch off -> not a candidate
 *   out_of_range: a bio past the end of a partition -> BLK_STS_IOERR
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/ktest.h>
#include <linux-ish/mm.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>

#define FAKE_MAX_RQ	16
#define FAKE_BIOS	8

static struct request *fake_rqs[FAKE_MAX_RQ];
static unsigned int fake_nr_rqs;
static unsigned int nr_ended, nr_errors;

static int fake_queue_rq(struct request *rq)
{
	if (fake_nr_rqs == FAKE_MAX_RQ)
		return -EBUSY;
	fake_rqs[fake_nr_rqs++] = rq;
	return 0;
}

static const struct blk_mq_ops fake_ops = { .queue_rq = fake_queue_rq };

static void fake_end_io(struct bio *bio)
{
	nr_ended++;
	if (bio->bi_status)
		nr_errors++;
	bio_put(bio);
}

struct fake {
	struct request_queue *q;
	struct gendisk *disk;
	struct page *page;
};

static bool fake_setup(struct ktest *t, struct fake *f, sector_t sectors)
{
	fake_nr_rqs = nr_ended = nr_errors = 0;
	f->q = blk_alloc_queue(&fake_ops);
	f->disk = f->q ? blk_alloc_disk(f->q, "ktestblk", 0, 0) : NULL;
	f->page = alloc_page(GFP_KERNEL);
	if (!f->q || !f->disk || !f->page) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for the fake disk");
		return false;
	}
	f->disk->part0->bd_nr_sectors = sectors;
	return true;
}

/* Completes what the fake driver holds, then frees the disk. */
static void fake_teardown(struct fake *f)
{
	for (unsigned int i = 0; i < fake_nr_rqs; i++)
		blk_mq_end_request(fake_rqs[i], BLK_STS_OK);
	fake_nr_rqs = 0;
	if (f->page)
		__free_page(f->page);
	if (f->disk)
		put_disk_unregistered(f->disk);
	if (f->q)
		blk_free_queue(f->q);
}

/* A 4 KiB write at @sector (every bio shares the one page: nothing is read). */
static bool fake_submit(struct ktest *t, struct fake *f, struct block_device *bdev,
			sector_t sector)
{
	struct bio *bio = bio_alloc(bdev, 1, REQ_OP_WRITE, GFP_KERNEL);

	if (!bio) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for a bio");
		return false;
	}
	bio->bi_sector = sector;
	bio->bi_end_io = fake_end_io;
	bio_add_page(bio, f->page, PAGE_SIZE, 0);
	submit_bio(bio);
	return true;
}

static void merge_plugged(struct ktest *t)
{
	struct blk_plug plug;
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		blk_start_plug(&plug);
		for (int i = 0; i < FAKE_BIOS; i++)
			fake_submit(t, &f, f.disk->part0, 8 * i);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, 0);
		blk_finish_plug(&plug);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, 1);
		KTEST_EXPECT_EQ(t, fake_rqs[0]->nr_sectors, 8 * FAKE_BIOS);
		KTEST_EXPECT_EQ(t, fake_rqs[0]->nr_segs, FAKE_BIOS);
		KTEST_EXPECT_EQ(t, f.q->nr_merged, FAKE_BIOS - 1);
		KTEST_EXPECT_EQ(t, f.disk->part0->bd_stats.merges[STAT_WRITE], FAKE_BIOS - 1);
		KTEST_EXPECT_EQ(t, f.disk->part0->bd_in_flight[1], 1);
	}
	fake_teardown(&f);
	KTEST_EXPECT_EQ(t, nr_ended, FAKE_BIOS);
	KTEST_EXPECT_EQ(t, nr_errors, 0);
}

static void unplugged(struct ktest *t)
{
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		for (int i = 0; i < FAKE_BIOS; i++)
			fake_submit(t, &f, f.disk->part0, 8 * i);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, FAKE_BIOS);
		KTEST_EXPECT_EQ(t, f.q->nr_merged, 0);
	}
	fake_teardown(&f);
	KTEST_EXPECT_EQ(t, nr_ended, FAKE_BIOS);
}

static void limits(struct ktest *t)
{
	struct blk_plug plug;
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		f.q->max_sectors = 16;
		blk_start_plug(&plug);
		for (int i = 0; i < FAKE_BIOS; i++)
			fake_submit(t, &f, f.disk->part0, 8 * i);
		blk_finish_plug(&plug);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, FAKE_BIOS / 2);
		for (unsigned int i = 0; i < fake_nr_rqs; i++)
			KTEST_EXPECT_EQ(t, fake_rqs[i]->nr_sectors, 16);
	}
	fake_teardown(&f);
}

static void front_merge(struct ktest *t)
{
	struct blk_plug plug;
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		blk_start_plug(&plug);
		fake_submit(t, &f, f.disk->part0, 16);
		fake_submit(t, &f, f.disk->part0, 8);
		fake_submit(t, &f, f.disk->part0, 100);	/* not adjacent */
		blk_finish_plug(&plug);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, 2);
		KTEST_EXPECT_EQ(t, fake_rqs[0]->sector, 8);
		KTEST_EXPECT_EQ(t, fake_rqs[0]->nr_sectors, 16);
	}
	fake_teardown(&f);
}

static void fail_make_request(struct ktest *t)
{
	struct fault_attr saved = fail_make_request_attr;
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		struct bio *probe = bio_alloc(f.disk->part0, 1, REQ_OP_READ, GFP_KERNEL);

		KTEST_ASSERT_TRUE(t, probe);
		setup_fault_attr(&fail_make_request_attr, "1,100,0,1");
		fail_make_request_attr.verbose = 0;
		fail_make_request_attr.task_filter = false;
		fault_attr_reseed(&fail_make_request_attr, 1);
		bio_add_page(probe, f.page, PAGE_SIZE, 0);
		fault_inject_resume();
		KTEST_EXPECT_FALSE(t, should_fail_bio(probe));	/* make-it-fail off */
		f.disk->part0->bd_make_it_fail = true;
		fake_submit(t, &f, f.disk->part0, 0);
		fault_inject_pause();
		bio_put(probe);
		KTEST_EXPECT_EQ(t, nr_ended, 1);
		KTEST_EXPECT_EQ(t, nr_errors, 1);
		KTEST_EXPECT_EQ(t, fake_nr_rqs, 0);
		KTEST_EXPECT_EQ(t, fail_make_request_attr.nr_failures, 1);
		KTEST_EXPECT_EQ(t, fail_make_request_attr.nr_calls, 1);
	}
	fake_teardown(&f);
	fail_make_request_attr = saved;
}

static void out_of_range(struct ktest *t)
{
	struct block_device part = { .bd_partno = 1, .bd_start_sect = 64, .bd_nr_sectors = 16 };
	struct fake f;

	if (fake_setup(t, &f, 1024)) {
		part.bd_disk = f.disk;
		fake_submit(t, &f, &part, 8);		/* the last 4 KiB: fine */
		KTEST_EXPECT_EQ(t, fake_nr_rqs, 1);
		KTEST_EXPECT_EQ(t, fake_rqs[0]->sector, 72);
		KTEST_EXPECT_EQ(t, part.bd_in_flight[1], 1);
		ktest_expect_report_begin(t);
		fake_submit(t, &f, &part, 12);		/* runs 4 sectors past the end */
		ktest_expect_report_end(t);
		KTEST_EXPECT_EQ(t, nr_errors, 1);
	}
	fake_teardown(&f);
	KTEST_EXPECT_EQ(t, part.bd_stats.ios[STAT_WRITE], 1);
}

static struct ktest_case block_cases[] = {
	KTEST_CASE(merge_plugged),
	KTEST_CASE(unplugged),
	KTEST_CASE(limits),
	KTEST_CASE(front_merge),
	KTEST_CASE(fail_make_request),
	KTEST_CASE(out_of_range),
	{},
};

static struct ktest_suite block_suite = { .name = "block", .cases = block_cases };
ktest_register_suite(block_suite);
