/*
 * Shrinkers: caches that give memory back on request (mm/shrinker.c).
 * A cache registers count_objects (how many it could free now) and
 * scan_objects (free up to sc->nr_to_scan, return how many went, or
 * SHRINK_STOP).  Memory reclaim (mm/vmscan.c) and drop_caches call them
 * through shrink_slab(), from process context, never with a spinlock
 * held: a shrinker may sleep.
 */
#ifndef _LINUX_ISH_SHRINKER_H
#define _LINUX_ISH_SHRINKER_H

#include <linux-ish/gfp.h>
#include <linux-ish/list.h>

#define SHRINK_STOP	(~0UL)
#define DEFAULT_SEEKS	2	/* Linux's: a cached object costs about two seeks */

struct shrink_control {
	gfp_t gfp_mask;
	unsigned long nr_to_scan;	/* in: how many to look at */
	unsigned long nr_scanned;	/* out: how many were looked at */
};

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	int seeks;			/* cost to recreate an object; 0: DEFAULT_SEEKS */
	const char *name;
	struct list_head list;		/* on shrinker_list, under shrinker_mutex */
};

/* Adds @s to the list reclaim walks; 0 (the list is static: cannot fail). */
int register_shrinker(struct shrinker *s, const char *name);
void unregister_shrinker(struct shrinker *s);

/*
 * Asks every shrinker for a share of its objects: (objects * @nr_scanned
 * / @nr_eligible) / seeks * 4, as Linux's do_shrink_slab proportions them;
 * @nr_eligible 0 means "all of them" (drop_caches).  Returns the objects freed.
 */
unsigned long shrink_slab(gfp_t gfp, unsigned long nr_scanned, unsigned long nr_eligible);

#endif
