/*
 * mincore: one byte per page, bit 0 when resident.  Touched anonymous
 * pages are resident, untouched ones are not; a file's page is resident
 * once in the page cache even if this process never touched it; holes
 * give ENOMEM, an unaligned start EINVAL, a bad vector EFAULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../kselftest.h"

int main(void)
{
	unsigned char vec[4];
	char tmpl[] = "/tmp/mincore.XXXXXX", buf[4096] = { 1 };
	char *p = mmap(NULL, 4 * KSFT_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	int fd = mkstemp(tmpl);
	char *f;

	ksft_plan(7);
	if (p == MAP_FAILED || fd < 0)
		return 1;
	unlink(tmpl);
	p[0] = 1;
	p[2 * KSFT_PAGE] = 1;
	ksft_ok(mincore(p, 4 * KSFT_PAGE, vec) == 0 && (vec[0] & 1) && !(vec[1] & 1) &&
		(vec[2] & 1) && !(vec[3] & 1), "touched pages are resident, the others not");
	ksft_ok(mincore(p + 1, KSFT_PAGE, vec) == -1 && errno == EINVAL, "an unaligned start: EINVAL");
	munmap(p + KSFT_PAGE, KSFT_PAGE);
	ksft_ok(mincore(p, 4 * KSFT_PAGE, vec) == -1 && errno == ENOMEM, "a hole: ENOMEM");
	ksft_ok(mincore(p, KSFT_PAGE, (unsigned char *)4) == -1 && errno == EFAULT,
		"a bad vector: EFAULT");
	/* The file's first page is written (in the cache), its second is a hole. */
	if (write(fd, buf, sizeof(buf)) != sizeof(buf) || ftruncate(fd, 2 * KSFT_PAGE))
		return 1;
	f = mmap(NULL, 2 * KSFT_PAGE, PROT_READ, MAP_SHARED, fd, 0);
	ksft_ok(f != MAP_FAILED && mincore(f, 2 * KSFT_PAGE, vec) == 0 && (vec[0] & 1),
		"a file page in the cache is resident before any fault");
	ksft_ok(mincore(p, 0, vec) == 0, "a zero length: 0");
	ksft_ok(mincore((void *)0xbffff000, 0x100000, vec) == -1 && errno == ENOMEM,
		"a range past the end of user space: ENOMEM");
	ksft_exit();
}
