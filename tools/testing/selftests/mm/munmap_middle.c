/* munmap_middle: a hole punched by munmap faults; its neighbours survive. */
#include "../kselftest.h"
#include <sys/mman.h>

#define PAGES 5
#define PAGE(i) (region + (i) * KSFT_PAGE)

static unsigned char *region;

static int page_holds(int i, unsigned char c)
{
	for (size_t j = 0; j < KSFT_PAGE; j++)
		if (PAGE(i)[j] != c)
			return 0;
	return 1;
}

static void read_hole(void *arg)
{
	volatile unsigned char *p = arg;

	(void)*p;
}

static void write_hole(void *arg)
{
	*(volatile unsigned char *)arg = 1;
}

int main(void)
{
	int ok = 1, st;

	ksft_plan(6);
	region = mmap(NULL, PAGES * KSFT_PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	for (int i = 0; i < PAGES; i++)
		memset(PAGE(i), 'a' + i, KSFT_PAGE);

	ksft_ok(munmap(PAGE(2), KSFT_PAGE) == 0, "munmap of the middle page");
	for (int i = 0; i < PAGES; i++)
		if (i != 2 && !page_holds(i, (unsigned char)('a' + i)))
			ok = 0;
	ksft_ok(ok, "the four outer pages keep their data");

	for (int i = 0; i < PAGES; i++)
		if (i != 2)
			memset(PAGE(i), 'A' + i, KSFT_PAGE);
	for (int i = 0; i < PAGES; i++)
		if (i != 2 && !page_holds(i, (unsigned char)('A' + i)))
			ok = 0;
	ksft_ok(ok, "the outer pages are still writable");

	st = ksft_run_child(read_hole, PAGE(2) + 123);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "reading the hole: SIGSEGV (status %#x)", st);
	st = ksft_run_child(write_hole, PAGE(2));
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "writing the hole: SIGSEGV (status %#x)", st);

	ksft_ok(munmap(PAGE(0), 2 * KSFT_PAGE) == 0 &&
		munmap(PAGE(3), 2 * KSFT_PAGE) == 0 &&
		munmap(region, PAGES * KSFT_PAGE) == 0,
		"the pieces and then the whole range unmap");
	ksft_exit();
}
