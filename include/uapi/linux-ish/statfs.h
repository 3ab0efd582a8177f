/*
 * statfs(2)/fstatfs(2) and statfs64(2)/fstatfs64(2): the two i386
 * layouts (statfs64 is packed to 4-byte alignment) and the f_flags bits.
 * glibc's <sys/statfs.h> declares struct statfs differently: a program
 * takes these layouts only without that header.
 */
#ifndef _UAPI_LINUX_ISH_STATFS_H
#define _UAPI_LINUX_ISH_STATFS_H

#include <uapi/linux-ish/types.h>

#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_VALID	0x0020
#define ST_NOATIME	0x0400
#define ST_NODIRATIME	0x0800
#define ST_RELATIME	0x1000

/* 64 bytes. */
struct statfs {
	__u32 f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	__u32 f_fsid[2];
	__u32 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* 84 bytes. */
struct statfs64 {
	__u32 f_type, f_bsize;
	__u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	__u32 f_fsid[2];
	__u32 f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));

/* ustat(2) (62): i386's struct ustat, 20 bytes. */
struct ustat {
	int f_tfree;			/* __kernel_daddr_t */
	unsigned long f_tinode;		/* __kernel_ino_t */
	char f_fname[6];
	char f_fpack[6];
};

#endif
