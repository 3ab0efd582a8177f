/*
 * File-system events for inotify (fs/notify/).  The VFS calls these hooks
 * after an operation succeeded; each costs one load and a branch while no
 * watch exists anywhere (inotify_nr_watches == 0).
 *
 * Which object hears what (Linux's rules, Documentation/filesystems/inotify.md):
 * an event on a file goes to the file's own watches, and, with the file's
 * name, to its directory's (ACCESS, MODIFY, ATTRIB, OPEN, CLOSE_*); the
 * directory events (CREATE, DELETE, MOVED_FROM/TO) go to the directory
 * with the child's name; DELETE_SELF and MOVE_SELF only to the object.
 *
 * Locking: called in process context with no spinlock held; the hooks
 * take inotify's own mutex (they may sleep to allocate an event).
 */
#ifndef _LINUX_ISH_FSNOTIFY_H
#define _LINUX_ISH_FSNOTIFY_H

#include <linux-ish/types.h>
#include <uapi/linux-ish/inotify.h>

struct dentry;
struct file;
struct inode;
struct super_block;

extern unsigned int inotify_nr_watches;	/* every group's, every user's */
/* fs.inotify sysctls */
extern int inotify_max_user_instances, inotify_max_user_watches, inotify_max_queued_events;

void __fsnotify_dentry(struct dentry *d, u32 mask);
void __fsnotify_file(struct file *f, u32 mask);
void __fsnotify_inode(struct inode *inode, u32 mask);
void __fsnotify_create(struct dentry *dir, struct dentry *child);
void __fsnotify_unlink(struct dentry *dir, struct dentry *d, bool rmdir);
void __fsnotify_move(struct dentry *old_dir, const char *old_name, struct dentry *new_dir,
		     struct dentry *moved, struct inode *target);
void __fsnotify_inoderemove(struct inode *inode);
void __fsnotify_unmount(const struct super_block *sb);

/* Events of an open file: ACCESS (read), MODIFY (write), OPEN, CLOSE_*. */
static inline void fsnotify_file(struct file *f, u32 mask)
{
	if (inotify_nr_watches)
		__fsnotify_file(f, mask);
}

/* @d's inode changed (ATTRIB; MODIFY by truncate): to it and its directory. */
static inline void fsnotify_dentry(struct dentry *d, u32 mask)
{
	if (inotify_nr_watches)
		__fsnotify_dentry(d, mask);
}

/* To @inode alone: ATTRIB for a new link count (link, rename over it). */
static inline void fsnotify_inode(struct inode *inode, u32 mask)
{
	if (inotify_nr_watches)
		__fsnotify_inode(inode, mask);
}

/* @child is new in @dir (open O_CREAT, mkdir, mknod, symlink, link, bind). */
static inline void fsnotify_create(struct dentry *dir, struct dentry *child)
{
	if (inotify_nr_watches)
		__fsnotify_create(dir, child);
}

/*
 * unlink or rmdir of @d from @dir, called after the file system removed
 * the name and before d_delete().  Linux's order: ATTRIB to the file (not
 * for rmdir), DELETE_SELF and IN_IGNORED if this was its last name and no
 * one else holds it (else at the last dput), then DELETE to @dir.
 */
static inline void fsnotify_unlink(struct dentry *dir, struct dentry *d, bool rmdir)
{
	if (inotify_nr_watches)
		__fsnotify_unlink(dir, d, rmdir);
}

/* rename: @moved went from @old_name in @old_dir to its new name in @new_dir. */
static inline void fsnotify_move(struct dentry *old_dir, const char *old_name,
				 struct dentry *new_dir, struct dentry *moved,
				 struct inode *target)
{
	if (inotify_nr_watches)
		__fsnotify_move(old_dir, old_name, new_dir, moved, target);
}

/* An unlinked inode's last dentry went: DELETE_SELF, and its watches go. */
static inline void fsnotify_inoderemove(struct inode *inode)
{
	if (inotify_nr_watches)
		__fsnotify_inoderemove(inode);
}

/* @sb is going away: UNMOUNT to every watch on it, which then goes. */
static inline void fsnotify_unmount(const struct super_block *sb)
{
	if (inotify_nr_watches)
		__fsnotify_unmount(sb);
}

#endif
