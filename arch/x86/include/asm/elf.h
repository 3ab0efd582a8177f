/* What an i386 ELF executable says about its machine, and what exec tells it. */
#ifndef _ASM_X86_ELF_H
#define _ASM_X86_ELF_H

#include <asm/processor.h>
#include <uapi/linux-ish/elf.h>

#define elf_check_arch(eh)	((eh)->e_machine == EM_386)
#define ELF_PLATFORM		"i686"				/* AT_PLATFORM */
#define ELF_HWCAP		(boot_cpu_data.features_edx)	/* AT_HWCAP: CPUID.1 EDX */

#endif
