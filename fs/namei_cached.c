/*
 * The lockless walk: a path resolved through the dentry cache without
 * taking or dropping a reference at any step (Linux's RCU-walk idea).
 * It answers only what the cache alone answers the same way the
 * reference walk (fs/namei.c) would -- a chain of hashed positive
 * dentries of directories (mountpoints entered as follow_mounts()
 * does, plain symlinks followed as follow_link() does), ending in a
 * dentry, a negative dentry, or a miss in a directory without
 * i_op->lookup (a RAM directory: the cache is the directory) -- and
 * gives up (WALK_FALLBACK) on anything else: "..", a magic or computed
 * symlink, a directory whose file system must be asked, a name longer
 * than NAME_MAX, any LOOKUP_* flag but LOOKUP_FOLLOW, a dfd other than
 * AT_FDCWD for a relative name.  The caller then runs
 * the reference walk from the start.
 *
 * Why reading without references is safe (Documentation/filesystems/
 * dcache.md, "The lockless walk"): the walk neither sleeps nor takes a
 * lock, so its result is used before anything else runs on this CPU;
 * no dentry, inode or mount is freed while a lockless walker runs (on
 * one CPU without kernel preemption that holds by construction; SMP
 * needs their frees delayed by a grace period, as RCU does); and every
 * change of a name, a hash chain or a mount bumps d_walk_seq, which the
 * walk checks at its end, so a walk that overlapped a change on another
 * CPU falls back instead of answering.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/fdtable.h>
#include <linux-ish/fs.h>
#include <linux-ish/mount.h>
#include <linux-ish/permission.h>
#include <linux-ish/sched.h>
#include "dcache_internal.h"

static inline unsigned int get_unaligned32(const void *p)
{
	unsigned int v;

	__builtin_memcpy(&v, p, 4);	/* one load: x86 reads unaligned words */
	return v;
}

unsigned int d_walk_seq;

/*
 * Search permission as inode_permission(MAY_EXEC) decides it, answered
 * without a call when every class (owner, group, others) may search:
 * whichever class applies to the caller then allows it.
 */
static inline int may_search(const struct inode *dir)
{
	if ((dir->i_mode & 0111) == 0111)
		return 0;
	return inode_permission(dir, MAY_EXEC);
}

/* hash_name() (fs/dcache.c), inline: the same hash, one call less a component. */
static __always_inline unsigned int hash_name_inline(const char *name, struct qstr *q)
{
	unsigned int h = 2166136261u;
	const char *p = name;

	for (;;) {
		unsigned char c = *p;

		if (unlikely(c <= '/') && (c == '/' || !c))
			break;		/* letters and digits pass one test */
		h = (h ^ c) * 16777619u;
		p++;
	}
	q->name = name;
	q->len = p - name;
	q->hash = h;
	return q->len;
}

/* Whether the @len bytes at @a and @b are equal: words, then bytes. */
static __always_inline bool name_eq(const char *a, const char *b, unsigned int len)
{
	for (; len >= 4; len -= 4, a += 4, b += 4)
		if (get_unaligned32(a) != get_unaligned32(b))
			return false;
	for (; len; len--)
		if (*a++ != *b++)
			return false;
	return true;
}

/* __d_lookup() (fs/dcache.c), inline, with the name compared in words. */
static __always_inline struct dentry *d_lookup_inline(struct dentry *parent,
						      const struct qstr *q)
{
	struct list_head *bucket = d_bucket(parent, q->hash);
	struct dentry *d;

	list_for_each_entry(d, bucket, d_hash)
		if (d->d_name_hash == q->hash && d->d_parent == parent && d->d_len == q->len &&
		    name_eq(d->d_name, q->name, q->len))
			return d;
	return NULL;
}

static int cwalk(struct path *at, const char *name, unsigned int flags, int depth);

