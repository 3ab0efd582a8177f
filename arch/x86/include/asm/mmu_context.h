/* Switching address spaces: load the next mm's page directory into CR3. */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <linux-ish/mm_types.h>
#include <asm/page.h>
#include <asm/processor.h>

/* Global kernel mappings survive the CR3 write; user ones are flushed. */
static inline void switch_mm(const struct mm_struct *prev, const struct mm_struct *next)
{
	if (prev != next)
		write_cr3(__pa(next->pgd));
}

#endif
