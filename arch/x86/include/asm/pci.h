/* PCI configuration space access: mechanism #1 (ports 0xCF8/0xCFC). */
#ifndef _ASM_X86_PCI_H
#define _ASM_X86_PCI_H

#include <linux-ish/types.h>

/*
 * One configuration register of bus/devfn at @reg (aligned to @size,
 * 1, 2 or 4 bytes).  IRQ-safe: the address/data pair is written and read
 * with interrupts off.
 */
u32 pci_conf1_read(unsigned int bus, unsigned int devfn, unsigned int reg, int size);
void pci_conf1_write(unsigned int bus, unsigned int devfn, unsigned int reg, int size, u32 val);
/* Whether the host bridge answers mechanism #1 at all. */
bool pci_conf1_probe(void);

#endif
