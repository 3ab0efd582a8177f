/*
 * Switching address spaces: load the next mm's page directory into CR3
 * and its LDT into LDTR; the mm's architecture state (mm->context, the
 * LDT: arch/x86/kernel/ldt.c) is made, copied and freed through the hooks
 * below, which kernel/fork.c calls.
 */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <linux-ish/mm_types.h>
#include <asm/page.h>
#include <asm/processor.h>

/* Points LDTR at @mm's LDT (the null LDT if it has none). */
void load_mm_ldt(const struct mm_struct *mm);
/* mm_alloc(): an mm without an LDT. */
void init_new_context(struct mm_struct *mm);
/* The last mmdrop(): frees the LDT. */
void destroy_context(struct mm_struct *mm);
/* fork (dup_mmap): @mm gets a copy of @oldmm's LDT.  0 or -ENOMEM. */
int arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm);

/* Global kernel mappings survive the CR3 write; user ones are flushed. */
static inline void switch_mm(const struct mm_struct *prev, const struct mm_struct *next)
{
	if (prev != next) {
		write_cr3(__pa(next->pgd));
		load_mm_ldt(next);
	}
}

#endif
