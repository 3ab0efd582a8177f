/*
 * msync_errors: msync's errors as Linux gives them: an unaligned start
 * or unknown flags or MS_ASYNC with MS_SYNC is EINVAL; a range with an
 * unmapped page is ENOMEM; a good range of an anonymous or a file mapping
 * succeeds, also with MS_INVALIDATE.
 */
#include <errno.h>
#include <sys/mman.h>
#include "../kselftest.h"

static int fails_with(long ret, int err)
{
	return ret == -1 && errno == err;
}

int main(void)
{
	char *p = mmap(NULL, 3 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	ksft_plan(7);
	if (p == MAP_FAILED)
		return 1;
	ksft_ok(msync(p, KSFT_PAGE, MS_SYNC) == 0, "a mapped range: 0");
	ksft_ok(msync(p, KSFT_PAGE, MS_ASYNC | MS_INVALIDATE) == 0, "MS_ASYNC | MS_INVALIDATE: 0");
	ksft_ok(fails_with(msync(p + 1, KSFT_PAGE, MS_SYNC), EINVAL), "an unaligned start: EINVAL");
	ksft_ok(fails_with(msync(p, KSFT_PAGE, 0x100), EINVAL), "unknown flags: EINVAL");
	ksft_ok(fails_with(msync(p, KSFT_PAGE, MS_SYNC | MS_ASYNC), EINVAL),
		"MS_SYNC with MS_ASYNC: EINVAL");
	munmap(p + KSFT_PAGE, KSFT_PAGE);
	ksft_ok(fails_with(msync(p, 3 * KSFT_PAGE, MS_SYNC), ENOMEM), "a hole in the range: ENOMEM");
	ksft_ok(fails_with(msync(p + KSFT_PAGE, KSFT_PAGE, MS_ASYNC), ENOMEM),
		"an unmapped range: ENOMEM");
	ksft_exit();
}
