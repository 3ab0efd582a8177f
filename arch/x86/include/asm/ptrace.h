/*
 * The register frame every trap, interrupt and system call builds
 * on the kernel stack.  arch/x86/kernel/entry.S pushes it in exactly this
 * order, bottom (bx) last; the BUILD_BUG_ONs in traps.c pin the offsets.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <asm/segment.h>

/* Byte offsets into struct pt_regs, for entry.S (pinned in traps.c). */
#define PT_DS		28
#define PT_ES		32
#define PT_FS		36
#define PT_GS		40
#define PT_CS		56
#define PT_SP		64
#define PT_SS		68

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>

struct pt_regs {
	unsigned long bx, cx, dx, si, di, bp, ax;
	unsigned long ds, es, fs, gs;
	unsigned long trapnr;		/* vector number */
	unsigned long orig_ax;		/* error code, or syscall number */
	/* pushed by the CPU */
	unsigned long ip, cs, flags;
	unsigned long sp, ss;		/* only valid when coming from user mode */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & SEGMENT_RPL_MASK) == USER_RPL;
}
#endif

#endif
