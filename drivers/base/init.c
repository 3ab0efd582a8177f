/* Device drivers at boot: the buses, then the drivers that bind to them. */
#include <linux-ish/kernel.h>
#include <linux-ish/device.h>
#include <linux-ish/pci.h>

void virtio_blk_init(void);
void loop_init(void);

/* pid 1, before the boot-time tests: probing may sleep on I/O. */
void driver_init(void)
{
	pci_init();
	virtio_blk_init();
	loop_init();
}
