/*
 * virtio-blk: each request is one buffer on the device's request queue:
 * a header (type, sector) the device reads, the data segments (written
 * by the device for a read), and a status byte it writes.  Completion
 * comes by interrupt.  Disks are vda, vdb, ... (major 254, 16 minors
 * each).  vblk->lock (IRQ-safe) covers the virtqueue; it nests inside
 * the request queue's lock (queue_rq) and is never held while the
 * queue's lock is taken.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/blkdev.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/pci.h>
#include <linux-ish/slab.h>
#include <linux-ish/virtio.h>

#define VIRTIO_ID_BLOCK_LEGACY	0x1001	/* transitional device id */

#define VIRTIO_BLK_F_SIZE_MAX	1
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_CFG_CAPACITY	0
#define VIRTIO_BLK_CFG_SIZE_MAX	8
#define VIRTIO_BLK_CFG_SEG_MAX	12
#define VIRTIO_BLK_CFG_BLK_SIZE	20

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTBLK_MAX_SEGS	64
#define VIRTBLK_MAX_DISKS	16

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

/* Per request, in the request's driver area (q->cmd_size). */
struct virtblk_req {
	struct virtio_blk_outhdr out;
	u8 status;
	struct vring_seg segs[VIRTBLK_MAX_SEGS + 2];
};

struct virtio_blk {
	struct virtio_device vdev;
	struct virtqueue *vq;
	spinlock_t lock;		/* vq */
	struct gendisk *disk;
};

static unsigned int virtblk_nr_disks;

static int virtblk_queue_rq(struct request *rq)
{
	struct virtio_blk *vblk = rq->disk->private_data;
	struct virtblk_req *vbr = rq->driver_data;
	unsigned int n = 0, i;
	struct bio_vec *bv;
	struct bio *bio;
	unsigned long flags;
	int err;

	switch (req_op(rq)) {
	case REQ_OP_READ:
		vbr->out.type = VIRTIO_BLK_T_IN;
		break;
	case REQ_OP_WRITE:
		vbr->out.type = VIRTIO_BLK_T_OUT;
		break;
	default:
		vbr->out.type = VIRTIO_BLK_T_FLUSH;
		break;
	}
	vbr->out.ioprio = 0;
	vbr->out.sector = req_op(rq) == REQ_OP_FLUSH ? 0 : rq->sector;
	vbr->status = 0xff;
	vbr->segs[n++] = (struct vring_seg){ __pa(&vbr->out), sizeof(vbr->out), false };
	rq_for_each_bvec(bv, rq, bio, i)
		vbr->segs[n++] = (struct vring_seg){ page_to_phys(bv->bv_page) + bv->bv_offset,
						     bv->bv_len, req_op(rq) == REQ_OP_READ };
	vbr->segs[n++] = (struct vring_seg){ __pa(&vbr->status), 1, true };
	spin_lock_irqsave(&vblk->lock, flags);
	err = virtqueue_add(vblk->vq, vbr->segs, n, rq);
	if (!err)
		virtqueue_kick(vblk->vq);
	spin_unlock_irqrestore(&vblk->lock, flags);
	return err ? -EBUSY : 0;
}

static const struct blk_mq_ops virtblk_mq_ops = {
	.queue_rq = virtblk_queue_rq,
};

static blk_status_t virtblk_status(u8 s)
{
	if (s == VIRTIO_BLK_S_OK)
		return BLK_STS_OK;
	return s == VIRTIO_BLK_S_UNSUPP ? BLK_STS_NOTSUPP : BLK_STS_IOERR;
}

/* Interrupt: ends every used request, then lets the queue send more. */
static void virtblk_done(struct virtio_device *vdev)
{
	struct virtio_blk *vblk = vdev->priv;
	unsigned long flags;
	bool any = false;

	for (;;) {
		struct request *rq;

		spin_lock_irqsave(&vblk->lock, flags);
		rq = virtqueue_get_buf(vblk->vq, NULL);
		spin_unlock_irqrestore(&vblk->lock, flags);
		if (!rq)
			break;
		any = true;
		blk_mq_end_request(rq, virtblk_status(((struct virtblk_req *)rq->driver_data)->status));
	}
	if (any)
		blk_mq_run_queue(vblk->disk->queue);
}

