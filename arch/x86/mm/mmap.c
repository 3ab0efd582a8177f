/*
 * The i386 mmap layout, as Linux's arch/x86/mm/mmap.c chooses it at
 * every exec:
 *
 *   top-down (the default): mmap(NULL) takes the highest free gap below
 *     mmap_base = TASK_SIZE - gap - rnd, where the gap is RLIMIT_STACK
 *     plus the stack's random range and stack_guard_gap, clamped to
 *     [128 MiB, 5/6 of TASK_SIZE]: ld.so and the libraries sit just
 *     under the stack, leaving everything between the heap and them free.
 *   bottom-up (personality ADDR_COMPAT_LAYOUT or vm.legacy_va_layout):
 *     the lowest free gap above TASK_UNMAPPED_BASE + rnd.
 *
 * rnd is up to 2^MMAP_RND_BITS pages when the exec randomises.  As on
 * Linux 6.1 x86, an unlimited RLIMIT_STACK alone does not select the
 * bottom-up layout (it only widens the gap, up to the 5/6 clamp).
 */
#include <linux-ish/kernel.h>
#include <linux-ish/elf-randomize.h>
#include <linux-ish/mm.h>
#include <linux-ish/mman.h>
#include <linux-ish/random.h>
#include <linux-ish/resource.h>
#include <linux-ish/sched.h>
#include <asm/elf.h>
#include <uapi/linux-ish/personality.h>

#define MMAP_GAP_MIN	(128UL << 20)
#define MMAP_GAP_MAX	(TASK_SIZE / 6 * 5)

unsigned long arch_mmap_rnd(bool rnd)
{
	if (!rnd)
		return 0;
	return (get_random_u32() & ((1UL << MMAP_RND_BITS) - 1)) << PAGE_SHIFT;
}

/* The gap kept free for the stack above mmap_base. */
static unsigned long mmap_gap(bool rnd)
{
	unsigned long gap = rlimit(RLIMIT_STACK);
	unsigned long pad = stack_guard_gap + (rnd ? STACK_RND_MASK << PAGE_SHIFT : 0);

	if (gap + pad > gap)
		gap += pad;
	if (gap < MMAP_GAP_MIN)
		return MMAP_GAP_MIN;
	return min(gap, MMAP_GAP_MAX);
}

void arch_pick_mmap_layout(struct mm_struct *mm, bool rnd)
{
	unsigned long off = arch_mmap_rnd(rnd);

	mm->mmap_topdown = !(current->personality & ADDR_COMPAT_LAYOUT) &&
			   !READ_ONCE(sysctl_legacy_va_layout);
	if (mm->mmap_topdown)
		mm->mmap_base = PAGE_ALIGN(TASK_SIZE - mmap_gap(rnd) - off);
	else
		mm->mmap_base = TASK_UNMAPPED_BASE + off;
}

unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	return randomize_page(mm->brk, BRK_RND_RANGE);
}

unsigned long arch_align_stack(unsigned long sp, bool rnd)
{
	if (rnd)
		sp -= get_random_u32() % 8192;
	return sp & ~0xfUL;
}
