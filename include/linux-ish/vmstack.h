/*
 * Kernel stacks with guard pages.  Every task's THREAD_SIZE stack is
 * mapped in a dedicated virtual area above the direct map, in a slot
 * whose lower half stays unmapped: overflowing a stack faults on that
 * guard, the CPU cannot push the fault frame, and the double-fault task
 * reports it (instead of the overflow silently corrupting whatever page
 * lies below in the direct map).  The area's page tables are allocated
 * at boot and shared by every address space.
 */
#ifndef _LINUX_ISH_VMSTACK_H
#define _LINUX_ISH_VMSTACK_H

#include <linux-ish/types.h>

struct page;

#define STACK_AREA_START	0xFC000000UL
#define STACK_AREA_END		0xFE000000UL

/* Slots of THREAD_SIZE * 2 (stack + guard): how many tasks can exist. */
#define NR_STACK_SLOTS		((STACK_AREA_END - STACK_AREA_START) / (2 * 8192))

void stack_area_init(void);
/* Maps a new stack; returns its lowest address (THREAD_SIZE aligned) or NULL. */
void *alloc_thread_stack(struct page **pagep);
void free_thread_stack(void *stack, struct page *page);
/* Is @addr in the guard half of a stack slot (or the boot stack's guard)? */
bool stack_guard_hit(unsigned long addr);
unsigned int nr_thread_stacks(void);

#endif