/*
 * The symlink @link (in the directory *@at) followed as follow_link()
 * does: its target walked from *@at, or from the root for "/...", its
 * last component followed too.  Magic links, computed ones (/proc/self)
 * and the depth at which the reference walk says ELOOP fall back.
 */
static noinline int cwalk_link(struct path *at, const struct dentry *link, int depth)
{
	const struct inode *inode = link->d_inode;
	const char *target = inode->i_link;

	if (depth >= MAX_SYMLINKS || !target || (inode->i_op && inode->i_op->get_path) ||
	    (inode->i_flags & (S_PROCSELF | S_PROCTHREADSELF)))
		return WALK_FALLBACK;
	if (*target == '/')
		*at = *current_root();		/* jump_root() */
	return cwalk(at, target, LOOKUP_FOLLOW, depth + 1);
}

/*
 * @name walked from *@at, which becomes the result.  0, -errno or
 * WALK_FALLBACK, the same steps as walk() in fs/namei.c.  Inline in
 * walk_cached(); cwalk() is the copy a symlink's target recurses into.
 */
static __always_inline int cwalk_steps(struct path *at, const char *name, unsigned int flags,
				       int depth)
{
	struct dentry *dir = at->dentry;
	struct qstr q;

	for (;;) {
		struct dentry *next;
		int err;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		if (!S_ISDIR(dir->d_inode->i_mode))
			return -ENOTDIR;
		err = may_search(dir->d_inode);
		if (err)
			return err;
		name += hash_name_inline(name, &q);
		if (q.name[0] == '.' && q.len <= 2 && (q.len == 1 || q.name[1] == '.')) {
			if (q.len == 1)
				continue;	/* ".": the same directory */
			return WALK_FALLBACK;	/* "..": mount roots, the walk's root */
		}
		if (q.len > NAME_MAX)
			return WALK_FALLBACK;
		next = d_lookup_inline(dir, &q);
		if (!next) {
			const struct inode_operations *iop = dir->d_inode->i_op;

			if (iop && iop->lookup)
				return WALK_FALLBACK;	/* the file system must be asked */
			return -ENOENT;
		}
		if (!next->d_inode)
			return -ENOENT;		/* a cached miss */
		if (S_ISLNK(next->d_inode->i_mode) && (*name || (flags & LOOKUP_FOLLOW))) {
			at->dentry = dir;
			err = cwalk_link(at, next, depth);
			if (err)
				return err;
			dir = at->dentry;
			continue;
		}
		dir = next;
		if (unlikely(READ_ONCE(dir->d_mounted))) {
			struct vfsmount *top;

			at->dentry = dir;
			while ((top = lookup_mnt_cached(at))) {	/* follow_mounts() */
				at->mnt = top;
				at->dentry = top->mnt_root;
			}
			dir = at->dentry;
		}
	}
	at->dentry = dir;
	return 0;
}

static noinline int cwalk(struct path *at, const char *name, unsigned int flags, int depth)
{
	return cwalk_steps(at, name, flags, depth);
}

/*
 * Resolves @name from @dfd into *@path, which holds no reference: valid
 * until the caller sleeps or returns to user mode.  0, a -errno the
 * reference walk would return too, or WALK_FALLBACK.
 */
int walk_cached(int dfd, const char *name, unsigned int flags, struct path *path)
{
	unsigned int seq = d_walk_read_begin();
	int err;

	if ((flags & ~LOOKUP_FOLLOW) || !*name)
		return WALK_FALLBACK;
	if (*name == '/') {
		*path = *current_root();
		name++;
	} else if (dfd == AT_FDCWD) {
		*path = current->fs->pwd.mnt ? current->fs->pwd : init_root;
	} else {
		return WALK_FALLBACK;
	}
	err = cwalk_steps(path, skip_dot_slashes(name), flags, 0);
	if (err != WALK_FALLBACK && d_walk_read_retry(seq))
		return WALK_FALLBACK;
	return err;
}
