/*
 * Memory barriers for memory shared with devices (virtqueues).  x86
 * keeps stores in order and loads in order, so wmb()/rmb() need only
 * stop the compiler; mb() orders an earlier store before a later load.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux-ish/compiler.h>

#define mb()	__asm__ __volatile__("lock; addl $0, 0(%%esp)" : : : "memory", "cc")
#define rmb()	barrier()
#define wmb()	barrier()

#endif
