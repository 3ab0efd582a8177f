/*
 * static_pie: a static-pie (ET_DYN, no PT_INTERP) executable runs, its
 * self-relocation done: pointers stored in data point where the objects
 * really are, and the auxv describes the image where it was loaded.
 * Built with -static-pie (the *_pie rule in the Makefile).
 */
#include "../kselftest.h"
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>

extern char _start[];
extern const ElfW(Ehdr) __ehdr_start;	/* the ELF header, as mapped */

static int target = 42;
static int *pointer = &target;		/* needs an R_386_RELATIVE fix-up */
static const char *strings[] = { "alpha", "beta" };
static int (*fn)(int) = abs;

extern char _end[];

/* brk works and its pages are not the image's. */
static int heap_ok(unsigned long base)
{
	char *old = sbrk(0), *p = sbrk(2 * KSFT_PAGE);

	if (p == (void *)-1 || p != old)
		return 0;
	memset(p, 0x5a, 2 * KSFT_PAGE);
	if ((unsigned long)p < (unsigned long)_end && (unsigned long)p + 2 * KSFT_PAGE > base)
		return 0;
	return pointer == &target && p[2 * KSFT_PAGE - 1] == 0x5a;
}

int main(void)
{
	unsigned long base = (unsigned long)&__ehdr_start;
	const ElfW(Phdr) *phdr = (const void *)getauxval(AT_PHDR);

	ksft_plan(7);
	ksft_ok(__ehdr_start.e_type == ET_DYN, "the image is ET_DYN (type %d)", __ehdr_start.e_type);
	ksft_ok(pointer == &target && *pointer == 42, "a global pointer to a global is relocated");
	ksft_ok(!strcmp(strings[1], "beta"), "an array of string pointers is relocated");
	ksft_ok(fn(-3) == 3, "a function pointer in data is relocated");
	ksft_ok(getauxval(AT_ENTRY) == (unsigned long)_start,
		"AT_ENTRY %#lx is _start %p", getauxval(AT_ENTRY), (void *)_start);
	ksft_ok((unsigned long)phdr == base + __ehdr_start.e_phoff && getauxval(AT_BASE) == 0,
		"AT_PHDR %p is the loaded headers (base %#lx), AT_BASE %#lx is 0",
		(void *)phdr, base, getauxval(AT_BASE));
	ksft_ok(heap_ok(base), "brk grows outside the image and is writable");
	ksft_exit();
}
