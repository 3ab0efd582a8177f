/*
 * The dentry cache: inodes and dentries, the hash table that finds a
 * child by (parent, name), and lookup_one().  Documentation/filesystems/
 * dcache.md has the whole story with figures.
 *
 * Every dentry in a directory is hashed in dentry_hashtable (bucket
 * chosen by parent pointer and full_name_hash of the name) and listed
 * in its parent's d_subdirs (readdir of RAM trees, rmdir's emptiness,
 * unmount).  For RAM file systems the cache IS the directory: a miss is
 * the answer.  A file system with FS_DCACHE_LOOKUP (a disk one) fills
 * the cache through i_op->lookup, and a miss stays as a negative dentry
 * (d_inode NULL) until d_instantiate() (a create) or reclaim.
 *
 * References: a dentry in the tree holds one on itself (the tree's);
 * every dentry holds one on its d_parent, so "..", getcwd and path
 * printing stay valid however long an open file or cwd outlives its
 * directory's removal.  A dentry holds one on its inode.  A
 * DCACHE_RECLAIMABLE dentry (made by a cached lookup) down to the tree's
 * reference alone is "unused" and sits on dentry_lru (fs/dcache_lru.c),
 * from which shrink_dcache_memory() may free it.
 *
 * Locking: one CPU, and the callers (namei.c, namei_ops.c) never sleep
 * between looking a name up and changing the tree, so no lock is held.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/fs.h>
#include <linux-ish/fsnotify.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>
#include <linux-ish/writeback.h>
#include <linux-ish/xattr.h>
#include "dcache_internal.h"

static struct kmem_cache *inode_cachep, *dentry_cachep;

/* The hash table: 1 << d_hash_bits buckets, sized at boot (dhash_entries=). */
struct list_head *dentry_hashtable;
unsigned int d_hash_bits;
static unsigned long dhash_entries;	/* the boot parameter; 0: from RAM */

struct dentry_stat dentry_stat;

static int __init dhash_entries_setup(const char *val)
{
	return kstrtoul(val, 0, &dhash_entries);
}
__setup("dhash_entries=", dhash_entries_setup);

/*
 * A device, FIFO or socket node's file operations (Linux's
 * init_special_inode), whatever file system holds it; @rdev for the
 * devices.  Other types are the file system's own business.
 */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	switch (mode & S_IFMT) {
	case S_IFCHR:
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
		break;
	case S_IFBLK:
		inode->i_fop = &bad_blk_fops;
		inode->i_rdev = rdev;
		break;
	case S_IFIFO:
		inode->i_fop = &def_fifo_fops;
		break;
	case S_IFSOCK:
		inode->i_fop = &bad_sock_fops;
		break;
	default:
		break;
	}
}

struct inode *new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = sb->s_op && sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb) :
			      kmem_cache_alloc(inode_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ++sb->s_next_ino;
	sb->s_nr_inodes++;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_xattrs = NULL;
	inode->i_inotify = NULL;
	atomic_set(&inode->i_count, 1);
	address_space_init(&inode->i_data, inode);
	inode_wb_init(inode);
	inode->i_mapping = &inode->i_data;
	return inode;
}

