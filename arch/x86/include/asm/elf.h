/* What an i386 ELF executable says about its machine, and what exec tells it. */
#ifndef _ASM_X86_ELF_H
#define _ASM_X86_ELF_H

#include <asm/processor.h>
#include <uapi/linux-ish/elf.h>

#define elf_check_arch(eh)	((eh)->e_machine == EM_386)
#define ELF_PLATFORM		"i686"				/* AT_PLATFORM */
#define ELF_HWCAP		(boot_cpu_data.features_edx)	/* AT_HWCAP: CPUID.1 EDX */

/*
 * Where a PIE with an interpreter is loaded (plus arch_mmap_rnd() when
 * randomising), as Linux i386: low, so the program and its heap leave
 * the rest of the address space to mmap().
 */
#define ELF_ET_DYN_BASE		0x00400000UL
/* The stack top moves down by up to this many pages (Linux's 32-bit mask). */
#define STACK_RND_MASK		0x7ffUL
/* mmap_base moves down by up to 2^8 pages (CONFIG_ARCH_MMAP_RND_BITS 8). */
#define MMAP_RND_BITS		8
/* The break starts up to 32 MiB above the program's end (arch_randomize_brk). */
#define BRK_RND_RANGE		0x02000000UL

#endif
