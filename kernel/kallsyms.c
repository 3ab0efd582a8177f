/*
 * Lookup in the symbol table that the build appends to the image (see
 * scripts/kallsyms.sh).  The table is sorted by address; the last entry is
 * _etext, which bounds the size of the last function.
 */
#include <linux-ish/kernel.h>
#include <linux-ish/kallsyms.h>
#include <linux-ish/string.h>

extern const unsigned long kallsyms_num_syms;
extern const unsigned long kallsyms_addresses[];
extern const unsigned long kallsyms_offsets[];
extern const char kallsyms_names[];

/* Index of the last symbol at or below @addr, or -1. */
static long kallsyms_search(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	/* Several names may share an address; report the first. */
	while (found > 0 && kallsyms_addresses[found - 1] == kallsyms_addresses[found])
		found--;
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size)
{
	long i = kallsyms_search(addr);
	unsigned long next = 0;
	long j;

	if (i < 0 || i + 1 >= (long)kallsyms_num_syms)
		return NULL;	/* before _text, or at/after _etext */
	for (j = i + 1; j < (long)kallsyms_num_syms; j++) {
		if (kallsyms_addresses[j] > kallsyms_addresses[i]) {
			next = kallsyms_addresses[j];
			break;
		}
	}
	if (!next)
		return NULL;
	*offset = addr - kallsyms_addresses[i];
	*size = next - kallsyms_addresses[i];
	return &kallsyms_names[kallsyms_offsets[i]];
}

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	unsigned long off, sz;
	const char *name = kallsyms_lookup(addr, &off, &sz);

	if (!name)
		return snprintf(buf, size, "0x%08lx", addr);
	return snprintf(buf, size, "%s+0x%lx/0x%lx", name, off, sz);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long i;

	for (i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(&kallsyms_names[kallsyms_offsets[i]], name))
			return kallsyms_addresses[i];
	return 0;
}
