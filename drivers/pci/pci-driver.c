/*
 * The PCI driver model: drivers register an id table and a probe();
 * each unbound device is offered to them in registration order.  Both
 * happen in pid 1 at boot, so the driver list needs no lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/pci.h>
#include <linux-ish/proc_fs.h>
#include "pci.h"

static struct pci_driver *pci_drivers;
static bool pci_scanned;

static const struct pci_device_id *pci_match_id(const struct pci_device_id *id,
						const struct pci_dev *d)
{
	for (; id->vendor; id++)
		if ((id->vendor == PCI_ANY_ID || id->vendor == d->vendor) &&
		    (id->device == PCI_ANY_ID || id->device == d->device))
			return id;
	return NULL;
}

static void pci_bind(struct pci_driver *drv, struct pci_dev *d)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, d);
	int err;

	if (d->driver || !id)
		return;
	d->driver = drv;
	err = drv->probe(d, id);
	if (err) {
		d->driver = NULL;
		pr_warn("pci %02x:%02x.%d: %s probe failed (%d)\n", d->bus, PCI_SLOT(d->devfn),
			PCI_FUNC(d->devfn), drv->name, err);
	}
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_driver **p = &pci_drivers;
	struct pci_dev *d;

	while (*p)
		p = &(*p)->next;
	*p = drv;
	drv->next = NULL;
	if (pci_scanned)
		list_for_each_entry(d, &pci_devices, node)
			pci_bind(drv, d);
	return 0;
}

void pci_init(void)
{
	pci_scan_all();
	pci_scanned = true;
}

/*
 * Linux's /proc/bus/pci/devices: bus and devfn, vendor and device, irq,
 * the seven resource starts (with their flag bits) and lengths, and the
 * bound driver's name.
 */
void pci_proc_devices_show(struct seq_buf *m)
{
	struct pci_dev *d;

	list_for_each_entry(d, &pci_devices, node) {
		seq_printf(m, "%02x%02x\t%04x%04x\t%x", d->bus, d->devfn, d->vendor, d->device,
			   d->irq);
		for (int i = 0; i < 7; i++) {
			u32 start = i < PCI_NUM_RESOURCES ? d->resource[i].start : 0;
			unsigned long fl = i < PCI_NUM_RESOURCES ? d->resource[i].flags : 0;

			seq_printf(m, "\t%08x", start | (u32)(fl & 0xf));
		}
		for (int i = 0; i < 7; i++)
			seq_printf(m, "\t%08x", i < PCI_NUM_RESOURCES ? pci_resource_len(d, i) : 0);
		seq_printf(m, "\t%s\n", d->driver ? d->driver->name : "");
	}
}
