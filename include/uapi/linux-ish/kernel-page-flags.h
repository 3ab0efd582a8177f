/*
 * /proc/kpageflags: one 64-bit word per page frame, these bit numbers
 * (test with 1ULL << KPF_...).  Bits Linnet never sets are not listed.
 */
#ifndef _UAPI_LINUX_ISH_KERNEL_PAGE_FLAGS_H
#define _UAPI_LINUX_ISH_KERNEL_PAGE_FLAGS_H

#define KPF_LOCKED		0
#define KPF_REFERENCED		2
#define KPF_UPTODATE		3
#define KPF_DIRTY		4
#define KPF_LRU			5
#define KPF_ACTIVE		6
#define KPF_SLAB		7
#define KPF_BUDDY		10
#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_SWAPCACHE		13
#define KPF_SWAPBACKED		14
#define KPF_COMPOUND_HEAD	15
#define KPF_UNEVICTABLE		18
#define KPF_ZERO_PAGE		24
#define KPF_RESERVED		32
#define KPF_MLOCKED		33
#define KPF_OWNER_PRIVATE	37	/* Linux: PG_owner_priv_1, set with SWAPCACHE */

#endif
