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
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_ACCESSED	(1UL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080	/* in a pgd entry: maps 4 MiB directly */
#define _PAGE_GLOBAL	0x100
/*
 * A user PTE of a PROT_NONE area: not present to the MMU (every access
 * faults) but still holding its frame and reference.  Bit 8 is ignored by
 * the hardware when PRESENT is clear; user PTEs never use it as GLOBAL.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1 << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024
#define KERNEL_PGD_BOUNDARY	(__PAGE_OFFSET >> PGDIR_SHIFT)	/* 768 */

#ifndef __ASSEMBLY__
#include <linux-ish/types.h>
#include <asm/atomic.h>

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

/* @prot without write permission: the first write through such a PTE faults. */
static inline pgprot_t pgprot_wrprotect(pgprot_t prot)
{
	return __pgprot(pgprot_val(prot) & ~_PAGE_RW);
}

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
static inline bool pgd_huge(pgd_t pgd)		{ return pgd_val(pgd) & _PAGE_PSE; }

/*
 * A user pgd entry with R/W clear makes every PTE under it read-only to
 * the MMU (for the kernel too: CR0.WP).  Linnet clears it only on a page
 * table shared by fork (mm/pgtable_share.c): "not writable" means
 * "shared, or was shared and not yet taken back".
 */
static inline bool pgd_write(pgd_t pgd)		{ return pgd_val(pgd) & _PAGE_RW; }
static inline pgd_t pgd_wrprotect(pgd_t pgd)	{ return __pgd(pgd_val(pgd) & ~_PAGE_RW); }
static inline pgd_t pgd_mkwrite(pgd_t pgd)	{ return __pgd(pgd_val(pgd) | _PAGE_RW); }
static inline unsigned long pgd_pfn(pgd_t pgd)	{ return pgd_val(pgd) >> PAGE_SHIFT; }
/* A user pgd entry for the page table at physical @phys (writable). */
static inline pgd_t pgd_mktable_user(phys_addr_t phys)
{
	return __pgd(phys | _PAGE_TABLE);
}

/* User page protections (a private writable page starts read-only: COW). */
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)

#define PTE_PFN_MASK	PAGE_MASK
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)

static inline pte_t pte_set_flags(pte_t pte, unsigned long f)	{ return __pte(pte_val(pte) | f); }
static inline pte_t pte_clear_flags(pte_t pte, unsigned long f)	{ return __pte(pte_val(pte) & ~f); }

static inline bool pte_none(pte_t pte)		{ return !pte_val(pte); }
/* Maps a frame (possibly PROT_NONE, so not accessible to the MMU). */
static inline bool pte_present(pte_t pte)
{
	return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}
static inline bool pte_write(pte_t pte)		{ return pte_val(pte) & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte)		{ return pte_val(pte) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t pte)		{ return pte_val(pte) & _PAGE_ACCESSED; }
static inline unsigned long pte_pfn(pte_t pte)	{ return pte_val(pte) >> PAGE_SHIFT; }

static inline pte_t pte_mkwrite(pte_t pte)	{ return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte)	{ return pte_set_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte)	{ return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte)	{ return pte_clear_flags(pte, _PAGE_ACCESSED); }

/* New protection bits, keeping the frame and the dirty/accessed state. */
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	unsigned long keep = pte_val(pte) & (PTE_PFN_MASK | _PAGE_DIRTY | _PAGE_ACCESSED);

	return __pte(keep | pgprot_val(prot));
}

#define pte_index(addr)	(((addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* The page table a (non-huge, present) pgd entry points at. */
static inline pte_t *pgd_page_vaddr(pgd_t pgd)
{
	return (pte_t *)__va(pgd_val(pgd) & PTE_PFN_MASK);
}

static inline pte_t *pte_offset(pgd_t *pgd, unsigned long addr)
{
	return pgd_page_vaddr(*pgd) + pte_index(addr);
}

#define pgd_offset_k(addr)	(swapper_pg_dir + pgd_index(addr))

/* End of the pgd entry's range containing @addr, or @end if sooner. */
static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(ptep->pte, pte_val(pte));
}

static inline void pte_clear(pte_t *ptep)
{
	WRITE_ONCE(ptep->pte, 0);
}

static inline pte_t ptep_get_and_clear(pte_t *ptep)
{
	return __pte(xchg_ulong(&ptep->pte, 0));
}

/*
 * Write-protects and cleans a present PTE, returning what it was: the
 * MMU cannot set the dirty bit in between (the entry is cleared while it
 * changes).  The caller flushes the TLB.  Page cache writeback's
 * page_mkclean.
 */
static inline pte_t ptep_clean_wrprotect(pte_t *ptep)
{
	pte_t old = ptep_get_and_clear(ptep);

	set_pte(ptep, pte_wrprotect(pte_mkclean(old)));
	return old;
}

/*
 * Clears the accessed bit of a PTE the MMU may be setting meanwhile;
 * true if it was set.  One locked bit operation, so a concurrent dirty
 * bit is not lost.  No TLB flush (a stale young entry only delays the
 * next accessed mark, as x86 Linux accepts); rmap's page_referenced.
 */
struct vm_area_struct;
static inline bool ptep_test_and_clear_young(struct vm_area_struct *vma, unsigned long addr,
					     pte_t *ptep)
{
	bool old;

	(void)vma;
	(void)addr;
	__asm__ __volatile__("lock; btrl %2, %0; setc %1"
			     : "+m"(ptep->pte), "=qm"(old) : "Ir"(_PAGE_BIT_ACCESSED) : "memory");
	return old;
}
#endif

#endif
