/* The user address-space layout, and the mmap() flags the kernel accepts. */
#ifndef _LINUX_ISH_MMAN_H
#define _LINUX_ISH_MMAN_H

#include <uapi/linux-ish/mman.h>

/* The flags mmap() knows; any other bit is refused with EINVAL. */
#define MAP_KNOWN_FLAGS		(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | \
				 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED | \
				 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
				 MAP_STACK | MAP_HUGETLB | MAP_FIXED_NOREPLACE | MAP_32BIT)

#define TASK_UNMAPPED_BASE	0x40000000UL	/* mmap() searches upward from here */
#define STACK_TOP		0xC0000000UL
#define STACK_RLIMIT_DEFAULT	(8UL << 20)	/* also the gap left for the stack */

/*
 * stack_guard_gap (mm/mmap.c, boot parameter, in pages there): what stays
 * free below a VM_GROWSDOWN VMA, Linux's 256 pages by default.
 */
extern unsigned long stack_guard_gap;

#endif
