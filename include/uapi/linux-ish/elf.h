/*
 * The parts of ELF32 that execve reads: the file header, the program
 * headers, and the values Linnet checks.  glibc's <elf.h> has the same
 * values under the same macro names and the layouts as Elf32_Ehdr and
 * Elf32_Phdr.
 */
#ifndef _UAPI_LINUX_ISH_ELF_H
#define _UAPI_LINUX_ISH_ELF_H

#include <uapi/linux-ish/types.h>

#define EI_NIDENT	16
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

struct elf32_hdr {
	unsigned char e_ident[EI_NIDENT];
	__u16 e_type, e_machine;
	__u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	__u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	__u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

#endif
