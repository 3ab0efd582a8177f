/*
 * The architecture's part of an mm_struct (mm->context): the process's
 * Local Descriptor Table, made by modify_ldt(2) (arch/x86/kernel/ldt.c,
 * Documentation/x86/ldt.md).
 */
#ifndef _ASM_X86_MMU_H
#define _ASM_X86_MMU_H

#include <linux-ish/mutex.h>

struct ldt_struct;

struct mm_context {
	/*
	 * ldt_lock serialises modify_ldt() callers and fork's copy.  The
	 * table ->ldt points at is never changed in place: a write builds a
	 * new one, publishes it with one pointer store and frees the old
	 * one after every CPU running the mm has loaded the new one.
	 */
	struct mutex ldt_lock;
	struct ldt_struct *ldt;		/* NULL until the first write */
};

#endif
