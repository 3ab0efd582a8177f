/* How BUG() stops the CPU: an invalid opcode whose trap prints and panics. */
#ifndef _ASM_X86_BUG_H
#define _ASM_X86_BUG_H

#include <linux-ish/compiler.h>

/* The trap (do_exception() in traps.c) dumps registers and backtrace, then panics. */
static __always_inline __noreturn void arch_bug_trap(void)
{
	__asm__ __volatile__("ud2");
	__builtin_unreachable();
}

#endif
