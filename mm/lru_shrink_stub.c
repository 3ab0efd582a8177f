/*
 * Placeholder for the LRU scan (issue 14 items 1-2, mm/lru*.c): until the
 * LRU lists exist, it frees nothing and looks at nothing, and reclaim
 * relies on its page-cache scan and the shrinkers (mm/vmscan.c).  The
 * LRU's own lru_shrink() replaces this file.
 */
#include <linux-ish/vmscan.h>

unsigned long lru_shrink(unsigned long nr_to_reclaim, gfp_t gfp, unsigned long *nr_scanned)
{
	return 0;
}
