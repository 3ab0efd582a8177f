/* lseek(2) whences, renameat2(2) flags, preadv2/pwritev2(2) RWF_* flags, block-device ioctls. */
#ifndef _UAPI_LINUX_ISH_FS_H
#define _UAPI_LINUX_ISH_FS_H

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

#define RENAME_NOREPLACE	0x1

#define RWF_HIPRI	0x00000001
#define RWF_DSYNC	0x00000002
#define RWF_SYNC	0x00000004
#define RWF_NOWAIT	0x00000008
#define RWF_APPEND	0x00000010
#define RWF_SUPPORTED	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

/* Block-device ioctls (Linux's <linux/fs.h>; the size_t ones are 4 bytes on i386). */
#define BLKROSET	0x125d		/* _IO(0x12, 93): int * */
#define BLKROGET	0x125e		/* _IO(0x12, 94): int * */
#define BLKRRPART	0x125f		/* _IO(0x12, 95) */
#define BLKGETSIZE	0x1260		/* _IO(0x12, 96): unsigned long *, 512-byte sectors */
#define BLKFLSBUF	0x1261		/* _IO(0x12, 97) */
#define BLKSSZGET	0x1268		/* _IO(0x12, 104): int *, logical block size */
#define BLKBSZGET	0x80041270	/* _IOR(0x12, 112, size_t): int *, soft block size */
#define BLKBSZSET	0x40041271	/* _IOW(0x12, 113, size_t): int * */
#define BLKGETSIZE64	0x80041272	/* _IOR(0x12, 114, size_t): u64 *, bytes */
#define BLKPBSZGET	0x127b		/* _IO(0x12, 123): unsigned int *, physical block size */

#endif