/* The queue's limits from the features the device offered. */
static void virtblk_set_limits(struct virtio_blk *vblk, struct request_queue *q)
{
	struct virtio_device *vdev = &vblk->vdev;
	unsigned int segs = min_t(unsigned int, VIRTBLK_MAX_SEGS, vblk->vq->num - 2);

	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX)) {
		u32 v = vp_config_read32(vdev, VIRTIO_BLK_CFG_SEG_MAX);

		if (v)
			segs = min_t(unsigned int, segs, v);
	}
	q->max_segments = segs;
	q->max_sectors = min_t(unsigned int, 256, segs * (PAGE_SIZE >> SECTOR_SHIFT));
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX)) {
		u32 v = vp_config_read32(vdev, VIRTIO_BLK_CFG_SIZE_MAX);

		if (v && v < PAGE_SIZE)
			q->max_segments = 1;	/* one bio_vec may be a page: keep to one */
	}
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE)) {
		u32 v = vp_config_read32(vdev, VIRTIO_BLK_CFG_BLK_SIZE);

		if (v >= SECTOR_SIZE && v <= PAGE_SIZE && !(v & (v - 1)))
			q->logical_block_size = v;
	}
	q->write_cache = virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
	q->cmd_size = sizeof(struct virtblk_req);
}

static int virtblk_setup_disk(struct virtio_blk *vblk)
{
	unsigned int n = virtblk_nr_disks;
	struct request_queue *q = blk_alloc_queue(&virtblk_mq_ops);
	char name[8] = "vd";
	int err;

	if (!q)
		return -ENOMEM;
	virtblk_set_limits(vblk, q);
	name[2] = 'a' + n;
	name[3] = '\0';
	vblk->disk = blk_alloc_disk(q, name, VIRTBLK_MAJOR, n * DISK_MAX_PARTS);
	if (!vblk->disk) {
		blk_free_queue(q);
		return -ENOMEM;
	}
	vblk->disk->private_data = vblk;
	if (virtio_has_feature(&vblk->vdev, VIRTIO_BLK_F_RO))
		vblk->disk->part0->bd_read_only = true;
	vp_set_status(&vblk->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
				   VIRTIO_CONFIG_S_DRIVER_OK);
	err = add_disk(vblk->disk, vp_config_read64(&vblk->vdev, VIRTIO_BLK_CFG_CAPACITY));
	if (err) {
		put_disk_unregistered(vblk->disk);
		blk_free_queue(q);
		return err;
	}
	virtblk_nr_disks++;
	return 0;
}

static int virtblk_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct virtio_blk *vblk;
	int err;

	if (virtblk_nr_disks == VIRTBLK_MAX_DISKS)
		return -ENOSPC;
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	spin_lock_init(&vblk->lock);
	vblk->vdev.priv = vblk;
	vblk->vdev.vq_callback = virtblk_done;
	err = vp_legacy_probe(&vblk->vdev, pci);
	if (err)
		goto out_free;
	vp_finalize_features(&vblk->vdev, 1u << VIRTIO_BLK_F_SIZE_MAX | 1u << VIRTIO_BLK_F_SEG_MAX |
				     1u << VIRTIO_BLK_F_RO | 1u << VIRTIO_BLK_F_BLK_SIZE |
				     1u << VIRTIO_BLK_F_FLUSH);
	err = -ENOMEM;
	vblk->vq = vp_setup_vq(&vblk->vdev, 0, 0);
	if (!vblk->vq || vblk->vq->num < 4)
		goto out_reset;
	err = vp_request_irq(&vblk->vdev);
	if (err)
		goto out_del_vq;
	err = virtblk_setup_disk(vblk);
	if (err)
		goto out_reset_irq;	/* the line stays claimed: the handler ignores a reset device */
	pci->driver_data = vblk;
	return 0;

out_reset_irq:
	vblk->vdev.vq_callback = NULL;
out_del_vq:
	vp_reset(&vblk->vdev);
	vp_del_vq(vblk->vq);
	goto out_fail;
out_reset:
	if (vblk->vq)
		vp_del_vq(vblk->vq);
out_fail:
	vp_set_status(&vblk->vdev, VIRTIO_CONFIG_S_FAILED);
	return err;		/* vblk stays: the interrupt table may point at it */
out_free:
	kfree(vblk);
	return err;
}

static const struct pci_device_id virtblk_ids[] = {
	{ VIRTIO_PCI_VENDOR_ID, VIRTIO_ID_BLOCK_LEGACY },
	{ 0, 0 },
};

static struct pci_driver virtblk_driver = {
	.name = "virtio-pci",
	.id_table = virtblk_ids,
	.probe = virtblk_probe,
};

void virtio_blk_init(void);
void virtio_blk_init(void)
{
	pci_register_driver(&virtblk_driver);
}
