/* prot_none: PROT_NONE keeps the data, refuses every access, survives fork. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include "../kselftest.h"

static unsigned char *page;

static void read_page(void *p)
{
	volatile unsigned char c = *(volatile unsigned char *)p;

	(void)c;
}

static void child_restores_and_checks(void *p)
{
	(void)p;
	if (mprotect(page, KSFT_PAGE, PROT_READ) || page[10] != 'A')
		_exit(1);
}

int main(void)
{
	void *populated;
	int st;

	ksft_plan(5);
	page = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 1;
	memset(page, 'A', KSFT_PAGE);
	ksft_ok(mprotect(page, KSFT_PAGE, PROT_NONE) == 0 &&
		KSFT_SIGNALLED(ksft_run_child(read_page, page), SIGSEGV),
		"a PROT_NONE page refuses reads (SIGSEGV)");
	st = ksft_run_child(child_restores_and_checks, NULL);
	ksft_ok(KSFT_EXITED(st, 0), "a forked child inherits the PROT_NONE page with its data");
	ksft_ok(mprotect(page, KSFT_PAGE, PROT_READ | PROT_WRITE) == 0 &&
		page[0] == 'A' && page[KSFT_PAGE - 1] == 'A',
		"PROT_NONE then read-write again: the data is still there");
	populated = mmap(NULL, 4 * KSFT_PAGE, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ksft_ok(populated != MAP_FAILED &&
		KSFT_SIGNALLED(ksft_run_child(read_page, populated), SIGSEGV),
		"MAP_POPULATE of a PROT_NONE area still refuses reads");
	ksft_ok(munmap(page, KSFT_PAGE) == 0 && munmap(populated, 4 * KSFT_PAGE) == 0,
		"PROT_NONE areas unmap");
	ksft_exit();
}
