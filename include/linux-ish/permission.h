/*
 * Who may do what to an inode: the owner/group/other mode bits against
 * current's file-system ids and groups, and the capabilities that
 * override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
 * CAP_FSETID).  fs/permission.c; the model is in
 * Documentation/userspace-api/credentials.md.
 */
#ifndef _LINUX_ISH_PERMISSION_H
#define _LINUX_ISH_PERMISSION_H

#include <linux-ish/types.h>

struct inode;

#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

/* 0 if current may @mask (MAY_*) the inode, else -EACCES. */
int inode_permission(const struct inode *inode, int mask);
/* current's fsuid owns @inode, or current has CAP_FOWNER. */
bool inode_owner_or_capable(const struct inode *inode);
/* May a name in @dir be created: write and search permission on it. */
int may_create_in(const struct inode *dir);
/*
 * May @victim's name in @dir be removed or replaced: write and search
 * permission on @dir and, if @dir is sticky, ownership of @victim or
 * @dir (or CAP_FOWNER).  0, -EACCES or -EPERM.
 */
int may_delete_in(const struct inode *dir, const struct inode *victim);
/* A new inode in @dir belongs to current's fsuid and fsgid, or @dir's gid if @dir is set-group-ID. */
void inode_init_owner(struct inode *inode, const struct inode *dir);

#endif
