/* The dcache's own interfaces between fs/dcache.c and fs/dcache_lru.c. */
#ifndef _FS_DCACHE_INTERNAL_H
#define _FS_DCACHE_INTERNAL_H

#include <linux-ish/fs.h>

#define DHASH_MIN_BITS	8		/* 256 buckets */
#define DHASH_MAX_BITS	19		/* 512 Ki buckets, 4 MiB: the largest kmalloc */

/* /proc/sys/fs/dentry-state's counters (Linux's struct dentry_stat_t). */
struct dentry_stat {
	long nr_dentry;			/* allocated, cursors and pseudo ones too */
	long nr_unused;			/* on dentry_lru */
	long nr_negative;		/* cached misses */
};
extern struct dentry_stat dentry_stat;

/* The hash table: 1 << d_hash_bits buckets, sized at boot (dhash_entries=). */
extern struct list_head *dentry_hashtable;
extern unsigned int d_hash_bits;

/* @parent's child with the name hash @hash is in this bucket, if anywhere. */
static inline struct list_head *d_bucket(const struct dentry *parent, unsigned int hash)
{
	unsigned int h = (hash ^ ((unsigned long)parent >> 4)) * 0x9e370001u;

	return &dentry_hashtable[h >> (32 - d_hash_bits)];
}

unsigned long d_hash_size(void);
void d_drop(struct dentry *d);
void d_lru_add(struct dentry *d);
void d_lru_del(struct dentry *d);
void d_lru_trim(void);
void dcache_shrinker_register(void);

#endif
