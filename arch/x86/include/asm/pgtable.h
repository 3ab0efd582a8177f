/*
 * i386 two-level (non-PAE) page tables.  Entry types are wrapped in structs
 * so that a pte_t cannot be mixed up with a pgd_t or a plain integer.
 * Generic mm code uses only the accessors below; it never names _PAGE_*.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/page.h>

#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080	/* in a pgd entry: maps 4 MiB directly */
#define _PAGE_GLOBAL	0x100

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1 << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024
#define KERNEL_PGD_BOUNDARY	(__PAGE_OFFSET >> PGDIR_SHIFT)	/* 768 */

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>

typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)
#define __pte(x)	((pte_t) { (x) })
#define __pgd(x)	((pgd_t) { (x) })
#define __pgprot(x)	((pgprot_t) { (x) })

#define pgd_index(addr)	(((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))

/* The kernel's master page directory: built by head.S, trimmed by setup_arch. */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define PAGE_KERNEL_RO	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* A kernel pgd entry pointing at the page table at physical @phys. */
static inline pgd_t pgd_mktable_kernel(phys_addr_t phys)
{
	return __pgd(phys | _KERNPG_TABLE);
}

/* A 4 MiB kernel direct-map entry for physical address @phys. */
static inline pgd_t pgd_mkhuge_kernel(phys_addr_t phys)
{
	return __pgd(phys | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_GLOBAL);
}

static inline bool pgd_present(pgd_t pgd)	{ return pgd_val(pgd) & _PAGE_PRESENT; }
static inline bool pgd_none(pgd_t pgd)		{ return pgd_val(pgd) == 0; }
#endif

#endif
