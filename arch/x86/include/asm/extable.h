/*
 * Exception table: pairs of (instruction that may fault on a user
 * address, where to continue if it does).  The page-fault handler looks
 * the faulting EIP up here before declaring a kernel oops.
 */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

#include <asm/ptrace.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

#define _ASM_EXTABLE(from, to)						\
	" .pushsection __ex_table, \"a\"\n"				\
	" .balign 4\n"							\
	" .long " #from ", " #to "\n"					\
	" .popsection\n"

/* If regs->ip has a fixup, moves regs->ip there and returns true. */
bool fixup_exception(struct pt_regs *regs);

#endif
