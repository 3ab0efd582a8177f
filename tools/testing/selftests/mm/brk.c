/* brk: the break grows and shrinks; regrown pages are zero-filled. */
#include "../kselftest.h"
#include <stdint.h>
#include <sys/mman.h>

#define GROW (8 * KSFT_PAGE)

static int zero(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static void touch(void *arg)
{
	*(volatile unsigned char *)arg = 1;
}

int main(void)
{
	unsigned char *base, *top, *aligned, *fresh;
	size_t len;
	int st;

	ksft_plan(8);
	/* Nothing below may call malloc: the break is ours alone. */
	base = sbrk(0);
	aligned = (unsigned char *)(((uintptr_t)base + KSFT_PAGE - 1) & ~(KSFT_PAGE - 1));
	len = (size_t)(base + GROW - aligned);	/* whole pages past the old break */
	ksft_diag("initial break %p", (void *)base);

	ksft_ok(sbrk(GROW) == base && sbrk(0) == base + GROW,
		"sbrk grows the break by %lu pages", GROW / KSFT_PAGE);
	ksft_ok(zero(aligned, len), "new pages are zero-filled");
	memset(base, 0xa5, GROW);
	ksft_ok(base[0] == 0xa5 && base[GROW - 1] == 0xa5, "the new memory is writable");

	ksft_ok(brk(base) == 0 && sbrk(0) == base, "brk shrinks it back");
	st = ksft_run_child(touch, aligned + KSFT_PAGE);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV),
		"a page above the shrunk break is gone (status %#x)", st);

	ksft_ok(sbrk(GROW) == base && zero(aligned, len),
		"growing again gives zero-filled pages, not the old data");

	/* Place a mapping just above the break; growing over it must fail. */
	top = sbrk(0);
	top = (unsigned char *)(((uintptr_t)top + KSFT_PAGE - 1) & ~(KSFT_PAGE - 1));
	fresh = mmap(top + 4 * KSFT_PAGE, KSFT_PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (fresh != top + 4 * KSFT_PAGE) {
		ksft_skip("no room above the break", "brk cannot cover a mapping");
	} else {
		fresh[0] = 'm';
		errno = 0;
		ksft_ok(brk(fresh + KSFT_PAGE) == -1 && errno == ENOMEM &&
			sbrk(0) == base + GROW && fresh[0] == 'm',
			"brk cannot cover a mapping (ENOMEM, mapping intact)");
		munmap(fresh, KSFT_PAGE);
	}
	ksft_ok(brk(base) == 0 && sbrk(0) == base, "break restored");
	ksft_exit();
}
