/*
 * Split virtqueues: a descriptor table, an available ring the driver
 * fills and a used ring the device fills, laid out in physically
 * contiguous pages (one kmalloc block) as the legacy interface wants (used ring on the next
 * 4 KiB boundary).  Free descriptors are chained through ->next.  The
 * caller serialises every call on a queue (see linux-ish/virtio.h).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/virtio.h>
#include <asm/barrier.h>

static size_t vring_used_offset(unsigned int num)
{
	size_t avail_end = num * sizeof(struct vring_desc) + sizeof(u16) * (3 + num);

	return ALIGN(avail_end, VIRTIO_PCI_VRING_ALIGN);
}

static size_t vring_size(unsigned int num)
{
	return vring_used_offset(num) + sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;
}

struct virtqueue *vring_create(struct virtio_device *vdev, unsigned int index,
			       unsigned int num)
{
	struct virtqueue *vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	unsigned int order = 0;
	char *base;

	if (!vq)
		return NULL;
	while ((PAGE_SIZE << order) < vring_size(num))
		order++;
	vq->tokens = kzalloc(num * sizeof(void *), GFP_KERNEL);
	/* kmalloc: page-aligned at this size, and counted as kernel memory */
	base = kzalloc(PAGE_SIZE << order, GFP_KERNEL);
	if (!vq->tokens || !base || ((unsigned long)base & (VIRTIO_PCI_VRING_ALIGN - 1)))
		goto out_free;
	vq->pages = virt_to_page(base);
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->order = order;
	vq->desc = (struct vring_desc *)base;
	vq->avail = (struct vring_avail *)(base + num * sizeof(struct vring_desc));
	vq->used = (struct vring_used *)(base + vring_used_offset(num));
	for (unsigned int i = 0; i + 1 < num; i++)
		vq->desc[i].next = i + 1;
	vq->num_free = num;
	vq->free_head = 0;
	return vq;

out_free:
	kfree(base);
	kfree(vq->tokens);
	kfree(vq);
	return NULL;
}

void vring_free(struct virtqueue *vq)
{
	kfree(page_address(vq->pages));
	kfree(vq->tokens);
	kfree(vq);
}

int virtqueue_add(struct virtqueue *vq, const struct vring_seg *segs, unsigned int n,
		  void *token)
{
	u16 head = vq->free_head, i = head, prev = head;

	if (!n || n > vq->num_free)
		return -ENOSPC;
	for (unsigned int k = 0; k < n; k++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = segs[k].addr;
		d->len = segs[k].len;
		d->flags = (segs[k].device_writes ? VRING_DESC_F_WRITE : 0) |
			   (k + 1 < n ? VRING_DESC_F_NEXT : 0);
		prev = i;
		i = d->next;
	}
	vq->free_head = vq->desc[prev].next;
	vq->num_free -= n;
	vq->tokens[head] = token;
	vq->avail->ring[vq->avail->idx & (vq->num - 1)] = head;
	wmb();				/* the entry before the index */
	vq->avail->idx++;
	return 0;
}

void virtqueue_kick(struct virtqueue *vq)
{
	mb();				/* the index before reading the device's flags */
	if (!(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY))
		vp_notify(vq);
}

/* Returns the chain from @head to the free list. */
static void vring_detach(struct virtqueue *vq, u16 head)
{
	u16 i = head;

	vq->num_free++;
	while (vq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vq->desc[i].next;
		vq->num_free++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	struct vring_used_elem *e;
	void *token;

	if (vq->last_used == READ_ONCE(vq->used->idx))
		return NULL;
	rmb();				/* the index before the entry */
	e = &vq->used->ring[vq->last_used & (vq->num - 1)];
	if (e->id >= vq->num || !vq->tokens[e->id]) {
		pr_err("virtio: used ring entry %u is not a buffer in flight\n", e->id);
		vq->last_used++;
		return NULL;
	}
	token = vq->tokens[e->id];
	vq->tokens[e->id] = NULL;
	if (len)
		*len = e->len;
	vring_detach(vq, e->id);
	vq->last_used++;
	return token;
}
