/*
 * Address-space layout and its randomisation, decided once per exec:
 * where mmap(NULL) searches, where the stack top, the break, a PIE and
 * the vDSO go.  Documentation/userspace-api/elf.md.
 */
#ifndef _LINUX_ISH_ELF_RANDOMIZE_H
#define _LINUX_ISH_ELF_RANDOMIZE_H

#include <linux-ish/types.h>

struct mm_struct;

/* kernel.randomize_va_space: 0 off, 1 stack/mmap/PIE/vDSO, 2 also brk (mm/aslr.c). */
extern int randomize_va_space;
/* vm.legacy_va_layout: nonzero gives every exec the bottom-up layout. */
extern int sysctl_legacy_va_layout;

/* Does the exec now in progress randomise (Linux's PF_RANDOMIZE test)? */
bool exec_randomizes(void);
/* A page-aligned address in [start, start + range), or @start if range < a page. */
unsigned long randomize_page(unsigned long start, unsigned long range);
/* @top moved down by a random number of pages (STACK_RND_MASK) if @rnd. */
unsigned long randomize_stack_top(unsigned long top, bool rnd);

/* arch/x86/mm/mmap.c */
/* A random page offset for mmap_base and a PIE's bias, 0 unless @rnd. */
unsigned long arch_mmap_rnd(bool rnd);
/* Sets @mm's mmap_base and direction for the current task's limits and personality. */
void arch_pick_mmap_layout(struct mm_struct *mm, bool rnd);
/* Where the break starts: mm->brk moved up within BRK_RND_RANGE. */
unsigned long arch_randomize_brk(struct mm_struct *mm);
/* The initial stack pointer lowered by up to 8 KiB if @rnd, 16-byte aligned. */
unsigned long arch_align_stack(unsigned long sp, bool rnd);

#endif
