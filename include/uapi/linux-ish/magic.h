/* File-system magic numbers: statfs's f_type, what df and findmnt tell file systems apart by. */
#ifndef _UAPI_LINUX_ISH_MAGIC_H
#define _UAPI_LINUX_ISH_MAGIC_H

#define PROC_SUPER_MAGIC	0x9fa0
#define RAMFS_MAGIC		0x858458f6
#define TMPFS_MAGIC		0x01021994
#define DEBUGFS_MAGIC		0x64626720
#define PIPEFS_MAGIC		0x50495045
#define ANON_INODE_FS_MAGIC	0x09041934
#define SOCKFS_MAGIC		0x534F434B
#define MQUEUE_MAGIC		0x19800202

#endif
