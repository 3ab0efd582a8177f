/*
 * Page size and the 3G/1G split.  Kernel virtual address = physical + PAGE_OFFSET
 * for all directly mapped ("low") memory; __pa()/__va() convert.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#define PAGE_SHIFT	12
#ifdef __ASSEMBLY__
#define PAGE_SIZE	(1 << PAGE_SHIFT)
#else
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#endif
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define __PAGE_OFFSET	0xC0000000
#define THREAD_SIZE	8192		/* kernel stack per task */

/* Highest physical address the direct map covers: 896 MiB, as on Linux. */
#define MAXMEM		0x38000000

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>

#define PAGE_OFFSET	((unsigned long)__PAGE_OFFSET)
#define TASK_SIZE	PAGE_OFFSET

#define __pa(x)		((phys_addr_t)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif

#endif
