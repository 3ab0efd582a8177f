/*
 * virtio: devices that share split virtqueues with the host (the virtio
 * 1.x specification, "legacy interface" over PCI: see Documentation/
 * block/virtio-blk.md for why legacy).
 *
 * A virtqueue carries buffers made of segments (physical address, length,
 * device-writable or not).  virtqueue_add() places one buffer with a
 * token; the device consumes it and returns it on the used ring, where
 * virtqueue_get_buf() finds the token again.  The caller serialises all
 * calls on one queue (its own lock, IRQ-safe: completion runs in the
 * interrupt handler).
 */
#ifndef _LINUX_ISH_VIRTIO_H
#define _LINUX_ISH_VIRTIO_H

#include <linux-ish/types.h>

struct pci_dev;
struct page;

/* Device status bits. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1
#define VIRTIO_CONFIG_S_DRIVER		2
#define VIRTIO_CONFIG_S_DRIVER_OK	4
#define VIRTIO_CONFIG_S_FAILED		0x80

#define VIRTIO_PCI_VENDOR_ID		0x1af4

/* Split virtqueue layout (virtio 1.x, 2.6). */
#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VRING_AVAIL_F_NO_INTERRUPT	1
#define VRING_USED_F_NO_NOTIFY		1
#define VIRTIO_PCI_VRING_ALIGN	4096

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];
};

struct vring_used_elem {
	u32 id;
	u32 len;
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

struct virtio_device;

struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index;		/* queue number on the device */
	unsigned int num;		/* ring size (a power of two) */
	unsigned int num_free;		/* free descriptors */
	u16 free_head;			/* chain of free descriptors via next */
	u16 last_used;			/* next used->ring entry to read */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void **tokens;			/* per head descriptor */
	struct page *pages;		/* the ring's memory */
	unsigned int order;
};

struct virtio_device {
	struct pci_dev *pci;
	u16 ioaddr;			/* legacy I/O BAR0 */
	u32 features;			/* negotiated */
	unsigned int irq;
	void *priv;			/* the driver's */
	/* Called from the interrupt handler when a used buffer may be ready. */
	void (*vq_callback)(struct virtio_device *vdev);
};

/* One segment of a buffer. */
struct vring_seg {
	phys_addr_t addr;
	u32 len;
	bool device_writes;
};

/* drivers/virtio/virtio_ring.c */
struct virtqueue *vring_create(struct virtio_device *vdev, unsigned int index,
			       unsigned int num);
void vring_free(struct virtqueue *vq);
/* Chains @n segments as one buffer: 0, or -ENOSPC when the ring is too full. */
int virtqueue_add(struct virtqueue *vq, const struct vring_seg *segs, unsigned int n,
		  void *token);
/* Publishes what virtqueue_add() placed; notifies the device if it wants it. */
void virtqueue_kick(struct virtqueue *vq);
/* The token of the next used buffer (and its written length), or NULL. */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

/* drivers/virtio/virtio_pci_legacy.c: the transport */
int vp_legacy_probe(struct virtio_device *vdev, struct pci_dev *pci);
u32 vp_get_features(struct virtio_device *vdev);
/* Writes the driver's subset (of what the device offers). */
void vp_finalize_features(struct virtio_device *vdev, u32 features);
u8 vp_config_read8(struct virtio_device *vdev, unsigned int off);
u32 vp_config_read32(struct virtio_device *vdev, unsigned int off);
u64 vp_config_read64(struct virtio_device *vdev, unsigned int off);
void vp_set_status(struct virtio_device *vdev, u8 status);
void vp_reset(struct virtio_device *vdev);
/* Sets up queue @index with the device's size (at most @max); NULL on failure. */
struct virtqueue *vp_setup_vq(struct virtio_device *vdev, unsigned int index, unsigned int max);
void vp_del_vq(struct virtqueue *vq);
void vp_notify(struct virtqueue *vq);
/* Claims the device's (shared) interrupt line for vdev->vq_callback. */
int vp_request_irq(struct virtio_device *vdev);

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return vdev->features & (1u << bit);
}

#endif
