/* Errors encoded in pointers: the top page of the address space is never valid. */
#ifndef _LINUX_ISH_ERR_H
#define _LINUX_ISH_ERR_H

#include <linux-ish/types.h>
#include <linux-ish/errno.h>

#define IS_ERR_VALUE(x) unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)		{ return (void *)error; }
static inline long PTR_ERR(const void *ptr)	{ return (long)ptr; }
static inline bool IS_ERR(const void *ptr)	{ return IS_ERR_VALUE((unsigned long)ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }
static inline void *ERR_CAST(const void *ptr)	{ return (void *)ptr; }
static inline long PTR_ERR_OR_ZERO(const void *ptr) { return IS_ERR(ptr) ? PTR_ERR(ptr) : 0; }

#endif
