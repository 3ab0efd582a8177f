/*
 * Swap entries: (type, offset) names one slot of one swap area.  A PTE
 * of a swapped-out page holds its entry; the encoding is the arch's
 * (asm/pgtable_swap.h), mm/ names no PTE bit.  The swap cache is keyed
 * by swp_entry_t.val, page->private holds it for a PG_swapcache page.
 */
#ifndef _LINUX_ISH_SWAPOPS_H
#define _LINUX_ISH_SWAPOPS_H

#include <asm/pgtable_swap.h>

typedef struct { unsigned long val; } swp_entry_t;

#define MAX_SWAPFILES_SHIFT	__SWP_TYPE_BITS
/* Linux 6.1 on i386 (686): 32 types less 3 for migration entries */
#define MAX_SWAPFILES		((1 << MAX_SWAPFILES_SHIFT) - 3)
#define SWP_OFFSET_MAX		((1UL << __SWP_OFFSET_BITS) - 1)

static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	return (swp_entry_t){ __swp_entry(type, offset) };
}

static inline unsigned int swp_type(swp_entry_t e)	{ return __swp_type(e.val); }
static inline unsigned long swp_offset(swp_entry_t e)	{ return __swp_offset(e.val); }

static inline bool is_swap_pte(pte_t pte)		{ return pte_is_swap(pte); }

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return (swp_entry_t){ __pte_to_swp_val(pte) };
}

static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	return __swp_val_to_pte(e.val);
}

#endif
