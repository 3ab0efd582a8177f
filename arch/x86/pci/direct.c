/*
 * PCI configuration mechanism #1: write the enable bit, bus, device,
 * function and dword-aligned register to CONFIG_ADDRESS (0xCF8), then
 * access CONFIG_DATA (0xCFC + byte offset).  The pair is one critical
 * section: interrupts stay off between the two port accesses.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/spinlock.h>
#include <asm/io.h>
#include <asm/pci.h>

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONF1_ENABLE	0x80000000u

static DEFINE_SPINLOCK(pci_config_lock);

static u32 conf1_address(unsigned int bus, unsigned int devfn, unsigned int reg)
{
	return PCI_CONF1_ENABLE | (bus << 16) | (devfn << 8) | (reg & 0xfc);
}

u32 pci_conf1_read(unsigned int bus, unsigned int devfn, unsigned int reg, int size)
{
	u16 port = PCI_CONFIG_DATA + (reg & 3);
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, reg), PCI_CONFIG_ADDRESS);
	if (size == 1)
		v = inb(port);
	else if (size == 2)
		v = inw(port);
	else
		v = inl(port);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return v;
}

void pci_conf1_write(unsigned int bus, unsigned int devfn, unsigned int reg, int size, u32 val)
{
	u16 port = PCI_CONFIG_DATA + (reg & 3);
	unsigned long flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(conf1_address(bus, devfn, reg), PCI_CONFIG_ADDRESS);
	if (size == 1)
		outb(val, port);
	else if (size == 2)
		outw(val, port);
	else
		outl(val, port);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}

/* The enable bit reads back only where mechanism #1 exists. */
bool pci_conf1_probe(void)
{
	unsigned long flags;
	u32 old, back;

	spin_lock_irqsave(&pci_config_lock, flags);
	old = inl(PCI_CONFIG_ADDRESS);
	outl(PCI_CONF1_ENABLE, PCI_CONFIG_ADDRESS);
	back = inl(PCI_CONFIG_ADDRESS);
	outl(old, PCI_CONFIG_ADDRESS);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return back == PCI_CONF1_ENABLE;
}
