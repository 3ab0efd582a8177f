/*
 * Allocation flags.  Linnet has one memory zone (all direct-mapped low
 * memory).  The flags say how a failure is treated, whether memory is
 * zeroed, and which part of the free memory an allocation may take
 * (Documentation/mm/reclaim.md, "Watermarks"): the allocator itself
 * never sleeps, whatever the flags.
 */
#ifndef _LINUX_ISH_GFP_H
#define _LINUX_ISH_GFP_H

#include <linux-ish/types.h>

#define __GFP_ZERO	0x01u	/* return zeroed memory */
#define __GFP_NOWARN	0x02u	/* no "allocation failure" message */
#define __GFP_NOFAIL	0x04u	/* never injected; real exhaustion still fails */
#define __GFP_RECLAIM	0x08u	/* may sleep: kept above the min watermark, direct reclaim */
#define __GFP_MEMALLOC	0x10u	/* every free page: no watermark, no reclaim, no OOM killer */

#define GFP_KERNEL	(__GFP_RECLAIM)
#define GFP_ATOMIC	0u
#define GFP_NOWAIT	0u

#endif
