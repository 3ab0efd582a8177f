/*
 * fs/binfmt_elf*.c's shared state: one ELF file being loaded (the
 * program or its interpreter) and what the stack tables need.
 */
#ifndef _FS_BINFMT_ELF_H
#define _FS_BINFMT_ELF_H

#include <linux-ish/binfmts.h>
#include <uapi/linux-ish/elf.h>

struct elf_image {
	struct file *file;
	const struct elf32_hdr *eh;
	const struct elf32_phdr *ph;	/* eh->e_phnum entries, in a BINPRM_BUF_SIZE buffer */
	unsigned long low, high;	/* page span of the PT_LOADs at their link addresses */
	unsigned long bias;		/* added to every p_vaddr when mapped */
};

/* What the auxiliary vector says about the program and its interpreter. */
struct elf_tables {
	unsigned long phdr, phnum;	/* AT_PHDR, AT_PHNUM: the program's headers */
	unsigned long entry;		/* AT_ENTRY: the program's entry point */
	unsigned long base;		/* AT_BASE: the interpreter's bias, 0 without one */
	bool rnd;			/* this exec randomises (the stack pointer too) */
};

/* fs/binfmt_elf_stack.c: the stack VMA below @top.  0 or -errno. */
int elf_setup_stack_vma(unsigned long top, bool exec);
/* fs/binfmt_elf_stack.c: strings, auxv, envp, argv, argc; sets the user sp.  0 or -EFAULT. */
int elf_build_stack(struct linux_binprm *bprm, const struct elf_tables *t);

#endif
