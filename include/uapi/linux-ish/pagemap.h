/*
 * /proc/<pid>/pagemap: one 64-bit entry per virtual page, at offset
 * (address / page size) * PM_ENTRY_BYTES.  Linux documents these bits
 * (admin-guide/mm/pagemap) but keeps them out of its uapi headers;
 * Linnet puts them here so that the kernel and the tests share them.
 */
#ifndef _UAPI_LINUX_ISH_PAGEMAP_H
#define _UAPI_LINUX_ISH_PAGEMAP_H

#define PM_ENTRY_BYTES		8
#define PM_PFN_MASK		((1ULL << 55) - 1)	/* the page frame, when present */
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)		/* mapped by this process only */
#define PM_FILE			(1ULL << 61)		/* file page or shared anonymous */
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)

#endif
