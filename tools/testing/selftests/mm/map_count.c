/*
 * map_count: vm.max_map_count with Linux's exact edges.  Punching holes
 * in a big mapping (each one a VMA more) works until the mm has the
 * limit, then ENOMEM; unmapping a VMA's last page still works there;
 * mmap is refused only above the limit (so one more fits); mprotect and
 * mremap that would split are ENOMEM, madvise's split EAGAIN.  The limit
 * is lowered through /proc/sys/vm/max_map_count (root) and restored.
 */
#include <sys/mman.h>
#include "../kselftest.h"

#define P KSFT_PAGE
#define PAGES 200
#define EXTRA 10
#define SYSCTL "/proc/sys/vm/max_map_count"

static int count_vmas(void)
{
	static char buf[1 << 16];
	int n = 0;

	if (ksft_read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return -1;
	for (char *p = buf; *p; p++)
		n += *p == '\n';
	return n;
}

static int write_limit(long v)
{
	char s[32];
	int fd = open(SYSCTL, O_WRONLY), len = snprintf(s, sizeof(s), "%ld\n", v), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, len) == len;
	close(fd);
	return ok ? 0 : -1;
}

int main(void)
{
	char buf[32], *a, *r;
	long old;
	int n, lim, holes = 0, err = 0;

	ksft_plan(10);
	if (ksft_read_file(SYSCTL, buf, sizeof(buf)) <= 0) {
		ksft_diag("cannot read %s", SYSCTL);
		return 1;
	}
	old = atol(buf);
	a = mmap(NULL, PAGES * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	n = count_vmas();
	lim = n + EXTRA;
	ksft_ok(a != MAP_FAILED && n > 0 && write_limit(lim) == 0,
		"max_map_count lowered to %d (%d VMAs now)", lim, n);

	for (int i = 1; i < PAGES - 1; i += 2) {
		if (munmap(a + i * P, P)) {
			err = errno;
			break;
		}
		holes++;
	}
	ksft_ok(holes == EXTRA, "holes punched until the limit: %d", holes);
	ksft_ok(err == ENOMEM, "the next hole: ENOMEM (errno %d)", err);
	ksft_ok(count_vmas() == lim, "the mm has exactly max_map_count VMAs (%d)", count_vmas());
	ksft_ok(munmap(a + (PAGES - 1) * P, P) == 0, "unmapping a VMA's last page still works");
	ksft_ok(mprotect(a + 2 * EXTRA * P + 2 * P, P, PROT_READ) == -1 && errno == ENOMEM,
		"an mprotect that splits: ENOMEM");
	ksft_ok(madvise(a + 2 * EXTRA * P + 2 * P, P, MADV_DONTFORK) == -1 && errno == EAGAIN,
		"a madvise that splits: EAGAIN");
	r = mremap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + P);
	ksft_ok(r == MAP_FAILED && errno == ENOMEM, "a mremap move near the limit: ENOMEM");
	r = mmap(a + P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ksft_ok(r == a + P, "mmap at the limit: allowed once (Linux refuses only above it)");
	r = mmap(a + 3 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == ENOMEM, "mmap above the limit: ENOMEM");
	write_limit(old);
	munmap(a, PAGES * P);
	ksft_exit();
}
