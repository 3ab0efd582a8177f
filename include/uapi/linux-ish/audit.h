/* Audit architecture numbers (Linux's <linux/audit.h>): SIGSYS's si_arch, seccomp's arch. */
#ifndef _UAPI_LINUX_ISH_AUDIT_H
#define _UAPI_LINUX_ISH_AUDIT_H

#define __AUDIT_ARCH_LE		0x40000000
#define AUDIT_ARCH_I386		(3 | __AUDIT_ARCH_LE)	/* EM_386, little-endian */

#endif
