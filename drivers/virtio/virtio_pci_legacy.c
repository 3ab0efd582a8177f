/*
 * The virtio legacy PCI transport (virtio 1.x, 4.1.4.8): registers in
 * I/O BAR0, 32 feature bits, queue addresses as 4 KiB page numbers, the
 * device's configuration at offset 20 (no MSI-X).  QEMU's default
 * virtio-blk-pci is transitional and offers this interface.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/mm.h>
#include <linux-ish/pci.h>
#include <linux-ish/virtio.h>
#include <asm/io.h>
#include <asm/irq.h>

#define VIRTIO_PCI_HOST_FEATURES	0x00
#define VIRTIO_PCI_GUEST_FEATURES	0x04
#define VIRTIO_PCI_QUEUE_PFN		0x08
#define VIRTIO_PCI_QUEUE_NUM		0x0c
#define VIRTIO_PCI_QUEUE_SEL		0x0e
#define VIRTIO_PCI_QUEUE_NOTIFY		0x10
#define VIRTIO_PCI_STATUS		0x12
#define VIRTIO_PCI_ISR			0x13
#define VIRTIO_PCI_CONFIG		0x14
#define VIRTIO_PCI_ISR_QUEUE		0x1

#define VP_MAX_DEVICES	16

/* Devices by interrupt line, for the shared handler; filled at boot. */
static struct virtio_device *vp_devices[VP_MAX_DEVICES];
static unsigned int vp_nr_devices;

int vp_legacy_probe(struct virtio_device *vdev, struct pci_dev *pci)
{
	if (!(pci->resource[0].flags & IORESOURCE_IO) || pci_resource_len(pci, 0) < 0x18)
		return -ENODEV;
	vdev->pci = pci;
	vdev->ioaddr = pci_resource_start(pci, 0);
	vdev->irq = pci->irq;
	pci_set_master(pci);
	vp_reset(vdev);
	vp_set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vp_set_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	return 0;
}

void vp_reset(struct virtio_device *vdev)
{
	outb(0, vdev->ioaddr + VIRTIO_PCI_STATUS);
	(void)inb(vdev->ioaddr + VIRTIO_PCI_STATUS);	/* the reset is done once read */
}

void vp_set_status(struct virtio_device *vdev, u8 status)
{
	outb(status, vdev->ioaddr + VIRTIO_PCI_STATUS);
}

u32 vp_get_features(struct virtio_device *vdev)
{
	return inl(vdev->ioaddr + VIRTIO_PCI_HOST_FEATURES);
}

void vp_finalize_features(struct virtio_device *vdev, u32 features)
{
	vdev->features = features & vp_get_features(vdev);
	outl(vdev->features, vdev->ioaddr + VIRTIO_PCI_GUEST_FEATURES);
}

u8 vp_config_read8(struct virtio_device *vdev, unsigned int off)
{
	return inb(vdev->ioaddr + VIRTIO_PCI_CONFIG + off);
}

u32 vp_config_read32(struct virtio_device *vdev, unsigned int off)
{
	return inl(vdev->ioaddr + VIRTIO_PCI_CONFIG + off);
}

/* Two halves; the legacy interface has no generation counter to retry on. */
u64 vp_config_read64(struct virtio_device *vdev, unsigned int off)
{
	u32 lo = vp_config_read32(vdev, off), hi = vp_config_read32(vdev, off + 4);

	return (u64)hi << 32 | lo;
}

struct virtqueue *vp_setup_vq(struct virtio_device *vdev, unsigned int index, unsigned int max)
{
	struct virtqueue *vq;
	u16 num;

	outw(index, vdev->ioaddr + VIRTIO_PCI_QUEUE_SEL);
	num = inw(vdev->ioaddr + VIRTIO_PCI_QUEUE_NUM);
	if (!num || (num & (num - 1)) || inl(vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN))
		return NULL;		/* absent, odd, or already in use */
	vq = vring_create(vdev, index, num);
	if (!vq)
		return NULL;
	outl(page_to_pfn(vq->pages), vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN);
	return vq;
}

void vp_del_vq(struct virtqueue *vq)
{
	struct virtio_device *vdev = vq->vdev;

	outw(vq->index, vdev->ioaddr + VIRTIO_PCI_QUEUE_SEL);
	outl(0, vdev->ioaddr + VIRTIO_PCI_QUEUE_PFN);
	vring_free(vq);
}

void vp_notify(struct virtqueue *vq)
{
	outw(vq->index, vq->vdev->ioaddr + VIRTIO_PCI_QUEUE_NOTIFY);
}

/*
 * The line's handler: reading the ISR acknowledges (and lowers the
 * level-triggered line of) each device on it that interrupted.
 */
static void vp_interrupt(unsigned int irq, struct pt_regs *regs)
{
	for (unsigned int i = 0; i < vp_nr_devices; i++) {
		struct virtio_device *vdev = vp_devices[i];

		if (vdev->irq != irq)
			continue;
		if ((inb(vdev->ioaddr + VIRTIO_PCI_ISR) & VIRTIO_PCI_ISR_QUEUE) && vdev->vq_callback)
			vdev->vq_callback(vdev);
	}
}

int vp_request_irq(struct virtio_device *vdev)
{
	bool line_taken = false;
	int err = 0;

	if (!vdev->irq)
		return -ENODEV;
	if (vp_nr_devices == VP_MAX_DEVICES)
		return -ENOSPC;
	for (unsigned int i = 0; i < vp_nr_devices; i++)
		line_taken |= vp_devices[i]->irq == vdev->irq;
	vp_devices[vp_nr_devices++] = vdev;	/* before the line can fire */
	if (!line_taken)
		err = request_irq_shared(vdev->irq, vp_interrupt, "virtio-pci");
	if (err)
		vp_nr_devices--;
	return err;
}
