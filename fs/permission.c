/*
 * Permission checks on inodes (Linux's generic_permission model).
 *
 * The class is picked first -- owner if fsuid is the inode's uid, group
 * if fsgid or a supplementary group is its gid, other otherwise -- and
 * only that class's three bits count.  When they refuse, capabilities
 * may still allow: CAP_DAC_READ_SEARCH reads any file and searches or
 * reads any directory; CAP_DAC_OVERRIDE does anything to a directory
 * and reads or writes any file, but executes only a file with at least
 * one x bit.  Read-only mounts (EROFS) are checked by the callers.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/cred.h>
#include <linux-ish/errno.h>
#include <linux-ish/fs.h>
#include <linux-ish/permission.h>
#include <linux-ish/sched.h>

/* The mode bits' verdict alone. */
static int acl_permission_check(const struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	if (inode->i_uid == current_fsuid())
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode & 7) ? -EACCES : 0;
}

int inode_permission(const struct inode *inode, int mask)
{
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (!acl_permission_check(inode, mask))
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable(CAP_DAC_READ_SEARCH))
			return 0;
		return capable(CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	if (mask == MAY_READ && capable(CAP_DAC_READ_SEARCH))
		return 0;
	if ((!(mask & MAY_EXEC) || (inode->i_mode & 0111)) && capable(CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

bool inode_owner_or_capable(const struct inode *inode)
{
	return inode->i_uid == current_fsuid() || capable(CAP_FOWNER);
}

int may_create_in(const struct inode *dir)
{
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int may_delete_in(const struct inode *dir, const struct inode *victim)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (IS_SWAPFILE(victim))	/* an active swap file: Linux's may_delete */
		return -EPERM;
	if (!(dir->i_mode & S_ISVTX))
		return 0;
	if (victim->i_uid == current_fsuid() || dir->i_uid == current_fsuid())
		return 0;
	return capable(CAP_FOWNER) ? 0 : -EPERM;
}

/*
 * In a set-group-ID directory a new inode takes the directory's group,
 * and a new directory the S_ISGID bit too; a group-executable set-gid
 * file there keeps S_ISGID only if the creator is in that group (or has
 * CAP_FSETID), as Linux's inode_init_owner.
 */
void inode_init_owner(struct inode *inode, const struct inode *dir)
{
	inode->i_uid = current_fsuid();
	if (!dir || !(dir->i_mode & S_ISGID)) {
		inode->i_gid = current_fsgid();
		return;
	}
	inode->i_gid = dir->i_gid;
	if (S_ISDIR(inode->i_mode))
		inode->i_mode |= S_ISGID;
	else if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
		 !in_group_p(inode->i_gid) && !capable(CAP_FSETID))
		inode->i_mode &= ~S_ISGID;
}
