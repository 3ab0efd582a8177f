/*
 * The mount tree (see linux-ish/mount.h for the objects and the locking):
 * making, attaching and detaching mounts, and crossing them in a walk.
 * mount(2) and umount2(2) are in fs/mount.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/err.h>
#include <linux-ish/errno.h>
#include <linux-ish/mount.h>
#include <linux-ish/sched.h>
#include <linux-ish/slab.h>
#include <linux-ish/string.h>

LIST_HEAD(mount_list);
DEFINE_SPINLOCK(mount_lock);
struct path init_root;
static int last_mnt_id;

struct vfsmount *mntget(struct vfsmount *mnt)
{
	atomic_inc(&mnt->mnt_count);
	return mnt;
}

/* The last reference of a mount out of the tree frees it and drops its instance. */
void mntput(struct vfsmount *mnt)
{
	if (!atomic_dec_and_test(&mnt->mnt_count))
		return;
	deactivate_super(mnt->mnt_sb);
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

/* A mount of @sb's tree at @root; takes over the caller's s_active. */
static struct vfsmount *alloc_mnt(struct super_block *sb, struct dentry *root,
				  int mnt_flags, const char *dev_name)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	size_t len = strlen(dev_name);

	if (!mnt)
		return NULL;
	mnt->mnt_devname = kmalloc(len + 1, GFP_KERNEL);
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return NULL;
	}
	memcpy(mnt->mnt_devname, dev_name, len + 1);
	mnt->mnt_sb = sb;
	mnt->mnt_root = root;
	mnt->mnt_flags = mnt_flags;
	mnt->mnt_id = ++last_mnt_id;
	atomic_set(&mnt->mnt_count, 1);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = root;
	INIT_LIST_HEAD(&mnt->mnt_child);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_list);
	return mnt;
}

struct vfsmount *vfs_kern_mount(struct file_system_type *type, int mnt_flags,
				const char *dev_name, char *data)
{
	struct super_block *sb = sget_source(type, dev_name,
					     (mnt_flags & MNT_RDONLY) ? SB_RDONLY : 0, data);
	struct vfsmount *mnt;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	mnt = alloc_mnt(sb, sb->s_root, mnt_flags, dev_name);
	if (!mnt) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return mnt;
}

/* A bind mount: @from's instance seen from @from's dentry. */
struct vfsmount *clone_mnt(const struct path *from, int mnt_flags)
{
	struct vfsmount *mnt = alloc_mnt(from->mnt->mnt_sb, from->dentry, mnt_flags,
					 from->mnt->mnt_devname);

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	mnt->mnt_sb->s_active++;
	return mnt;
}

struct vfsmount *mount_instance(struct super_block *sb, int mnt_flags, const char *dev_name)
{
	struct vfsmount *mnt = alloc_mnt(sb, sb->s_root, mnt_flags, dev_name);

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	sb->s_active++;
	return mnt;
}

bool mount_in_tree(struct vfsmount *mnt)
{
	unsigned long flags;
	bool in;

	spin_lock_irqsave(&mount_lock, flags);
	in = mnt == init_root.mnt || mnt->mnt_parent != mnt;
	spin_unlock_irqrestore(&mount_lock, flags);
	return in;
}

/* Takes @mnt out of its parent, keeping the tree's reference; drops the mountpoint's. */
static void unhook_mount(struct vfsmount *mnt)
{
	struct path where;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	where.mnt = mnt->mnt_parent;
	where.dentry = mnt->mnt_mountpoint;
	d_walk_write_begin();		/* a lockless walk tests d_mounted */
	where.dentry->d_mounted--;
	d_walk_write_end();
	list_del_init(&mnt->mnt_child);
	list_del_init(&mnt->mnt_list);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = mnt->mnt_root;
	spin_unlock_irqrestore(&mount_lock, flags);
	path_put(&where);
}

/* Caller holds mount_lock.  @mnt's submounts go after it in mount_list, in tree order. */
static void relist_submounts(struct vfsmount *mnt)
{
	struct vfsmount *child;

	list_for_each_entry(child, &mnt->mnt_mounts, mnt_child) {
		list_move_tail(&child->mnt_list, &mount_list);
		relist_submounts(child);
	}
}

/*
 * Linux's do_move_mount() checks, without namespaces: the target is in
 * the tree, @from is the root of a detached mount or of one attached
 * below the root, a directory goes onto a directory, and never below
 * itself (ELOOP).  A detached mount gets the tree's reference; an
 * attached one keeps it (its submounts move with it).
 */