/* Frees an inode that never got a dentry. */
void kfree_inode(struct inode *inode)
{
	const struct super_operations *sop = inode->i_sb->s_op;

	inode_writeback_evict(inode);	/* a linked inode's dirt goes to the disk first */
	if (sop && sop->evict_inode)
		sop->evict_inode(inode);
	truncate_inode_pages(inode->i_mapping);
	simple_xattrs_free(inode);
	inode->i_sb->s_nr_inodes--;
	if (sop && sop->free_inode)
		sop->free_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

/*
 * The name hash: FNV-1a over the bytes (Fowler, Noll, Vo), one multiply
 * per byte.  Which bucket also depends on the parent (d_bucket).
 */
unsigned int full_name_hash(const char *name, unsigned int len)
{
	unsigned int h = 2166136261u;

	while (len--) {
		h ^= (unsigned char)*name++;
		h *= 16777619u;
	}
	return h;
}

/*
 * Hashes the path component at @name (up to '/' or the end) into @q in
 * one pass, as a path walk does once per component.  Returns its length.
 */
unsigned int hash_name(const char *name, struct qstr *q)
{
	unsigned int h = 2166136261u;
	const char *p = name;

	for (; *p && *p != '/'; p++) {
		h ^= (unsigned char)*p;
		h *= 16777619u;
	}
	q->name = name;
	q->len = p - name;
	q->hash = h;
	return q->len;
}

static void qstr_init(struct qstr *q, const char *name, size_t len)
{
	q->name = name;
	q->len = len;
	q->hash = full_name_hash(name, len);
}

/* The caller brackets it with d_walk_write_begin/end (lockless walks). */
static void __d_rehash(struct dentry *d)
{
	list_add(&d->d_hash, d_bucket(d->d_parent, d->d_name_hash));
}

static void d_rehash(struct dentry *d)
{
	d_walk_write_begin();
	__d_rehash(d);
	d_walk_write_end();
}

/* Takes @d out of the hash table and its parent's list: no lookup finds it. */
void d_drop(struct dentry *d)
{
	d_walk_write_begin();
	list_del_init(&d->d_hash);
	list_del_init(&d->d_child);
	d_walk_write_end();
}

/*
 * A child @name of @parent (the root if @parent is NULL) in no directory
 * list and unhashed, with one reference: the caller's.  No inode yet.
 */
struct dentry *d_alloc_uncached(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	if (len > NAME_MAX)
		return NULL;
	d = kmem_cache_alloc(dentry_cachep, GFP_KERNEL | __GFP_ZERO);
	if (!d)
		return NULL;
	memcpy(d->d_name, name, len);
	d->d_name[len] = '\0';
	d->d_len = len;
	d->d_name_hash = full_name_hash(name, len);
	atomic_set(&d->d_count, 1);
	INIT_LIST_HEAD(&d->d_hash);
	INIT_LIST_HEAD(&d->d_lru);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_child);
	d->d_parent = parent ? dget(parent) : d;
	d->d_sb = parent ? parent->d_sb : NULL;
	d->d_uncached = true;
	dentry_stat.nr_dentry++;
	return d;
}

/*
 * A new child @q of @parent, hashed and at the head of its d_subdirs
 * (as Linux: a listing in progress, whose cursor is past the head, does
 * not see it, so a steady stream of creates cannot keep a readdir from
 * reaching the end), holding the tree's reference (which the caller uses).  Negative until
 * d_instantiate().  A dentry without a parent (a tree's root, a pseudo
 * file's) is neither hashed nor listed.
 */
struct dentry *d_alloc_qstr(struct dentry *parent, const struct qstr *q)
{
	struct dentry *d = d_alloc_uncached(parent, q->name, q->len);

	if (!d)
		return NULL;
	d->d_uncached = false;
	if (parent) {
		list_add(&d->d_child, &parent->d_subdirs);
		d_rehash(d);
	}
	return d;
}

/* A cached miss under the name @q in @dir goes: a real entry replaces it. */
static void d_drop_negative(struct dentry *dir, const struct qstr *q)
{
	struct dentry *neg = __d_lookup(dir, q);

	if (neg && !neg->d_inode)
		d_delete(neg);
}

/* d_alloc_qstr() of a name not hashed yet (a negative dentry for it goes). */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct qstr q;

	qstr_init(&q, name, len);
	if (parent)
		d_drop_negative(parent, &q);
	return d_alloc_qstr(parent, &q);
}

/* A cached miss stops being one (it gets an inode, or goes). */
static void d_uncount_negative(struct dentry *d)
{
	if (d->d_flags & DCACHE_NEGATIVE) {
		d->d_flags &= ~DCACHE_NEGATIVE;
		dentry_stat.nr_negative--;
	}
}

