/*
 * The vDSO (arch/x86/entry/vdso/): a small shared object every process
 * gets mapped by exec, with the signal-return trampolines, the
 * system-call gate and the user-space clocks.  Documentation/x86/vdso.md.
 */
#ifndef _ASM_X86_VDSO_H
#define _ASM_X86_VDSO_H

#include <linux-ish/types.h>

struct mm_struct;

enum vdso_sym {
	VDSO_SYM_VSYSCALL,		/* __kernel_vsyscall: AT_SYSINFO */
	VDSO_SYM_SIGRETURN,		/* __kernel_sigreturn */
	VDSO_SYM_RT_SIGRETURN,		/* __kernel_rt_sigreturn */
	VDSO_NR_SYMS,
};

/* Boot: builds the pages and the data page (after time_init). */
void vdso_init(void);
/*
 * exec: maps [vvar] and [vdso] into @mm (the new, current one) where
 * mmap(NULL) would put them (so as randomised as mmap_base) and sets
 * mm->vdso_base; does nothing under vdso=0.  0 or -ENOMEM.
 */
int map_vdso(struct mm_struct *mm);
/* The user address of @sym in @mm's vDSO, or 0 if @mm has none. */
unsigned long vdso_sym_addr(const struct mm_struct *mm, enum vdso_sym sym);
struct pt_regs;
/*
 * The syscall at @regs is a vDSO sigreturn trampoline's own int $0x80
 * (its ip is just past it), which syscall user dispatch never blocks.
 */
bool arch_syscall_is_vdso_sigreturn(const struct pt_regs *regs);
/* Republishes the clock bases to the data page (kernel/time.c's bases changed). */
void vdso_update_time(void);

#endif
