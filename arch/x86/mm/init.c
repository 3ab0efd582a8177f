/*
 * The kernel's own page tables.  head.S mapped MAXMEM of physical memory
 * with 4 MiB pages plus a temporary identity map; paging_init() removes
 * the identity map (page 0 must fault from now on: NULL dereferences are
 * caught), trims the direct map to the RAM that exists, and marks kernel
 * mappings global so that CR3 switches keep them in the TLB.
 *
 * The first 4 MiB, where the kernel image lives, get 4 KiB pages instead:
 * kernel text and read-only data are mapped read-only (with CR0.WP a
 * stray write into them faults), and the guard page below the boot stack
 * is not mapped at all (a stack overflow faults).
 * Every future page directory copies entries KERNEL_PGD_BOUNDARY..1023.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/memblock.h>
#include <linux-ish/vmstack.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>

static pte_t kernel_image_pte[PTRS_PER_PTE] __aligned(PAGE_SIZE);
extern char stack_guard_page[];

/* Maps physical 0-4 MiB with 4 KiB pages: text/rodata RO, the guard absent. */
static void map_kernel_image(bool pge)
{
	unsigned long ro_start = PFN_DOWN(__pa(_text));
	unsigned long ro_end = PFN_UP(__pa(_erodata));
	unsigned long guard = PFN_DOWN(__pa(stack_guard_page));

	for (unsigned long pfn = 0; pfn < PTRS_PER_PTE; pfn++) {
		pgprot_t prot = (pfn >= ro_start && pfn < ro_end) ? PAGE_KERNEL_RO : PAGE_KERNEL;

		if (!pge)
			prot = __pgprot(pgprot_val(prot) & ~_PAGE_GLOBAL);
		kernel_image_pte[pfn] = pfn == guard ? __pte(0) : pfn_pte(pfn, prot);
	}
	swapper_pg_dir[KERNEL_PGD_BOUNDARY] = pgd_mktable_kernel(__pa(kernel_image_pte));
}

void paging_init(void)
{
	phys_addr_t end = ALIGN(memblock_end_of_DRAM(), PGDIR_SIZE);
	bool pge = boot_cpu_data.features_edx & X86_FEATURE_PGE;
	unsigned int i;

	for (i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		swapper_pg_dir[i] = __pgd(0);
	for (i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		phys_addr_t phys = (phys_addr_t)(i - KERNEL_PGD_BOUNDARY) << PGDIR_SHIFT;
		pgd_t entry = __pgd(0);

		if (phys < end && phys < MAXMEM) {
			entry = pgd_mkhuge_kernel(phys);
			if (!pge)
				entry = __pgd(pgd_val(entry) & ~_PAGE_GLOBAL);
		}
		swapper_pg_dir[i] = entry;
	}
	map_kernel_image(pge);
	__flush_tlb();
	stack_area_init();
	if (pge)
		write_cr4(read_cr4() | X86_CR4_PGE);
	pr_info("direct map: [mem 0x00000000-%#010lx] at %#lx, 4 MiB pages%s\n",
		end - 1, PAGE_OFFSET, pge ? ", global" : "");
	pr_info("kernel image: text+rodata read-only, stack guard page at %p\n",
		stack_guard_page);
}
