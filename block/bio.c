/*
 * bios: allocation, segments, completion, and waiting for one.  A bio
 * and its segment array are one kmalloc block; the bio owns no page
 * references (its submitter keeps the pages alive until bi_end_io).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/wait.h>

struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs, unsigned int opf,
		      gfp_t gfp)
{
	struct bio *bio = kzalloc(offsetof(struct bio, bi_inline_vecs) +
				  nr_vecs * sizeof(struct bio_vec), gfp);

	if (!bio)
		return NULL;
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_max_vecs = nr_vecs;
	bio->bi_io_vec = bio->bi_inline_vecs;
	return bio;
}

void bio_put(struct bio *bio)
{
	kfree(bio);
}

unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
			  unsigned int off)
{
	struct bio_vec *bv;

	if (bio->bi_vcnt >= bio->bi_max_vecs || !len || (len | off) & (SECTOR_SIZE - 1))
		return 0;
	bv = &bio->bi_io_vec[bio->bi_vcnt++];
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = off;
	bio->bi_size += len;
	return len;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

int blk_status_to_errno(blk_status_t status)
{
	switch (status) {
	case BLK_STS_OK:
		return 0;
	case BLK_STS_NOTSUPP:
		return -EOPNOTSUPP;
	case BLK_STS_NOSPC:
		return -ENOSPC;
	case BLK_STS_RESOURCE:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

struct bio_waiter {
	struct wait_queue_head wq;
	bool done;
};

static void submit_bio_wait_endio(struct bio *bio)
{
	struct bio_waiter *w = bio->bi_private;

	w->done = true;
	wake_up(&w->wq);
}

int submit_bio_wait(struct bio *bio)
{
	struct bio_waiter w = { .done = false };

	init_waitqueue_head(&w.wq);
	/* cppcheck-suppress autoVariables ; bi_end_io runs before this frame returns */
	bio->bi_private = &w;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	blk_flush_plug();
	wait_event(w.wq, READ_ONCE(w.done));
	return blk_status_to_errno(bio->bi_status);
}