int move_mount(const struct path *from, const struct path *to)
{
	struct vfsmount *mnt = from->mnt;
	bool detached = mnt->mnt_flags & MNT_DETACHED;
	int err;

	if (!mount_in_tree(to->mnt) || from->dentry != mnt->mnt_root)
		return -EINVAL;
	if (!detached && (!mount_in_tree(mnt) || mnt->mnt_parent == mnt))
		return -EINVAL;
	if (S_ISDIR(from->dentry->d_inode->i_mode) != S_ISDIR(to->dentry->d_inode->i_mode))
		return -EINVAL;
	for (struct vfsmount *p = to->mnt;; p = p->mnt_parent) {
		if (p == mnt)
			return -ELOOP;
		if (p->mnt_parent == p)
			break;
	}
	if (!S_ISDIR(to->dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (to->dentry->d_uncached)
		return -EINVAL;		/* as attach_mount: no walk would see it */
	if (detached) {
		mntget(mnt);
	} else {
		unhook_mount(mnt);
	}
	err = attach_mount(mnt, to);	/* cannot fail now: checked above */
	if (err) {
		mntput(mnt);
		return err;
	}
	mnt->mnt_flags &= ~MNT_DETACHED;
	if (!detached) {
		unsigned long flags;

		/* /proc/mounts lists a mount before its submounts, as before the move. */
		spin_lock_irqsave(&mount_lock, flags);
		relist_submounts(mnt);
		spin_unlock_irqrestore(&mount_lock, flags);
	}
	return 0;
}

/* Boot: the internal mounts never fail (a kernel without pipes is no kernel). */
struct vfsmount *kern_mount(struct file_system_type *type)
{
	struct vfsmount *mnt = vfs_kern_mount(type, MNT_INTERNAL, type->name, NULL);

	if (IS_ERR(mnt))
		panic("kern_mount: cannot make %s: %ld", type->name, PTR_ERR(mnt));
	return mnt;
}

int mnt_want_write(const struct vfsmount *mnt)
{
	return (mnt->mnt_flags & MNT_RDONLY) || (mnt->mnt_sb->s_flags & SB_RDONLY) ?
	       -EROFS : 0;
}

/* Caller holds mount_lock.  The latest mount on @path's dentry, not referenced. */
static struct vfsmount *__lookup_mnt(const struct path *path)
{
	struct vfsmount *child, *found = NULL;

	if (!path->dentry->d_mounted)
		return NULL;
	list_for_each_entry(child, &path->mnt->mnt_mounts, mnt_child)
		if (child->mnt_mountpoint == path->dentry)
			found = child;		/* later in the list: mounted later, on top */
	return found;
}

/*
 * The lockless walk's lookup_mnt (fs/namei_cached.c): neither the lock
 * nor a reference.  A mount attached or detached meanwhile bumps
 * d_walk_seq, and the walk then falls back.
 */
struct vfsmount *lookup_mnt_cached(const struct path *path)
{
	return __lookup_mnt(path);
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *mnt;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	mnt = __lookup_mnt(path);
	if (mnt)
		mntget(mnt);
	spin_unlock_irqrestore(&mount_lock, flags);
	return mnt;
}

void follow_mounts(struct path *path)
{
	struct vfsmount *mnt;

	/* Most dentries are nobody's mountpoint: no lock for them (a walk's every step). */
	if (!READ_ONCE(path->dentry->d_mounted))
		return;
	while ((mnt = lookup_mnt(path))) {
		path_put(path);
		path->mnt = mnt;		/* lookup_mnt's reference */
		path->dentry = dget(mnt->mnt_root);
	}
}

/* One step up: @path is its mount's root and the mount has a parent. */
bool follow_up(struct path *path)
{
	struct vfsmount *mnt = path->mnt, *parent;
	struct dentry *mountpoint;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	parent = mnt->mnt_parent;
	if (parent == mnt || path->dentry != mnt->mnt_root) {
		spin_unlock_irqrestore(&mount_lock, flags);
		return false;
	}
	mntget(parent);
	mountpoint = dget(mnt->mnt_mountpoint);
	spin_unlock_irqrestore(&mount_lock, flags);
	path_put(path);
	path->mnt = parent;
	path->dentry = mountpoint;
	return true;
}

/*
 * Puts @mnt into the tree on @where; the tree holds the mount's first
 * reference and one on @where.  0, -ENOTDIR if @where is no directory, or
 * -EINVAL if it is a name made on lookup (procfs), which no later walk sees.
 */
int attach_mount(struct vfsmount *mnt, const struct path *where)
{
	unsigned long flags;

	if (!S_ISDIR(where->dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (where->dentry->d_uncached)
		return -EINVAL;		/* made on lookup: the next walk would not see it */
	path_get(where);
	spin_lock_irqsave(&mount_lock, flags);
	mnt->mnt_parent = where->mnt;
	mnt->mnt_mountpoint = where->dentry;
	d_walk_write_begin();
	where->dentry->d_mounted++;
	d_walk_write_end();
	list_add_tail(&mnt->mnt_child, &where->mnt->mnt_mounts);
	list_add_tail(&mnt->mnt_list, &mount_list);
	spin_unlock_irqrestore(&mount_lock, flags);
	return 0;
}

/*
 * Takes @mnt and everything mounted below it out of the tree, dropping the
 * tree's references; each mount goes when its last user does.
 */
void umount_tree(struct vfsmount *mnt)
{
	struct vfsmount *child, *next;

	list_for_each_entry_safe(child, next, &mnt->mnt_mounts, mnt_child)
		umount_tree(child);
	unhook_mount(mnt);
	mntput(mnt);
}

/* Boot: rootfs at the root of the tree; init_root and init's fs point there. */
void init_mount_tree(void)
{
	struct file_system_type *rootfs = get_fs_type("rootfs");
	struct vfsmount *mnt;

	if (!rootfs)
		panic("init_mount_tree: no rootfs");
	mnt = vfs_kern_mount(rootfs, 0, "rootfs", NULL);
	if (IS_ERR(mnt))
		panic("init_mount_tree: cannot make rootfs: %ld", PTR_ERR(mnt));
	list_add_tail(&mnt->mnt_list, &mount_list);
	init_root.mnt = mnt;
	init_root.dentry = mnt->mnt_root;
}
