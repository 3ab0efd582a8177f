/*
 * i386 (two-level, non-PAE) encoding of a swap entry in a PTE that is
 * not present, as Linux's: PRESENT (bit 0) and PROTNONE (bit 8, the
 * GLOBAL bit of a present PTE) clear, so that neither the MMU nor
 * pte_present() sees a page; the swap type in bits 1-5, the slot offset
 * in bits 9-31 (23 bits: 8 Mi slots, 32 GiB per area).  Offset 0 is a
 * swap area's header, never handed out, so an entry is never pte_none.
 * Generic code uses only these helpers (linux-ish/swapops.h).
 */
#ifndef _ASM_X86_PGTABLE_SWAP_H
#define _ASM_X86_PGTABLE_SWAP_H

#include <asm/pgtable.h>

#define __SWP_TYPE_SHIFT	1
#define __SWP_TYPE_BITS		5
#define __SWP_OFFSET_SHIFT	9
#define __SWP_OFFSET_BITS	(32 - __SWP_OFFSET_SHIFT)

/* The arch's raw swap entry: the PTE's value, or its parts. */
static inline unsigned long __swp_type(unsigned long val)
{
	return (val >> __SWP_TYPE_SHIFT) & ((1UL << __SWP_TYPE_BITS) - 1);
}

static inline unsigned long __swp_offset(unsigned long val)
{
	return val >> __SWP_OFFSET_SHIFT;
}

static inline unsigned long __swp_entry(unsigned long type, unsigned long offset)
{
	return (type << __SWP_TYPE_SHIFT) | (offset << __SWP_OFFSET_SHIFT);
}

/* A non-present, non-empty PTE: a swap entry (Linnet has no other kind). */
static inline bool pte_is_swap(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline unsigned long __pte_to_swp_val(pte_t pte)	{ return pte_val(pte); }
static inline pte_t __swp_val_to_pte(unsigned long val)	{ return __pte(val); }

#endif
