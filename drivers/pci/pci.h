/* drivers/pci internals: the device list the scan fills. */
#ifndef _DRIVERS_PCI_PCI_H
#define _DRIVERS_PCI_PCI_H

#include <linux-ish/list.h>

extern struct list_head pci_devices;	/* written only by pci_scan_all() at boot */
void pci_scan_all(void);

#endif
