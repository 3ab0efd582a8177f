/*
 * memblock: the boot-time view of physical memory, before the coremap
 * exists.  setup_arch() adds the RAM ranges from the Multiboot map and
 * reserves what is in use (kernel image, modules, BIOS areas); the coremap
 * itself is carved out with memblock_alloc(); mem_init() then hands every
 * unreserved page to the buddy allocator.  All ranges are page aligned.
 */
#ifndef _LINUX_ISH_MEMBLOCK_H
#define _LINUX_ISH_MEMBLOCK_H

#include <linux-ish/types.h>

#define MEMBLOCK_MAX_REGIONS	64

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	phys_addr_t limit;		/* mem=: nothing above this is added */
};

extern struct memblock memblock;

void memblock_add(phys_addr_t base, phys_addr_t size);
void memblock_reserve(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
/* Returns a reserved, zeroed, direct-mapped range, or 0 if none fits. */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);
void memblock_dump(void);

#endif
