/* Build-time configuration: what Kconfig would generate. Included everywhere. */
#ifndef _LINUX_ISH_KCONFIG_H
#define _LINUX_ISH_KCONFIG_H

#define CONFIG_HZ		1000	/* timer interrupts per second (Documentation/scheduler/policies.md) */
#define CONFIG_DEBUG_VM		1	/* mm invariant checks (VM_BUG_ON, validate_mm) */
#define CONFIG_LOG_BUF_SHIFT	16	/* printk ring buffer: 64 KiB */
#define CONFIG_NR_KMALLOC_MIN	3	/* smallest kmalloc class: 1 << 3 bytes */

#endif
