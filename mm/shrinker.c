/*
 * The shrinker list: caches that can give objects back (the dcache's
 * unused dentries with their inodes, fs/dcache_lru.c).  shrinker_mutex
 * covers the list; it is held across the callbacks, so a shrinker may
 * sleep but must not (un)register one.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mutex.h>
#include <linux-ish/shrinker.h>

static LIST_HEAD(shrinker_list);
static DEFINE_MUTEX(shrinker_mutex);

#define SHRINK_BATCH	128	/* objects per scan_objects call, as Linux's default */

int register_shrinker(struct shrinker *s, const char *name)
{
	s->name = name;
	if (!s->seeks)
		s->seeks = DEFAULT_SEEKS;
	mutex_lock(&shrinker_mutex);
	list_add_tail(&s->list, &shrinker_list);
	mutex_unlock(&shrinker_mutex);
	return 0;
}

void unregister_shrinker(struct shrinker *s)
{
	mutex_lock(&shrinker_mutex);
	list_del_init(&s->list);
	mutex_unlock(&shrinker_mutex);
}

/* How many of @freeable objects a pass that scanned @scanned of @eligible pages asks for. */
static unsigned long shrink_target(const struct shrinker *s, unsigned long freeable,
				   unsigned long scanned, unsigned long eligible)
{
	u64 delta;

	if (!eligible)
		return freeable;		/* drop_caches: everything */
	delta = (u64)freeable * 4 * scanned / s->seeks / eligible;
	if (!delta)
		delta = 1;
	return delta < freeable ? (unsigned long)delta : freeable;
}

/* Scans @s in batches for @target objects; returns how many it freed. */
static unsigned long do_shrink_slab(struct shrinker *s, gfp_t gfp, unsigned long target)
{
	unsigned long freed = 0;

	while (target) {
		struct shrink_control sc = { .gfp_mask = gfp, .nr_to_scan = SHRINK_BATCH };
		unsigned long got;

		if (target < SHRINK_BATCH)
			sc.nr_to_scan = target;
		got = s->scan_objects(s, &sc);

		if (got == SHRINK_STOP)
			break;
		freed += got;
		target -= sc.nr_to_scan;
		if (!got && !sc.nr_scanned)
			break;			/* nothing left to look at */
	}
	return freed;
}

unsigned long shrink_slab(gfp_t gfp, unsigned long nr_scanned, unsigned long nr_eligible)
{
	unsigned long freed = 0;
	struct shrinker *s;

	mutex_lock(&shrinker_mutex);
	list_for_each_entry(s, &shrinker_list, list) {
		struct shrink_control sc = { .gfp_mask = gfp };
		unsigned long freeable = s->count_objects(s, &sc);

		if (freeable)
			freed += do_shrink_slab(s, gfp, shrink_target(s, freeable, nr_scanned,
								      nr_eligible));
	}
	mutex_unlock(&shrinker_mutex);
	return freed;
}
