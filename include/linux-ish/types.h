/* Fixed-width and kernel-wide scalar types. */
#ifndef _LINUX_ISH_TYPES_H
#define _LINUX_ISH_TYPES_H

#include <linux-ish/compiler.h>

typedef signed char		s8;
typedef unsigned char		u8;
typedef signed short		s16;
typedef unsigned short		u16;
typedef signed int		s32;
typedef unsigned int		u32;
typedef signed long long	s64;
typedef unsigned long long	u64;

typedef u8  uint8_t;
typedef u16 uint16_t;
typedef unsigned int uid_t;	/* i386: 32-bit ids; the 16-bit calls widen theirs */
typedef unsigned int gid_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef s32 int32_t;
typedef s64 int64_t;
typedef unsigned long	uintptr_t;

typedef unsigned int	size_t;
typedef int		ssize_t;
typedef int		ptrdiff_t;
typedef _Bool		bool;
#define true	1
#define false	0

#ifndef NULL
#define NULL ((void *)0)
#endif

/* A physical address: never dereferenced, never mixed with pointers. */
typedef unsigned long	phys_addr_t;
typedef unsigned long	pgoff_t;
typedef unsigned int	gfp_t;
typedef int		clockid_t;
/* poll(2) event bits (uapi/linux-ish/poll.h): what ->poll returns. */
typedef unsigned int	__poll_t;

typedef struct {
	volatile int counter;
} atomic_t;

#define offsetof(type, member)	__builtin_offsetof(type, member)

#endif
