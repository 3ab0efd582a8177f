/*
 * Address-space layout randomisation: the kernel.randomize_va_space
 * sysctl (0 none; 1 stack top, mmap_base, PIE load bias and the vDSO;
 * 2, the default, also the start of the break), the norandmaps boot
 * parameter (sets it to 0), and the helpers exec uses.  A task whose
 * personality has ADDR_NO_RANDOMIZE (setarch -R) execs without any.
 * The arch's part (how far each thing moves) is in arch/x86/mm/mmap.c.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/elf-randomize.h>
#include <linux-ish/init.h>
#include <linux-ish/mm.h>
#include <linux-ish/random.h>
#include <linux-ish/sched.h>
#include <asm/elf.h>
#include <uapi/linux-ish/personality.h>

int randomize_va_space = 2;
int sysctl_legacy_va_layout;

static int __init norandmaps_setup(const char *val)
{
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", norandmaps_setup);

bool exec_randomizes(void)
{
	return READ_ONCE(randomize_va_space) && !(current->personality & ADDR_NO_RANDOMIZE);
}

unsigned long randomize_page(unsigned long start, unsigned long range)
{
	if (start > ULONG_MAX - range)
		range = ULONG_MAX - start;
	range >>= PAGE_SHIFT;
	if (!range)
		return start;
	return start + ((get_random_u32() % range) << PAGE_SHIFT);
}

unsigned long randomize_stack_top(unsigned long top, bool rnd)
{
	if (!rnd)
		return PAGE_ALIGN(top);
	return PAGE_ALIGN(top) - ((get_random_u32() & STACK_RND_MASK) << PAGE_SHIFT);
}
