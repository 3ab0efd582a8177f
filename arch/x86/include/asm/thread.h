/*
 * Per-task architecture state: the saved kernel stack pointer of a task
 * that is not running (the rest of its registers are on that stack,
 * pushed by __switch_to_asm), and the FPU/SSE area saved with FXSAVE.
 */
#ifndef _ASM_X86_THREAD_H
#define _ASM_X86_THREAD_H

#include <linux-ish/types.h>

struct task_struct;

struct fxregs_state {
	u8 data[512];
} __aligned(16);

struct thread_struct {
	unsigned long sp;		/* saved by __switch_to_asm */
	unsigned long sp0;		/* top of the kernel stack: TSS.esp0 */
};

/* Builds the first switch frame of a new kernel thread running fn(arg). */
void copy_thread_kernel(struct task_struct *p, int (*fn)(void *), void *arg);
/* Switches from prev to next; returns (in next's context) the task we left. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

#endif
