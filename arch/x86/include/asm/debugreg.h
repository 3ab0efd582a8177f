/*
 * x86 debug registers: DR0-DR3 addresses, DR6 status, DR7 control
 * (arch/x86/kernel/hw_breakpoint.c).  Only user-space breakpoints exist,
 * set by a tracer through PTRACE_POKEUSER; each task's are loaded when it
 * is switched to.
 */
#ifndef _ASM_X86_DEBUGREG_H
#define _ASM_X86_DEBUGREG_H

#include <linux-ish/types.h>

#define DR_TRAP_BITS	0x0000000f	/* DR6: DR0-DR3 matched */
#define DR_STEP		0x00004000	/* DR6: single step */
#define DR6_RESERVED	0xffff0ff0	/* DR6 reads as this with nothing hit */
#define DR7_ENABLE_MASK	0x000000ff	/* L0 G0 ... L3 G3 */
#define DR7_CONTROL_SHIFT 16		/* RW0 LEN0, 4 bits per register */
#define X86_EFLAGS_TF	0x00000100
#define X86_EFLAGS_RF	0x00010000

struct task_struct;
struct pt_regs;

static inline unsigned long get_debugreg6(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%db6, %0" : "=r"(v));
	return v;
}

static inline void set_debugreg6(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%db6" : : "r"(v));
}

/* Context switch: @next's breakpoints in, @prev's out. */
void switch_debugregs(struct task_struct *prev, struct task_struct *next);
/* exec: the task's breakpoints are gone. */
void flush_debugregs(struct task_struct *p);
/* A trap's SIGTRAP to current with @code and @addr, unblocked (hw_breakpoint.c). */
void force_sigtrap(int code, unsigned long addr);
/* #DB (vector 1). */
void do_debug(struct pt_regs *regs);
/* Return to user mode: a #DB the kernel took for the user becomes its SIGTRAP. */
void debug_deliver_pending(struct pt_regs *regs);

#endif
