/*
 * Extended attributes (fs/xattr.c).  Only tmpfs keeps any, as Linux
 * 6.1's does: trusted.* and security.* names, in a list hung off the
 * inode (i_xattrs), freed with it.  Every other file system has none
 * (EOPNOTSUPP, listxattr 0), as Linux's ramfs and procfs.
 */
#ifndef _LINUX_ISH_XATTR_H
#define _LINUX_ISH_XATTR_H

#include <linux-ish/fs.h>
#include <uapi/linux-ish/xattr.h>

/* Frees @inode's attributes (kfree_inode calls it). */
void simple_xattrs_free(struct inode *inode);

#endif