/* A negative dentry gets its inode (whose reference it takes over). */
void d_instantiate(struct dentry *d, struct inode *inode)
{
	d_uncount_negative(d);
	d_walk_write_begin();
	d->d_inode = inode;
	d_walk_write_end();
}

/*
 * The hashed child @q of @parent, negative ones included, or NULL.
 * Not referenced: the caller dget()s what it keeps.
 */
struct dentry *__d_lookup(struct dentry *parent, const struct qstr *q)
{
	struct list_head *bucket = d_bucket(parent, q->hash);
	struct dentry *d;

	list_for_each_entry(d, bucket, d_hash)
		if (d->d_name_hash == q->hash && d->d_parent == parent && d->d_len == q->len &&
		    !memcmp(d->d_name, q->name, q->len))
			return d;
	return NULL;
}

/* The child called @name that exists (not a negative one), or NULL.  Not referenced. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct qstr q;
	struct dentry *d;

	qstr_init(&q, name, len);
	d = __d_lookup(parent, &q);
	return d && d->d_inode ? d : NULL;
}

/*
 * A cached lookup (FS_DCACHE_LOOKUP): the file system's answer goes into
 * the cache, a miss as a negative dentry.  Referenced dentry or ERR_PTR.
 */
static struct dentry *lookup_cached(struct dentry *dir, const struct qstr *q)
{
	struct dentry *d = d_alloc_qstr(dir, q);
	int err;

	if (!d)
		return ERR_PTR(-ENOMEM);
	d->d_flags |= DCACHE_RECLAIMABLE;
	dget(d);				/* the caller's */
	err = dir->d_inode->i_op->lookup(dir->d_inode, d);
	if (err && err != -ENOENT) {
		d_drop(d);			/* an I/O error is not an answer */
		d->d_unlinked = true;
		dput(d);
		dput(d);
		return ERR_PTR(err);
	}
	if (!d->d_inode) {
		d->d_flags |= DCACHE_NEGATIVE;
		dentry_stat.nr_negative++;
		dput(d);			/* unused now: onto the LRU */
		d = ERR_PTR(-ENOENT);
	}
	d_lru_trim();
	return d;
}

/* An uncached lookup (procfs): the dentry lives as long as its users. */
static struct dentry *lookup_uncached(struct dentry *dir, const struct qstr *q)
{
	struct dentry *d = d_alloc_uncached(dir, q->name, q->len);
	int err;

	if (!d)
		return ERR_PTR(-ENOMEM);
	err = dir->d_inode->i_op->lookup(dir->d_inode, d);
	if (!err && !d->d_inode)
		err = -ENOENT;
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/*
 * The child @q of @dir, referenced, from the cache or the file system;
 * ERR_PTR(-ENOENT) for a name that is not there (a negative dentry
 * says so without asking the file system), or another -errno.
 */
struct dentry *lookup_one_qstr(struct dentry *dir, const struct qstr *q)
{
	const struct inode_operations *iop = dir->d_inode->i_op;
	struct dentry *d;

