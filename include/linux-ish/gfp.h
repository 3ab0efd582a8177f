/*
 * Allocation flags.  Linnet has one memory zone (all direct-mapped low
 * memory) and never sleeps in the allocator yet, so the flags only say
 * how a failure is treated and whether memory is zeroed.
 */
#ifndef _LINUX_ISH_GFP_H
#define _LINUX_ISH_GFP_H

#include <linux-ish/types.h>

#define __GFP_ZERO	0x01u	/* return zeroed memory */
#define __GFP_NOWARN	0x02u	/* no "allocation failure" message */
#define __GFP_NOFAIL	0x04u	/* never injected; real exhaustion still fails */
#define __GFP_RECLAIM	0x08u	/* may sleep (meaningful once tasks exist) */

#define GFP_KERNEL	(__GFP_RECLAIM)
#define GFP_ATOMIC	0u
#define GFP_NOWAIT	0u

#endif
