/* lseek(2) whences and renameat2(2) flags. */
#ifndef _UAPI_LINUX_ISH_FS_H
#define _UAPI_LINUX_ISH_FS_H

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

#define RENAME_NOREPLACE	0x1

#endif