	if (q->len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d = __d_lookup(dir, q);
	if (d)
		return d->d_inode ? dget(d) : ERR_PTR(-ENOENT);
	if (!iop || !iop->lookup)
		return ERR_PTR(-ENOENT);
	if (dir->d_sb->s_type && (dir->d_sb->s_type->fs_flags & FS_DCACHE_LOOKUP))
		return lookup_cached(dir, q);
	return lookup_uncached(dir, q);
}

struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len)
{
	struct qstr q;

	qstr_init(&q, name, len);
	return lookup_one_qstr(dir, &q);
}

/*
 * Drops an inode reference; an unlinked inode goes with its last one.
 * An inode of a disk file system (FS_DCACHE_LOOKUP) may leave memory
 * while linked: the disk keeps it.
 */
void iput(struct inode *inode)
{
	const struct file_system_type *type = inode->i_sb->s_type;

	if (!atomic_dec_and_test(&inode->i_count))
		return;
	/* A linked inode is held by its dentry; internal ones count no links. */
	WARN_ON(inode->i_nlink && !(inode->i_flags & S_PRIVATE) &&
		!(type && (type->fs_flags & FS_DCACHE_LOOKUP)));
	kfree(inode->i_link);
	kfree_inode(inode);
}

/* Frees @d (out of every list) and its inode reference; returns its parent, or NULL. */
static struct dentry *d_free(struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	d_lru_del(d);
	d_uncount_negative(d);
	if (d->d_inode && d->d_uncached)
		d->d_inode->i_nlink = 0;
	else if (d->d_inode && !d->d_inode->i_nlink)
		fsnotify_inoderemove(d->d_inode);	/* its last name went */
	if (d->d_inode)
		iput(d->d_inode);
	dentry_stat.nr_dentry--;
	kmem_cache_free(dentry_cachep, d);
	return parent == d ? NULL : parent;
}

/*
 * Drops a dentry reference.  Once unlinked (d_delete), or if uncached,
 * the last reference frees the dentry, releases its inode and drops the
 * reference it held on its parent, which may free that one in turn (a
 * loop, not recursion: the chain can be as deep as the tree).  An
 * uncached dentry's inode is its own: no other name links it.  A
 * reclaimable dentry left with the tree's reference only goes on the LRU.
 */
void dput(struct dentry *d)
{
	while (d) {
		int left = atomic_dec_return(&d->d_count);

		WARN_ON(left < 0);
		if (left == 1 && (d->d_flags & DCACHE_RECLAIMABLE) && !d->d_unlinked) {
			d_lru_add(d);
			return;
		}
		if (left || !(d->d_unlinked || d->d_uncached))
			return;
		d = d_free(d);
	}
}

/*
 * rename: @d moves under @newdir (carrying its parent reference along),
 * takes the name @name and goes to the head of d_subdirs like a new
 * entry, as Linux's d_move: a listing in progress does not list it
 * again (nor, if it had not come to it yet, at all).
 */
void d_move(struct dentry *d, struct dentry *newdir, const char *name, size_t len)
{
	struct dentry *old = d->d_parent;
	struct qstr q;

	qstr_init(&q, name, len);
	d_drop_negative(newdir, &q);
	d_walk_write_begin();
	list_del_init(&d->d_hash);
	memmove(d->d_name, name, len);
	d->d_name[len] = '\0';
	d->d_len = len;
	d->d_name_hash = q.hash;
	list_move(&d->d_child, &newdir->d_subdirs);
	if (old != newdir)
		d->d_parent = dget(newdir);
	__d_rehash(d);
	d_walk_write_end();
	if (old != newdir)
		dput(old);
}

/*
 * A directory going away (rmdir, rename over it) lets its cached misses
 * go first: each holds a reference on it, so an unused negative child
 * would otherwise keep the removed directory, and its inode, alive until
 * the LRU's shrinker met the child -- past the unmount (e2fsck then finds
 * the directory's inode "deleted" with no dtime).  Linux's vfs_rmdir calls
 * shrink_dcache_parent for this.  Cursors stay: their files own them.
 */
static void d_prune_negative(struct dentry *dir)
{
	struct dentry *d, *next;

	list_for_each_entry_safe(d, next, &dir->d_subdirs, d_child)
		if (!d->d_inode && !(d->d_flags & DCACHE_CURSOR))
			d_delete(d);
}

/* unlink: takes @d out of its directory; open files keep it alive. */
void d_delete(struct dentry *d)
{
	if (d->d_inode && S_ISDIR(d->d_inode->i_mode))
		d_prune_negative(d);
	d_drop(d);
	d->d_unlinked = true;
	if (d->d_inode && !(d->d_flags & DCACHE_RECLAIMABLE))
		d->d_inode->i_nlink--;
	dput(d);			/* the tree's reference */
}

/* The first child of @dir that names something (no cursor, no negative one), or NULL. */
static struct dentry *first_positive(struct dentry *dir)
{
	struct dentry *d;

