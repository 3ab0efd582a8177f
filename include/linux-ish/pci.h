/*
 * PCI: the devices found on the buses at boot and a tiny driver model.
 *
 * pci_init() walks bus 0 (and every bus behind a PCI-to-PCI bridge)
 * through configuration mechanism #1, records each function with its
 * decoded BARs and interrupt line, then offers each device to the
 * registered drivers: the first whose id table matches gets probe().
 * Devices are never removed (no hot-plug).
 */
#ifndef _LINUX_ISH_PCI_H
#define _LINUX_ISH_PCI_H

#include <linux-ish/types.h>
#include <linux-ish/list.h>

#define PCI_ANY_ID		0xffffffffu
#define PCI_NUM_RESOURCES	6

/* Configuration header registers (type 0 unless said). */
#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x1
#define  PCI_COMMAND_MEMORY	0x2
#define  PCI_COMMAND_MASTER	0x4
#define PCI_CLASS_REVISION	0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BASE_ADDRESS_0	0x10
#define PCI_SECONDARY_BUS	0x19	/* type 1 (bridge) */
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_BASE_ADDRESS_SPACE_IO	0x1
#define PCI_BASE_ADDRESS_MEM_TYPE_64	0x4

#define PCI_DEVFN(slot, fn)	((((slot) & 0x1f) << 3) | ((fn) & 0x7))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x7)

#define IORESOURCE_IO		0x100
#define IORESOURCE_MEM		0x200
#define IORESOURCE_MEM_64	0x400

struct resource {
	u32 start, end;		/* end inclusive; 0/0 when the BAR is unused */
	unsigned long flags;	/* IORESOURCE_* | the BAR's low 4 bits */
};

struct pci_driver;

struct pci_dev {
	struct list_head node;		/* pci_devices, in bus order */
	unsigned int bus, devfn;
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u32 class;			/* class << 8 | prog-if (Linux's) */
	u8 revision, hdr_type, pin;
	unsigned int irq;		/* the interrupt line BIOS routed; 0 none */
	struct resource resource[PCI_NUM_RESOURCES];
	struct pci_driver *driver;	/* bound driver or NULL */
	void *driver_data;
};

struct pci_device_id {
	u32 vendor, device;		/* PCI_ANY_ID matches any */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;	/* ends with a zero vendor */
	/* Takes the device: 0, or -errno to leave it unbound. */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	struct pci_driver *next;
};

static inline u32 pci_resource_start(const struct pci_dev *d, int bar)
{
	return d->resource[bar].start;
}

static inline u32 pci_resource_len(const struct pci_dev *d, int bar)
{
	const struct resource *r = &d->resource[bar];

	return r->end ? r->end - r->start + 1 : 0;
}

u8 pci_read_config_byte(const struct pci_dev *d, unsigned int reg);
u16 pci_read_config_word(const struct pci_dev *d, unsigned int reg);
u32 pci_read_config_dword(const struct pci_dev *d, unsigned int reg);
void pci_write_config_word(const struct pci_dev *d, unsigned int reg, u16 v);
/* Sets bus mastering (DMA) and I/O and memory decoding. */
void pci_set_master(struct pci_dev *d);
/* Binds @drv to every matching unbound device now and at later scans. 0. */
int pci_register_driver(struct pci_driver *drv);
/* Boot (pid 1, may sleep): scan the buses, probe the drivers. */
void pci_init(void);
struct seq_buf;
/* /proc/bus/pci/devices: Linux's format, one line a function. */
void pci_proc_devices_show(struct seq_buf *m);

#endif
