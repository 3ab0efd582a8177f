/*
 * Building the coremap.  mem_map[] gets one struct page for every frame
 * below the end of RAM (holes included, so pfn_to_page() is plain
 * arithmetic); it is itself carved out of memblock.  Every page starts
 * PG_reserved with _refcount 1; the pages of each memblock memory range
 * that no reservation covers are then handed to the buddy allocator.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/fault-inject.h>
#include <linux-ish/init.h>
#include <linux-ish/pagemap.h>
#include <linux-ish/memblock.h>
#include <linux-ish/mm.h>
#include <linux-ish/slab.h>
#include <asm/setup.h>

void zone_init(void);
void free_boot_range(unsigned long start_pfn, unsigned long end_pfn);

static void __init alloc_mem_map(void)
{
	phys_addr_t size;
	phys_addr_t phys;

	BUILD_BUG_ON(sizeof(struct page) > 32);
	max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	size = max_pfn * sizeof(struct page);
	phys = memblock_alloc(size, PAGE_SIZE);
	if (!phys)
		panic("cannot allocate %lu KiB for mem_map", size >> 10);
	mem_map = __va(phys);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = &mem_map[pfn];

		page->flags = 1UL << PG_reserved;
		atomic_set(&page->_refcount, 1);
		atomic_set(&page->_mapcount, -1);
		INIT_LIST_HEAD(&page->lru);
	}
}

/* Frees the parts of [start, end) that no reserved region covers. */
static void __init free_unreserved(unsigned long start, unsigned long end)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned long run = pfn;

		while (run < end && !memblock_is_reserved(PFN_PHYS(run)))
			run++;
		if (run > pfn)
			free_boot_range(pfn, run);
		pfn = run + 1;
	}
}

/* Size of a linker-script section: its bounds are distinct symbols. */
static unsigned long section_kib(const char *start, const char *end)
{
	return ((unsigned long)end - (unsigned long)start) >> 10;
}

static void __init print_memory_summary(void)
{
	unsigned long total_k = memblock_phys_mem_size() >> 10;
	unsigned long avail_k = nr_free_pages() << (PAGE_SHIFT - 10);

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rodata, "
		"%luK rwdata, %luK bss, %luK reserved)\n",
		avail_k, total_k,
		section_kib(_text, _etext), section_kib(_etext, _erodata),
		section_kib(_sdata, _edata), section_kib(__bss_start, __bss_stop),
		total_k - avail_k);
}

void __init mem_init(void)
{
	alloc_mem_map();
	zone_init();
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		free_unreserved(PFN_DOWN(r->base), PFN_DOWN(r->base + r->size));
	}
	print_memory_summary();
}

void __init mm_init(void)
{
	memblock_dump();
	mem_init();
	kmem_cache_init();
	page_wait_table_init();
	fault_attr_register(&fail_page_alloc_attr);
	fault_attr_register(&failslab_attr);
}
