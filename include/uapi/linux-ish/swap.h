/*
 * swapon(2)'s flags (linux/swap.h) and the layout of a swap area's first
 * page as mkswap writes it (SWAPSPACE2, version 1), for 4 KiB pages.
 */
#ifndef _UAPI_LINUX_ISH_SWAP_H
#define _UAPI_LINUX_ISH_SWAP_H

#define SWAP_FLAG_PREFER	0x8000	/* the priority below is set */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_PRIO_SHIFT	0
#define SWAP_FLAG_DISCARD	0x10000	/* discard (Linnet: accepted, nothing to discard) */
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000

/* Byte offsets in the header page (union swap_header, 4096 bytes). */
#define SWAP_HDR_VERSION	1024	/* __u32, 1 */
#define SWAP_HDR_LAST_PAGE	1028	/* __u32: the last usable page */
#define SWAP_HDR_NR_BADPAGES	1032	/* __u32 */
#define SWAP_HDR_UUID		1036	/* 16 bytes */
#define SWAP_HDR_LABEL		1052	/* 16 bytes */
#define SWAP_HDR_BADPAGES	1536	/* __u32[nr_badpages]: page numbers */
#define SWAP_HDR_MAGIC		(4096 - 10)	/* "SWAPSPACE2" */
#define SWAP_HDR_MAX_BADPAGES	((SWAP_HDR_MAGIC - SWAP_HDR_BADPAGES) / 4)

#endif
