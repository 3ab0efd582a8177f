/*
 * MADV_PAGEOUT with swap on (vda5 of the test disk, see swap_dev.h):
 * private anonymous pages go to swap -- /proc/self/pagemap shows the
 * swap bit and an entry (type, offset) and no longer the present bit,
 * VmSwap and /proc/swaps' Used grow, pswpout counts them -- and every
 * byte reads back (pagemap then shows no swap; VmSwap is not checked
 * there: Linux 6.1 batches a task's fault-time counter updates).  A fork after the pageout: the child and the parent
 * both read their data from the shared swap entries; a child writing
 * the swapped pages (copy-on-write) leaves the parent's intact.
 * swapoff with pages out brings them all back.  Without swap the advice
 * succeeds and nothing moves; a locked range is EINVAL, a hole ENOMEM.
 * Linux may leave a page or two it could not isolate, so "paged out"
 * means at least 7/8 of the range.
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include "swap_dev.h"

#define NTESTS	15
#define NPAGES	64

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

#define PM_SWAP		(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)

static unsigned char byte_at(size_t i, int seed)
{
	return (unsigned char)(i * 13 + i / PAGE + seed);
}

static void fill(unsigned char *p, size_t pages, int seed)
{
	for (size_t i = 0; i < pages * PAGE; i++)
		p[i] = byte_at(i, seed);
}

static int check(const unsigned char *p, size_t pages, int seed)
{
	for (size_t i = 0; i < pages * PAGE; i++)
		if (p[i] != byte_at(i, seed))
			return 0;
	return 1;
}

/* How many of @pages pages at @p pagemap shows in swap (and not present); -1 on error. */
static int swapped(const void *p, size_t pages, uint64_t *first)
{
	uint64_t e[NPAGES];
	int fd = open("/proc/self/pagemap", O_RDONLY), n = 0;
	ssize_t r;

	if (fd < 0 || pages > NPAGES)
		return -1;
	r = pread(fd, e, pages * 8, (uintptr_t)p / PAGE * 8);
	close(fd);
	if (r != (ssize_t)(pages * 8))
		return -1;
	for (size_t i = 0; i < pages; i++)
		if ((e[i] & PM_SWAP) && !(e[i] & PM_PRESENT)) {
			if (!n && first)
				*first = e[i];
			n++;
		}
	return n;
}

static long vmstat(const char *name)
{
	static char buf[16384];
	const char *p;
	char key[64];

	snprintf(key, sizeof(key), "\n%s ", name);
	if (ksft_read_file("/proc/vmstat", buf, sizeof(buf)) < 0 || !(p = strstr(buf, key)))
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

static unsigned char *map_pages(size_t pages)
{
	void *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int mostly(int n, int of)
{
	return n >= of - of / 8;
}

static void test_pageout(void)
{
	unsigned char *p = map_pages(NPAGES);
	long out0 = vmstat("pswpout"), size, used = 0;
	uint64_t e = 0;
	int n, prio, ok;

	fill(p, NPAGES, 1);
	ksft_ok(p && madvise(p, NPAGES * PAGE, MADV_PAGEOUT) == 0, "MADV_PAGEOUT of 64 pages: 0");
	n = swapped(p, NPAGES, &e);
	ok = mostly(n, NPAGES) && ((e >> 5) & ((1ULL << 50) - 1)) > 0;
	ksft_ok(ok, "pagemap: %d of 64 pages swapped, not present; an entry has an offset (%llx)",
		n, (unsigned long long)e);
	ksft_ok(proc_kb("/proc/self/status", "VmSwap:") >= n * 4L,
		"VmSwap counts them (%ld kB)", proc_kb("/proc/self/status", "VmSwap:"));
	ok = !swaps_row(&size, &used, &prio) && used >= n * 4L && vmstat("pswpout") - out0 >= n;
	ksft_ok(ok, "/proc/swaps Used %ld kB, pswpout +%ld", used, vmstat("pswpout") - out0);
	ksft_ok(check(p, NPAGES, 1), "every byte reads back");
	/* (Not VmSwap: Linux 6.1 batches a task's fault-time counts per thread.) */
	ksft_ok(swapped(p, NPAGES, NULL) == 0, "read back: pagemap shows nothing in swap");
	munmap(p, NPAGES * PAGE);
}

/* Pages out 32 pages, forks; the child (writing if @cow) and the parent verify. */
static void test_fork(int cow)
{
	unsigned char *p = map_pages(32);
	int st = -1, n;
	pid_t pid;

	fill(p, 32, 2);
	madvise(p, 32 * PAGE, MADV_PAGEOUT);
	n = swapped(p, 32, NULL);
	pid = fork();
	if (pid == 0) {
		if (swapped(p, 32, NULL) != n)
			_exit(2);		/* the child's PTEs are the swap entries too */
		if (cow) {
			fill(p, 32, 3);
			_exit(check(p, 32, 3) ? 0 : 3);
		}
		_exit(check(p, 32, 2) ? 0 : 4);
	}
	waitpid(pid, &st, 0);
	ksft_ok(mostly(n, 32) && KSFT_EXITED(st, 0),
		cow ? "fork after pageout: the child writes every swapped page and reads its own"
		    : "fork after pageout: the child reads every byte from swap");
	ksft_ok(check(p, 32, 2), cow ? "... the parent still reads its own data"
				     : "... and so does the parent");
	munmap(p, 32 * PAGE);
}

static void test_swapoff(void)
{
	unsigned char *p = map_pages(32);
	int n, ok;

	fill(p, 32, 4);
	madvise(p, 32 * PAGE, MADV_PAGEOUT);
	n = swapped(p, 32, NULL);
	ok = mostly(n, 32) && sys_swapoff(swap_path) == 0 && swapped(p, 32, NULL) == 0;
	ksft_ok(ok, "swapoff with %d pages out: all back, nothing in swap", n);
	ksft_ok(check(p, 32, 4), "... every byte intact");
	ok = madvise(p, 32 * PAGE, MADV_PAGEOUT) == 0 && swapped(p, 32, NULL) == 0 && check(p, 32, 4);
	ksft_ok(ok, "MADV_PAGEOUT without swap: 0, nothing moves");
	errno = 0;
	ok = mlock(p, PAGE) == 0 && madvise(p, PAGE, MADV_PAGEOUT) == -1 && errno == EINVAL;
	ksft_ok(ok, "MADV_PAGEOUT of a locked range: EINVAL");
	munmap(p, 32 * PAGE);
	errno = 0;
	ok = madvise(p, PAGE, MADV_PAGEOUT) == -1 && errno == ENOMEM;
	ksft_ok(ok, "MADV_PAGEOUT of an unmapped range: ENOMEM");
}

int main(void)
{
	ksft_plan(NTESTS);
	if (geteuid() != 0 || find_swap_dev() || mkswap() || sys_swapon(swap_path, 0)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk (vda5), not root, or swapon failed", "pageout case %d",
				  i + 1);
		ksft_exit();
	}
	test_pageout();
	test_fork(0);
	test_fork(1);
	test_swapoff();
	ksft_exit();
}