	list_for_each_entry(d, &dir->d_subdirs, d_child)
		if (d->d_inode)
			return d;
	return NULL;
}

/* Does directory @dir hold any name (rmdir: ENOTEMPTY)? */
bool d_has_children(struct dentry *dir)
{
	return first_positive(dir) != NULL;
}

/*
 * A superblock's tree goes: every dentry below @root is taken out and
 * dropped, deepest first (a loop with an explicit cursor, not recursion:
 * the tree can be deep).  Open files keep theirs (they hold the mount, so
 * this runs only once they are gone, or for a lazily detached mount).
 */
void d_genocide(struct dentry *root)
{
	struct dentry *d = root;

	for (;;) {
		struct dentry *parent;

		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		if (d == root)
			break;
		parent = d->d_parent;
		if (d->d_inode && S_ISDIR(d->d_inode->i_mode))
			d->d_inode->i_nlink = 1;	/* "." goes with the name */
		if (d->d_flags & DCACHE_CURSOR)
			list_del_init(&d->d_child);	/* its file still frees it */
		else
			d_delete(d);
		d = parent;
	}
	root->d_unlinked = true;
	root->d_inode->i_nlink = 0;
	dput(root);			/* the superblock's reference */
}

/*
 * A readdir cursor for @dir (fs/readdir.c): an unhashed, nameless
 * dentry at the head of d_subdirs that lookups never see.  NULL on
 * failure.
 */
struct dentry *d_alloc_cursor(struct dentry *dir)
{
	struct dentry *c = d_alloc_uncached(dir, "", 0);

	if (!c)
		return NULL;
	c->d_flags |= DCACHE_CURSOR;
	list_add(&c->d_child, &dir->d_subdirs);
	return c;
}

void d_free_cursor(struct dentry *cursor)
{
	list_del_init(&cursor->d_child);
	dput(cursor);
}

/* How many buckets: dhash_entries=, else one per 8 KiB of RAM (Linux's scale). */
static unsigned int dhash_bits_wanted(void)
{
	unsigned long want = dhash_entries ? dhash_entries : totalram_pages / 2;
	unsigned int bits = DHASH_MIN_BITS;

	while (bits < DHASH_MAX_BITS && (1UL << bits) < want)
		bits++;
	return bits;
}

/*
 * The hash table (a big kmalloc block, so page accounting counts it),
 * halved until it can be had; panics below the minimum (boot).
 */
static void dcache_hash_init(void)
{
	unsigned int bits = dhash_bits_wanted();

	for (;;) {
		size_t size = (sizeof(struct list_head) << bits);

		dentry_hashtable = kmalloc(size, GFP_KERNEL);
		if (dentry_hashtable) {
			d_hash_bits = bits;
			for (unsigned long i = 0; i < (1UL << bits); i++)
				INIT_LIST_HEAD(&dentry_hashtable[i]);
			pr_info("Dentry cache hash table entries: %lu (%zu bytes)\n", 1UL << bits,
				size);
			return;
		}
		if (bits == DHASH_MIN_BITS)
			panic("dcache_hash_init: no memory for the dentry hash table");
		bits--;
	}
}

/* Buckets in the hash table (the LRU's default bound). */
unsigned long d_hash_size(void)
{
	return 1UL << d_hash_bits;
}

void dcache_init(void)
{
	inode_cachep = kmem_cache_create("inode", sizeof(struct inode), 0, SLAB_PANIC, NULL);
	dentry_cachep = kmem_cache_create("dentry", sizeof(struct dentry), 0, SLAB_PANIC, NULL);
	dcache_hash_init();
	dcache_shrinker_register();
}
