/*
 * openat2(2)'s argument: struct open_how (24 bytes in its first
 * version; a bigger one must be zero past what the kernel knows) and
 * the RESOLVE_* bits of its resolve field.
 */
#ifndef _UAPI_LINUX_ISH_OPENAT2_H
#define _UAPI_LINUX_ISH_OPENAT2_H

#include <uapi/linux-ish/types.h>

struct open_how {
	__u64 flags;
	__u64 mode;
	__u64 resolve;
};

#define OPEN_HOW_SIZE_VER0	24

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

#endif
