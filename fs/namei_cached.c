/*
 * The lockless walk: a path resolved through the dentry cache without
 * taking or dropping a reference at any step (Linux's RCU-walk idea).
 * It answers only what the cache alone answers the same way the
 * reference walk (fs/namei.c) would -- a chain of hashed positive
 * dentries of directories that are nobody's mountpoint, ending in a
 * dentry, a negative dentry, or a miss in a directory without
 * i_op->lookup (a RAM directory: the cache is the directory) -- and
 * gives up (WALK_FALLBACK) on anything else: "..", a symlink to
 * follow, a mountpoint, a directory whose file system must be asked, a
 * name longer than NAME_MAX, any LOOKUP_* flag but LOOKUP_FOLLOW, a
 * dfd other than AT_FDCWD for a relative name.  The caller then runs
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

/*
 * Resolves @name from @dfd into *@path, which holds no reference: valid
 * until the caller sleeps or returns to user mode.  0, a -errno the
 * reference walk would return too, or WALK_FALLBACK.
 */
int walk_cached(int dfd, const char *name, unsigned int flags, struct path *path)
{
	unsigned int seq = d_walk_read_begin();
	struct dentry *dir;
	struct qstr q;
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
	/* "./x" walks as "x" (path_lookupat_ref does the same). */
	while (name[0] == '.' && name[1] == '/') {
		const char *rest = name + 2;

		while (*rest == '/')
			rest++;
		if (!*rest)
			break;		/* "./" alone: the directory itself */
		name = rest;
	}
	dir = path->dentry;
	for (;;) {
		struct dentry *next;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		if (!S_ISDIR(dir->d_inode->i_mode)) {
			err = -ENOTDIR;
			goto out;
		}
		err = may_search(dir->d_inode);
		if (err)
			goto out;
		name += hash_name(name, &q);
		if (q.name[0] == '.' && q.len <= 2 && (q.len == 1 || q.name[1] == '.')) {
			if (q.len == 1)
				continue;	/* ".": the same directory */
			goto fallback;		/* "..": mount roots, the walk's root */
		}
		if (q.len > NAME_MAX)
			goto fallback;
		next = __d_lookup(dir, &q);
		if (!next) {
			const struct inode_operations *iop = dir->d_inode->i_op;

			if (iop && iop->lookup)
				goto fallback;	/* the file system must be asked */
			err = -ENOENT;
			goto out;
		}
		if (!next->d_inode) {
			err = -ENOENT;		/* a cached miss */
			goto out;
		}
		if ((S_ISLNK(next->d_inode->i_mode) && (*name || (flags & LOOKUP_FOLLOW))) ||
		    READ_ONCE(next->d_mounted))
			goto fallback;
		dir = next;
	}
	path->dentry = dir;
	err = 0;
out:
	if (d_walk_read_retry(seq))
		return WALK_FALLBACK;
	return err;
fallback:
	return WALK_FALLBACK;
}
