/* mprotect_ro: PROT_READ pages SIGSEGV on write, read fine, can be RW again. */
#include "../kselftest.h"
#include <sys/mman.h>

#define SIZE (2 * KSFT_PAGE)

static unsigned char *region;

static int all(const unsigned char *p, size_t len, unsigned char c)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void write_at(void *arg)
{
	*(volatile unsigned char *)arg = 0xee;
}

/* The child makes its copy writable again; the parent's stays read-only. */
static void unprotect_and_write(void *unused)
{
	(void)unused;
	if (mprotect(region, SIZE, PROT_READ | PROT_WRITE))
		_exit(1);
	memset(region, 'c', SIZE);
}

int main(void)
{
	int st;

	ksft_plan(8);
	region = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		return 1;
	}
	memset(region, 'r', SIZE);

	ksft_ok(mprotect(region, SIZE, PROT_READ) == 0, "mprotect PROT_READ");
	ksft_ok(all(region, SIZE, 'r'), "reads still see the data");
	st = ksft_run_child(write_at, region + 5);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV),
		"a write kills the child with SIGSEGV (status %#x)", st);
	st = ksft_run_child(unprotect_and_write, NULL);
	ksft_ok(KSFT_EXITED(st, 0) && all(region, SIZE, 'r'),
		"child's mprotect RW and writes do not reach the parent");
	st = ksft_run_child(write_at, region + KSFT_PAGE + 5);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV),
		"parent's pages are still read-only (status %#x)", st);

	ksft_ok(mprotect(region, SIZE, PROT_READ | PROT_WRITE) == 0 &&
		(memset(region, 'w', SIZE), all(region, SIZE, 'w')),
		"mprotect back to RW: writes work");

	/* Only the second page read-only: the first stays writable. */
	ksft_ok(mprotect(region + KSFT_PAGE, KSFT_PAGE, PROT_READ) == 0 &&
		KSFT_EXITED(ksft_run_child(write_at, region), 0),
		"mprotect of one page leaves its neighbour writable");
	st = ksft_run_child(write_at, region + KSFT_PAGE);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV) && all(region, SIZE, 'w'),
		"and that one page is read-only (status %#x)", st);
	ksft_exit();
}
