/*
 * The fixed-width types the other uapi headers are written in.
 *
 * Every header under include/uapi/ is self-contained: it includes only
 * other uapi headers, and its structures use only these types (the names
 * and definitions of Linux's <linux/types.h> on i386, so a program that
 * also includes that header gets the same types twice, which C11
 * allows).  Documentation/process/uapi.md has the rules.
 */
#ifndef _UAPI_LINUX_ISH_TYPES_H
#define _UAPI_LINUX_ISH_TYPES_H

typedef signed char		__s8;
typedef unsigned char		__u8;
typedef signed short		__s16;
typedef unsigned short		__u16;
typedef signed int		__s32;
typedef unsigned int		__u32;
__extension__ typedef signed long long	__s64;
__extension__ typedef unsigned long long	__u64;

typedef unsigned int		__kernel_size_t;	/* i386 */

/* 8-byte aligned even on i386, so 32- and 64-bit layouts agree (clone_args). */
#define __aligned_u64 __u64 __attribute__((aligned(8)))

/*
 * A pointer into user space.  The kernel marks it for sparse
 * (linux-ish/compiler.h); to a user program it is a plain pointer.
 */
#ifdef __KERNEL__
#include <linux-ish/compiler.h>
#elif !defined(__user)
#define __user
#endif

#endif
