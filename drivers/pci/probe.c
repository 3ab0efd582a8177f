/*
 * PCI enumeration: every function on bus 0 and on the buses behind
 * PCI-to-PCI bridges (their secondary bus numbers as the firmware set
 * them), each with its BARs sized and its interrupt line.  The list is
 * built once at boot (pid 1, before any driver binds) and never changes,
 * so readers need no lock.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/pci.h>
#include <linux-ish/slab.h>
#include <asm/pci.h>
#include "pci.h"

LIST_HEAD(pci_devices);

u8 pci_read_config_byte(const struct pci_dev *d, unsigned int reg)
{
	return pci_conf1_read(d->bus, d->devfn, reg, 1);
}

u16 pci_read_config_word(const struct pci_dev *d, unsigned int reg)
{
	return pci_conf1_read(d->bus, d->devfn, reg, 2);
}

u32 pci_read_config_dword(const struct pci_dev *d, unsigned int reg)
{
	return pci_conf1_read(d->bus, d->devfn, reg, 4);
}

void pci_write_config_word(const struct pci_dev *d, unsigned int reg, u16 v)
{
	pci_conf1_write(d->bus, d->devfn, reg, 2, v);
}

void pci_set_master(struct pci_dev *d)
{
	u16 cmd = pci_read_config_word(d, PCI_COMMAND);

	pci_write_config_word(d, PCI_COMMAND,
			      cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

/*
 * Sizes BAR @i by writing all ones and reading the mask back (decoding
 * off meanwhile).  Returns how many BAR slots it used: 2 for a 64-bit
 * memory BAR, else 1.
 */
static int pci_read_bar(struct pci_dev *d, int i)
{
	unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * i;
	u16 cmd = pci_read_config_word(d, PCI_COMMAND);
	u32 bar = pci_read_config_dword(d, reg), mask, size;
	struct resource *r = &d->resource[i];

	pci_write_config_word(d, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	pci_conf1_write(d->bus, d->devfn, reg, 4, 0xffffffff);
	mask = pci_read_config_dword(d, reg);
	pci_conf1_write(d->bus, d->devfn, reg, 4, bar);
	pci_write_config_word(d, PCI_COMMAND, cmd);
	if (!mask || mask == 0xffffffff)
		return 1;
	if (bar & PCI_BASE_ADDRESS_SPACE_IO) {
		size = ~(mask & ~3u) & 0xffff;
		r->start = bar & ~3u;
		r->flags = IORESOURCE_IO | (bar & 3);
	} else {
		size = ~(mask & ~0xfu);
		r->start = bar & ~0xfu;
		r->flags = IORESOURCE_MEM | (bar & 0xf);
	}
	r->end = r->start + size;
	if (!(bar & PCI_BASE_ADDRESS_SPACE_IO) && (bar & PCI_BASE_ADDRESS_MEM_TYPE_64)) {
		r->flags |= IORESOURCE_MEM_64;	/* upper half above 4 GiB: not usable */
		return 2;
	}
	return 1;
}

static struct pci_dev *pci_scan_function(unsigned int bus, unsigned int devfn)
{
	struct pci_dev *d = kzalloc(sizeof(*d), GFP_KERNEL);
	u32 class;

	if (!d)
		return NULL;
	d->bus = bus;
	d->devfn = devfn;
	d->vendor = pci_read_config_word(d, PCI_VENDOR_ID);
	d->device = pci_read_config_word(d, PCI_DEVICE_ID);
	class = pci_read_config_dword(d, PCI_CLASS_REVISION);
	d->class = class >> 8;
	d->revision = class & 0xff;
	d->hdr_type = pci_read_config_byte(d, PCI_HEADER_TYPE) & 0x7f;
	d->pin = pci_read_config_byte(d, PCI_INTERRUPT_PIN);
	if (d->pin)
		d->irq = pci_read_config_byte(d, PCI_INTERRUPT_LINE);
	if (d->irq >= 16)
		d->irq = 0;			/* 0xff: not routed */
	if (d->hdr_type == 0) {
		d->subsystem_vendor = pci_read_config_word(d, PCI_SUBSYSTEM_VENDOR_ID);
		d->subsystem_device = pci_read_config_word(d, PCI_SUBSYSTEM_ID);
		for (int i = 0; i < PCI_NUM_RESOURCES; )
			i += pci_read_bar(d, i);
	} else if (d->hdr_type == 1) {
		for (int i = 0; i < 2; )
			i += pci_read_bar(d, i);
	}
	list_add_tail(&d->node, &pci_devices);
	return d;
}

/* Every function of bus @bus; recurses (bounded by @depth) into bridges. */
static void pci_scan_bus(unsigned int bus, int depth)
{
	for (unsigned int slot = 0; slot < 32; slot++) {
		for (unsigned int fn = 0; fn < 8; fn++) {
			unsigned int devfn = PCI_DEVFN(slot, fn);
			struct pci_dev *d;
			u8 hdr;

			if ((u16)pci_conf1_read(bus, devfn, PCI_VENDOR_ID, 2) == 0xffff) {
				if (fn == 0)
					break;
				continue;
			}
			hdr = pci_conf1_read(bus, devfn, PCI_HEADER_TYPE, 1);
			d = pci_scan_function(bus, devfn);
			if (d && d->hdr_type == 1 && depth < 8) {
				unsigned int sec = pci_conf1_read(bus, devfn, PCI_SECONDARY_BUS, 1);

				if (sec > bus)
					pci_scan_bus(sec, depth + 1);
			}
			if (fn == 0 && !(hdr & 0x80))
				break;		/* not multi-function */
		}
	}
}

void pci_scan_all(void)
{
	struct pci_dev *d;

	if (!pci_conf1_probe()) {
		pr_info("PCI: no configuration mechanism #1\n");
		return;
	}
	pci_scan_bus(0, 0);
	list_for_each_entry(d, &pci_devices, node)
		pr_info("pci %04x:%02x:%02x.%d: [%04x:%04x] class %06x irq %u\n", 0, d->bus,
			PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), d->vendor, d->device,
			d->class, d->irq);
}
