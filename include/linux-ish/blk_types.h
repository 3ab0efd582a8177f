/*
 * The block layer's unit of I/O: a bio is one contiguous range of
 * sectors on one block device, read into or written from a list of
 * (page, offset, length) segments.  Its owner fills it, submit_bio()
 * hands it over, and bi_end_io runs exactly once when it is done, with
 * bi_status set (possibly in interrupt context: it must not sleep).
 */
#ifndef _LINUX_ISH_BLK_TYPES_H
#define _LINUX_ISH_BLK_TYPES_H

#include <linux-ish/types.h>

struct page;
struct block_device;
struct bio;

typedef u64 sector_t;
typedef u8 blk_status_t;

#define SECTOR_SHIFT		9
#define SECTOR_SIZE		(1 << SECTOR_SHIFT)

/* Linux's values. */
#define BLK_STS_OK		0
#define BLK_STS_NOTSUPP		1
#define BLK_STS_NOSPC		3
#define BLK_STS_RESOURCE	9
#define BLK_STS_IOERR		10

enum req_op {
	REQ_OP_READ = 0,
	REQ_OP_WRITE = 1,
	REQ_OP_FLUSH = 2,
};
#define REQ_OP_MASK	0xff
/* Flags beside the op. */
#define REQ_SYNC	(1u << 11)

typedef void (bio_end_io_t)(struct bio *);

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct bio {
	struct bio *bi_next;		/* the next bio of its request */
	struct block_device *bi_bdev;	/* as submitted (a partition or the disk) */
	unsigned int bi_opf;		/* REQ_OP_* | REQ_* */
	blk_status_t bi_status;
	sector_t bi_sector;		/* on the whole disk once submitted */
	unsigned int bi_size;		/* bytes */
	unsigned short bi_vcnt;
	unsigned short bi_max_vecs;
	bio_end_io_t *bi_end_io;
	void *bi_private;
	struct bio_vec *bi_io_vec;
	struct bio_vec bi_inline_vecs[];
};

static inline enum req_op bio_op(const struct bio *bio)
{
	return bio->bi_opf & REQ_OP_MASK;
}

static inline bool op_is_write(unsigned int op)
{
	return (op & REQ_OP_MASK) != REQ_OP_READ;
}

#endif
