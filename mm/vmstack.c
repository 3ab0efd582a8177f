/*
 * The kernel-stack area (see linux-ish/vmstack.h).  A slot is
 * 2 * THREAD_SIZE: the lower half is the guard, never mapped; the upper
 * half maps the two pages of an order-1 block.  slot_lock (IRQ-safe)
 * covers the slot bitmap; a slot's PTEs belong to whoever holds the slot.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/mm.h>
#include <linux-ish/spinlock.h>
#include <linux-ish/vmstack.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

#define SLOT_SIZE	(2 * THREAD_SIZE)
#define NR_SLOTS	((STACK_AREA_END - STACK_AREA_START) / SLOT_SIZE)
BUILD_BUG_ON(NR_SLOTS != NR_STACK_SLOTS);
#define NR_TABLES	((STACK_AREA_END - STACK_AREA_START) >> PGDIR_SHIFT)
#define STACK_PAGES	(THREAD_SIZE / PAGE_SIZE)

static pte_t stack_ptes[NR_TABLES][PTRS_PER_PTE] __aligned(PAGE_SIZE);
static unsigned long slot_map[NR_SLOTS / 32];
static unsigned int nr_slots_used;
static DEFINE_SPINLOCK(slot_lock);
extern char stack_guard_page[];

/* Before any page directory is copied: the tables are then shared by all. */
void stack_area_init(void)
{
	for (unsigned long i = 0; i < NR_TABLES; i++) {
		unsigned long addr = STACK_AREA_START + (i << PGDIR_SHIFT);

		*pgd_offset_k(addr) = pgd_mktable_kernel(__pa(stack_ptes[i]));
	}
	__flush_tlb();
}

static pte_t *stack_pte(unsigned long addr)
{
	return pte_offset(pgd_offset_k(addr), addr);
}

static long slot_get(void)
{
	unsigned long flags;
	long slot = -1;

	spin_lock_irqsave(&slot_lock, flags);
	for (unsigned long i = 0; i < NR_SLOTS && slot < 0; i++) {
		if (!(slot_map[i / 32] & (1UL << (i % 32)))) {
			slot_map[i / 32] |= 1UL << (i % 32);
			nr_slots_used++;
			slot = i;
		}
	}
	spin_unlock_irqrestore(&slot_lock, flags);
	return slot;
}

static void slot_put(unsigned long slot)
{
	unsigned long flags;

	spin_lock_irqsave(&slot_lock, flags);
	slot_map[slot / 32] &= ~(1UL << (slot % 32));
	nr_slots_used--;
	spin_unlock_irqrestore(&slot_lock, flags);
}

void *alloc_thread_stack(struct page **pagep)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	unsigned long stack;
	long slot;

	if (!page)
		return NULL;
	slot = slot_get();
	if (slot < 0) {
		__free_pages(page, 1);
		return NULL;
	}
	SetPageStack(page);
	mod_vm_stat(NR_KERNEL_STACK, STACK_PAGES);
	stack = STACK_AREA_START + slot * SLOT_SIZE + THREAD_SIZE;
	for (unsigned long i = 0; i < STACK_PAGES; i++)
		set_pte(stack_pte(stack + i * PAGE_SIZE),
			pfn_pte(page_to_pfn(page) + i, PAGE_KERNEL));
	*pagep = page;
	return (void *)stack;
}

/* The stack must not be in use: the caller runs on another one. */
void free_thread_stack(void *stack, struct page *page)
{
	unsigned long addr = (unsigned long)stack;

	for (unsigned long i = 0; i < STACK_PAGES; i++) {
		pte_clear(stack_pte(addr + i * PAGE_SIZE));
		__flush_tlb_one(addr + i * PAGE_SIZE);
	}
	slot_put((addr - STACK_AREA_START) / SLOT_SIZE);
	ClearPageStack(page);
	mod_vm_stat(NR_KERNEL_STACK, -STACK_PAGES);
	__free_pages(page, 1);
}

bool stack_guard_hit(unsigned long addr)
{
	unsigned long boot_guard = (unsigned long)stack_guard_page;

	if (addr >= boot_guard && addr < boot_guard + PAGE_SIZE)
		return true;
	if (addr < STACK_AREA_START || addr >= STACK_AREA_END)
		return false;
	return (addr - STACK_AREA_START) % SLOT_SIZE < THREAD_SIZE;
}

unsigned int nr_thread_stacks(void)
{
	return READ_ONCE(nr_slots_used);
}
