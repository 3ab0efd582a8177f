/*
 * getdents64(2): each record is this head, then the name and its NUL,
 * padded so that the next record is 8-byte aligned (d_reclen covers it
 * all).  Linux's struct linux_dirent64 is the head with d_name[] at its
 * end.  DT_* are the d_type values.
 */
#ifndef _UAPI_LINUX_ISH_DIRENT_H
#define _UAPI_LINUX_ISH_DIRENT_H

#include <uapi/linux-ish/types.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_REG		8
#define DT_LNK		10

struct linux_dirent64_head {
	__u64 d_ino;
	__s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
} __attribute__((packed));

/*
 * getdents(2)'s (141) record: d_ino and d_off in 32 bits, the name, a
 * NUL, and the type in the record's last byte; records 4-byte aligned.
 */
struct linux_dirent_head {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
} __attribute__((packed));

#endif
