/*
 * The dcache's LRU of unused dentries and its shrinker.
 *
 * A DCACHE_RECLAIMABLE dentry (the answer of a cached lookup, a miss
 * too) that nobody but the tree references is "unused": dput() puts it
 * at the tail of dentry_lru.  A dentry taken again (dget after a
 * lookup) stays on the list until the shrinker meets it, which then
 * only takes it off; its next dput puts it back at the tail.  RAM-tree
 * dentries are never reclaimable: they are the directory itself.
 *
 * shrink_dcache_memory(nr) is what the dcache's shrinker (kswapd and
 * drop_caches, mm/vmscan.c) calls; an inode lives as long as its last
 * dentry or open file, so freeing unused dentries is also how the inode
 * cache shrinks.  Lookups keep the list at most d_hash_size() long
 * (d_lru_trim).  Locking: as fs/dcache.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fs.h>
#include <linux-ish/proc_fs.h>
#include <linux-ish/shrinker.h>
#include <linux-ish/sysctl.h>
#include "dcache_internal.h"

static LIST_HEAD(dentry_lru);

#define DCACHE_TRIM_BATCH	32	/* freed at once past the bound */

/* @d is unused: to the tail (most recently used end) of the LRU. */
void d_lru_add(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_LRU_LIST)) {
		d->d_flags |= DCACHE_LRU_LIST;
		dentry_stat.nr_unused++;
	}
	list_move_tail(&d->d_lru, &dentry_lru);
}

void d_lru_del(struct dentry *d)
{
	if (!(d->d_flags & DCACHE_LRU_LIST))
		return;
	d->d_flags &= ~DCACHE_LRU_LIST;
	dentry_stat.nr_unused--;
	list_del_init(&d->d_lru);
}

/*
 * Looks at up to @nr dentries from the cold end of the LRU and frees
 * those still unused (each drops its parent reference, which may make
 * the parent unused in turn: it joins the tail).  Returns how many
 * were freed.  The hook memory reclaim is to call.
 */
unsigned long shrink_dcache_memory(unsigned long nr)
{
	unsigned long freed = 0;

	while (nr-- && !list_empty(&dentry_lru)) {
		struct dentry *d = list_first_entry(&dentry_lru, struct dentry, d_lru);

		d_lru_del(d);
		if (atomic_read(&d->d_count) != 1)
			continue;		/* in use again */
		d_drop(d);
		d->d_unlinked = true;
		dput(d);			/* the tree's reference: frees it */
		freed++;
	}
	return freed;
}

static unsigned long dcache_count(struct shrinker *s, struct shrink_control *sc)
{
	return dentry_stat.nr_unused > 0 ? (unsigned long)dentry_stat.nr_unused : 0;
}

static unsigned long dcache_scan(struct shrinker *s, struct shrink_control *sc)
{
	sc->nr_scanned = min(sc->nr_to_scan, dcache_count(s, sc));
	return shrink_dcache_memory(sc->nr_to_scan);
}

/* Unused dentries, and with them the inodes only they held (Linux's super_cache_scan). */
static struct shrinker dcache_shrinker = {
	.count_objects = dcache_count,
	.scan_objects = dcache_scan,
};

void dcache_shrinker_register(void)
{
	register_shrinker(&dcache_shrinker, "sb-dcache-icache");
}

/* Keeps the unused dentries at most d_hash_size(): a load factor of one. */
void d_lru_trim(void)
{
	long over = dentry_stat.nr_unused - (long)d_hash_size();

	if (over > 0)
		shrink_dcache_memory(over + DCACHE_TRIM_BATCH);
}

/*
 * /proc/sys/fs/dentry-state as Linux 6.1 prints it: nr_dentry,
 * nr_unused, age_limit (45, unused by Linux too), want_pages (0),
 * nr_negative, and a spare 0, tab-separated.
 */
void dentry_state_show(struct seq_buf *m, const struct ctl_table *t)
{
	seq_printf(m, "%ld\t%ld\t%d\t%d\t%ld\t%d\n", dentry_stat.nr_dentry, dentry_stat.nr_unused,
		   45, 0, dentry_stat.nr_negative, 0);
}
