/*
 * The boot memory allocator: two sorted, non-overlapping lists of
 * physical ranges, "memory" and "reserved".  It lives only until
 * mem_init() has built the coremap; after that, everything goes through
 * the buddy allocator.  Runs single-threaded with IRQs off: no locking.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/errno.h>
#include <linux-ish/init.h>
#include <linux-ish/memblock.h>
#include <linux-ish/string.h>
#include <asm/page.h>

#define LOW_LIMIT	0x100000	/* memblock_alloc() stays above 1 MiB */

struct memblock memblock = { .limit = MAXMEM };

/* mem=SIZE: use no RAM at or above SIZE (rounded down to a page). */
static int __init mem_setup(const char *val)
{
	char *end;
	unsigned long long limit = memparse(val, &end);

	if (*end || limit < (2 << 20))
		return -EINVAL;
	if (limit < MAXMEM)
		memblock.limit = (phys_addr_t)limit & PAGE_MASK;
	return 0;
}
__setup("mem=", mem_setup);

static void region_insert(struct memblock_type *t, unsigned int i,
			  phys_addr_t base, phys_addr_t size)
{
	if (t->cnt == MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
	memmove(&t->regions[i + 1], &t->regions[i],
		(t->cnt - i) * sizeof(t->regions[0]));
	t->regions[i].base = base;
	t->regions[i].size = size;
	t->cnt++;
}

static void region_remove(struct memblock_type *t, unsigned int i)
{
	memmove(&t->regions[i], &t->regions[i + 1],
		(t->cnt - i - 1) * sizeof(t->regions[0]));
	t->cnt--;
}

/* Adds [base, base+size) to @t, merging with overlapping or adjacent ranges. */
static void memblock_add_range(struct memblock_type *t, phys_addr_t base,
			       phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i = 0;

	if (!size)
		return;
	while (i < t->cnt && t->regions[i].base + t->regions[i].size < base)
		i++;
	/* Absorb every region that overlaps or touches [base, end). */
	while (i < t->cnt && t->regions[i].base <= end) {
		struct memblock_region *r = &t->regions[i];

		base = min(base, r->base);
		end = max(end, r->base + r->size);
		region_remove(t, i);
	}
	region_insert(t, i, base, end - base);
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
	u64 end = ALIGN_DOWN((u64)base + size, PAGE_SIZE);

	base = ALIGN(base, PAGE_SIZE);
	if (end > memblock.limit)
		end = memblock.limit;
	if (base < end)
		memblock_add_range(&memblock.memory, base, (phys_addr_t)end - base);
}

/* Reservations are clamped below 4 GiB - 4 KiB: nothing above is RAM we use. */
void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	u64 end = ALIGN((u64)base + size, PAGE_SIZE);
	const u64 top = (u64)(~(phys_addr_t)0 & PAGE_MASK);

	base = ALIGN_DOWN(base, PAGE_SIZE);
	if (end > top)
		end = top;
	if (end > base)
		memblock_add_range(&memblock.reserved, base, (phys_addr_t)(end - base));
}

bool memblock_is_reserved(phys_addr_t addr)
{
	const struct memblock_type *t = &memblock.reserved;

	for (unsigned int i = 0; i < t->cnt; i++)
		if (addr >= t->regions[i].base &&
		    addr < t->regions[i].base + t->regions[i].size)
			return true;
	return false;
}

/* First reserved region that overlaps [base, end), or NULL. */
static const struct memblock_region *reserved_overlap(phys_addr_t base,
						      phys_addr_t end)
{
	const struct memblock_type *t = &memblock.reserved;

	for (unsigned int i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (r->base < end && base < r->base + r->size)
			return r;
	}
	return NULL;
}

phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	const struct memblock_type *m = &memblock.memory;

	size = PAGE_ALIGN(size);
	for (unsigned int i = 0; i < m->cnt; i++) {
		phys_addr_t base = max_t(phys_addr_t, m->regions[i].base, LOW_LIMIT);
		phys_addr_t end = m->regions[i].base + m->regions[i].size;

		base = ALIGN(base, align);
		while (base + size <= end && base + size > base) {
			const struct memblock_region *r = reserved_overlap(base, base + size);

			if (!r) {
				memblock_reserve(base, size);
				memset(__va(base), 0, size);
				return base;
			}
			base = ALIGN(r->base + r->size, align);
		}
	}
	return 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *m = &memblock.memory;

	if (!m->cnt)
		return 0;
	return m->regions[m->cnt - 1].base + m->regions[m->cnt - 1].size;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total;
}

void memblock_dump(void)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		pr_info("  memory   [mem %#010lx-%#010lx]\n", r->base, r->base + r->size - 1);
	}
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		pr_info("  reserved [mem %#010lx-%#010lx]\n", r->base, r->base + r->size - 1);
	}
}
