/*
 * growsdown: a MAP_GROWSDOWN mapping grows down to meet a fault below it
 * (however far below the stack pointer), until it would come within
 * stack_guard_gap (256 pages) of an accessible mapping below it (a
 * PROT_NONE one does not count), or past RLIMIT_STACK; and MAP_32BIT,
 * which only means something to 64-bit tasks, is accepted and ignored.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "../kselftest.h"

#define P KSFT_PAGE
#define GAP (256 * P)

/* The start of the VMA that holds @addr (from /proc/self/maps), or 0. */
static unsigned long vma_start(const void *addr)
{
	static char buf[1 << 16];
	unsigned long lo, hi, want = (unsigned long)addr;
	char *line = buf;

	if (ksft_read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return 0;
	while (line && *line) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && lo <= want && want < hi)
			return lo;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return 0;
}

static void touch(void *p)
{
	*(volatile char *)p = 1;
}

static int child_touch(char *p)
{
	return ksft_run_child(touch, p);
}

static void rlimited_touch(void *p)
{
	struct rlimit r = { 64 * P, 64 * P };

	setrlimit(RLIMIT_STACK, &r);
	touch(p);
}

int main(void)
{
	char *base = mmap(NULL, 2048 * P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *g = base + 2000 * P, *s, *b, *r;
	int st;

	ksft_plan(14);
	munmap(base, 2048 * P);
	r = mmap(g, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN |
		 MAP_FIXED, -1, 0);
	ksft_ok(r == g, "a MAP_GROWSDOWN mapping");
	touch(g - 1);
	ksft_ok(vma_start(g - 1) == (unsigned long)(g - P), "a touch just below grows it a page");
	touch(g - 50 * P);
	s = g - 50 * P;
	ksft_ok(vma_start(g) == (unsigned long)s && *(g - 20 * P) == 0,
		"a touch 50 pages below grows it there, zero-filled");
	b = mmap(s - 400 * P, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	ksft_ok(b == s - 400 * P, "an accessible mapping 400 pages below");
	touch(s - 100 * P);
	s -= 100 * P;
	ksft_ok(vma_start(g) == (unsigned long)s, "growth to 299 pages above it is allowed");
	st = child_touch(s - 50 * P);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "growth into its 256-page guard gap: SIGSEGV");
	st = child_touch(b + P + GAP - 1);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "the last byte of the gap: SIGSEGV");
	st = child_touch(b + P + GAP);
	ksft_ok(KSFT_EXITED(st, 0), "the first page above the gap: grows");
	ksft_ok(mprotect(b, P, PROT_NONE) == 0 && KSFT_EXITED(child_touch(s - 50 * P), 0),
		"a PROT_NONE mapping below keeps no gap");
	st = ksft_run_child(rlimited_touch, s - 200 * P);
	ksft_ok(KSFT_SIGNALLED(st, SIGSEGV), "growth past RLIMIT_STACK: SIGSEGV");
	r = mmap(s - 8 * P, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ksft_ok(r != MAP_FAILED && (r + P <= s - GAP || r >= g + P),
		"a hint inside the guard gap is not taken (%p)", r);
	if (r != MAP_FAILED)
		munmap(r, P);
	munmap(b, P);
	munmap(s, g + P - s);

	r = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	ksft_ok(r != MAP_FAILED, "MAP_32BIT is accepted for an i386 task");
	if (r != MAP_FAILED) {
		r[0] = 1;
		munmap(r, P);
	}
	r = mmap(NULL, P, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	ksft_ok(r == MAP_FAILED && errno == EINVAL,
		"MAP_SHARED_VALIDATE with MAP_ANONYMOUS: EINVAL, as without MAP_32BIT");
	{
		char path[] = "/tmp/growsdown-XXXXXX";
		int fd = mkstemp(path);

		unlink(path);
		(void)!ftruncate(fd, P);
		r = mmap(NULL, P, PROT_READ, MAP_SHARED_VALIDATE | MAP_32BIT, fd, 0);
		ksft_ok(r != MAP_FAILED, "MAP_SHARED_VALIDATE knows MAP_32BIT");
		close(fd);
	}
	ksft_exit();
}
