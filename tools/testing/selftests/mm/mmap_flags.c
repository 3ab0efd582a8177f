/* mmap_flags: Linux's answers to MAP_FIXED_NOREPLACE and MAP_SHARED_VALIDATE. */
#include <errno.h>
#include <sys/mman.h>
#include <uapi/linux-ish/mman.h>
#include "../kselftest.h"

int main(void)
{
	char *a;
	void *r;

	ksft_plan(4);
	a = mmap(NULL, 2 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED)
		return 1;
	a[0] = 'x';
	r = mmap(a, KSFT_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping: EEXIST");
	r = mmap(a, KSFT_PAGE, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_FIXED_NOREPLACE, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == EEXIST && a[0] == 'x',
		"MAP_FIXED|MAP_FIXED_NOREPLACE does not replace either");
	r = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == EINVAL, "anonymous MAP_SHARED_VALIDATE: EINVAL");
	r = mmap(NULL, KSFT_PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == EINVAL, "neither MAP_SHARED nor MAP_PRIVATE: EINVAL");
	ksft_exit();
}
