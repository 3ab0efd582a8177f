/*
 * Mounts: where file-system instances are attached to the tree.
 *
 * The mount tree is a tree of struct vfsmount: each one but the root has
 * a parent mount and a mountpoint, a dentry of the parent's instance that
 * it covers.  A path walk that reaches a covered dentry continues at the
 * covering mount's root (the most recent mount on top); ".." at a mount's
 * root continues at its mountpoint in the parent.
 *
 * Locking: mount_lock (a spinlock) protects the tree links, mnt_list and
 * d_mounted.  mnt_count counts struct path references (files, working
 * directories, roots, walks in progress) plus one while the mount is in
 * the tree; umount refuses (EBUSY) a mount with any other reference, and
 * a detached (MNT_DETACH) one is freed by its last mntput(), which drops
 * its instance (super_block s_active).
 */
#ifndef _LINUX_ISH_MOUNT_H
#define _LINUX_ISH_MOUNT_H

#include <linux-ish/fs.h>

#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08		/* the atime flags are only shown again */
#define MNT_NODIRATIME	0x10
#define MNT_RELATIME	0x20
#define MNT_RDONLY	0x40
#define MNT_INTERNAL	0x4000		/* pipefs, shmem...: never in the tree */
#define MNT_DETACHED	0x8000		/* fsmount/open_tree's: held by its O_PATH file alone */

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	int mnt_flags;
	int mnt_id;
	atomic_t mnt_count;
	char *mnt_devname;		/* what mount(2) was given as the source */
	/* Under mount_lock: */
	struct vfsmount *mnt_parent;	/* itself for the root and detached mounts */
	struct dentry *mnt_mountpoint;
	struct list_head mnt_child;	/* in mnt_parent->mnt_mounts */
	struct list_head mnt_mounts;
	struct list_head mnt_list;	/* every mount in the tree, in mount order */
};

extern struct list_head mount_list;
extern spinlock_t mount_lock;

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);

/* The mount covering @path's dentry (referenced), or NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
/* The same without mount_lock or a reference: for the lockless walk only. */
struct vfsmount *lookup_mnt_cached(const struct path *path);
/* Moves @path down through every mount stacked on it. */
void follow_mounts(struct path *path);
/* Moves @path up to where its mount is mounted, while it is a mount's root. */
bool follow_up(struct path *path);

/* A mount of a new (or the single) instance of @type, not in the tree. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int mnt_flags,
				const char *dev_name, char *data);
/* An internal mount of a kernel-only file system (pipefs, shmem...). */
struct vfsmount *kern_mount(struct file_system_type *type);
/* A bind mount: @from's instance seen from @from's dentry (not in the tree). */
struct vfsmount *clone_mnt(const struct path *from, int mnt_flags);
/* A new mount of @sb's root (one more s_active), not in the tree; or ERR_PTR. */
struct vfsmount *mount_instance(struct super_block *sb, int mnt_flags, const char *dev_name);
/* Is @mnt in the tree (its root or attached below it)? */
bool mount_in_tree(struct vfsmount *mnt);
/* move_mount(2): @from (a mount's root, detached or attached) onto @to.  0 or -errno. */
int move_mount(const struct path *from, const struct path *to);
/* Attaches @mnt at @where (a directory).  0 or -errno. */
int attach_mount(struct vfsmount *mnt, const struct path *where);
/* Detaches @mnt and every mount below it; each goes with its last user. */
void umount_tree(struct vfsmount *mnt);

/* -EROFS unless files under @mnt may be changed. */
int mnt_want_write(const struct vfsmount *mnt);

/* fs/super.c */
int register_filesystem(struct file_system_type *type);
struct file_system_type *get_fs_type(const char *name);
struct super_block *sget(struct file_system_type *type, char *data);
void deactivate_super(struct super_block *sb);

/* The root of the tree (the rootfs mount and its root). */
void init_mount_tree(void);
extern struct path init_root;

/* /proc/mounts, /proc/self/mounts, /proc/self/mountinfo, /proc/filesystems */
void show_mounts(struct seq_buf *m, const struct path *root);
void show_mountinfo(struct seq_buf *m, const struct path *root);
void show_filesystems(struct seq_buf *m);

#endif
