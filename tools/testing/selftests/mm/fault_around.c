/*
 * fault_around: a read fault in a file mapping also maps the neighbouring
 * pages already in the page cache (Linux's fault-around, 64 KiB by
 * default), seen through /proc/self/smaps's Rss, and nothing else
 * changes: one fault counted, holes and pages past the end of the file
 * left alone (no page made, mincore still says not resident), never past
 * the VMA, private copies on write, SIGBUS after truncation, SIGSEGV after
 * munmap.  /sys/kernel/debug/fault_around_bytes sets the window as on
 * Linux (4096 turns it off: exactly one page then, on both kernels).
 * Linux maps "up to" 16 pages; Linnet's exact counts are checked on
 * Linnet only.
 */
#include "../kselftest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#define PG	KSFT_PAGE
#define KNOB	"/sys/kernel/debug/fault_around_bytes"

static char text[1 << 17];
static int linnet;
static char path[] = "/tmp/linnet-faultaround-XXXXXX";

/* The kB of @key in the smaps block of the VMA starting at @start; -1 if none. */
static long vma_field(const void *start, const char *key)
{
	char head[32], *block, *end, *at;

	if (ksft_read_file("/proc/self/smaps", text, sizeof(text)) < 0)
		return -1;
	snprintf(head, sizeof(head), "%08lx-", (unsigned long)start);
	block = strstr(text, head);
	if (!block || (block != text && block[-1] != '\n'))
		return -1;
	end = strstr(block, "VmFlags:");
	at = strstr(block, key);
	if (!at || !end || at > end)
		return -1;
	return strtol(at + strlen(key), NULL, 10);
}

static long rss_kb(const void *start)
{
	return vma_field(start, "\nRss:");
}

/* The knob's value, -1 if it cannot be read. */
static long knob_get(void)
{
	char buf[32];

	if (ksft_read_file(KNOB, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* write(2) of @val: 0 or -errno. */
static int knob_set(const char *val)
{
	int fd = open(KNOB, O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		err = -errno;
	close(fd);
	return err;
}

/* A file of @size bytes, page p filled with 'a' + p % 26, but only the
 * pages whose bit is set in @written (the others are holes). */
static int make_file(size_t size, unsigned long written)
{
	static char page[PG];
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	strcpy(path + strlen(path) - 6, "XXXXXX");
	if (ftruncate(fd, (off_t)size))
		return -1;
	for (size_t p = 0; p * PG < size; p++) {
		size_t len = size - p * PG < PG ? size - p * PG : PG;

		if (!(written & (1UL << p)))
			continue;
		memset(page, 'a' + (int)(p % 26), sizeof(page));
		if (pwrite(fd, page, len, (off_t)(p * PG)) != (ssize_t)len)
			return -1;
	}
	return fd;
}

/*
 * A 64 KiB-aligned address with @pages free pages from it: a window
 * reserved and given back (the caller maps there with MAP_FIXED at once).
 */
static char *aligned_spot(size_t pages)
{
	size_t len = pages * PG + 64 * 1024;
	char *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED)
		return NULL;
	a = (char *)(((unsigned long)p + 0xffff) & ~0xffffUL);
	munmap(p, len);
	return a;
}

static char *map_at(char *addr, size_t pages, int prot, int flags, int fd, size_t off_pages)
{
	char *m = mmap(addr, pages * PG, prot, flags | (addr ? MAP_FIXED : 0), fd,
		       (off_t)(off_pages * PG));

	return m == MAP_FAILED ? NULL : m;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

static sigjmp_buf jb;
static volatile int got_sig;

static void on_sig(int sig)
{
	got_sig = sig;
	siglongjmp(jb, 1);
}

/* Reads one byte at @p: the byte, or -signal. */
static int probe(const volatile char *p)
{
	got_sig = 0;
	if (sigsetjmp(jb, 1))
		return -got_sig;
	return *p;
}

/* Touches one page of a 16-page cached mapping with the knob at @val: Rss kB. */
static long rss_after_one_touch(int fd)
{
	char *a = aligned_spot(16), *m = a ? map_at(a, 16, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	long rss;

	if (!m)
		return -1;
	(void)probe(m);
	rss = rss_kb(m);
	munmap(m, 16 * PG);
	return rss;
}

static void test_knob(int fd)
{
	int einval_big, einval_text;

	ksft_ok(knob_get() == 65536, "fault_around_bytes is 65536 by default");
	ksft_ok(knob_set("4096") == 0 && knob_get() == 4096, "4096 is taken");
	ksft_ok(rss_after_one_touch(fd) == 4, "at 4096 one touched page maps one page (Rss 4 kB)");
	ksft_ok(knob_set("0") == 0 && knob_get() == 4096, "0 becomes one page (4096)");
	ksft_ok(knob_set("100000") == 0 && knob_get() == 65536,
		"100000 is rounded down to a power of two (65536)");
	ksft_ok(knob_set("0x8000\n") == 0 && knob_get() == 32768, "0x8000 is hex (32768)");
	einval_big = knob_set("8388608");
	einval_text = knob_set("sixteen");
	ksft_ok(einval_big == -EINVAL && einval_text == -EINVAL && knob_get() == 32768,
		"more than a page table's span and text are EINVAL, the value stays");
	ksft_ok(knob_set("65536") == 0 && knob_get() == 65536, "65536 is taken back");
}

static void test_window(int fd)
{
	char *a = aligned_spot(32), *m = a ? map_at(a, 32, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	long before, one, all, rss;

	if (!m) {
		ksft_ok(0, "map a 32-page file at a 64 KiB boundary");
		return;
	}
	before = minflt();
	(void)probe(m + 20 * PG);
	one = minflt() - before;
	rss = rss_kb(m);
	before = minflt();
	for (int p = 16; p < 32; p++)
		(void)probe(m + p * PG);
	all = minflt() - before;
	ksft_ok(rss >= 4 && rss <= 64 && (!linnet || rss == 64),
		"one touched page maps its 64 KiB window (Rss %ld kB)", rss);
	ksft_ok(one == 1 && (!linnet || all == 0),
		"it counts as one fault (%ld); the window's other pages take %ld", one, all);
	ksft_ok(m[20 * PG] == 'a' + 20 && m[16 * PG] == 'a' + 16 && m[31 * PG] == 'a' + 31 % 26 &&
		rss_kb(m) <= 64, "the pages read the file's data and nothing outside the window came");
	munmap(m, 32 * PG);
}

/* Holes and the end of the file: only cached pages are mapped, none is made. */
static void test_holes_and_eof(void)
{
	/* pages 0 and 9 written, the rest holes; 16 pages long */
	int fd = make_file(16 * PG, (1UL << 0) | (1UL << 9));
	char *a = aligned_spot(16), *m = fd >= 0 && a ? map_at(a, 16, PROT_READ, MAP_SHARED, fd, 0) : NULL;
	unsigned char vec[16];
	long rss;

	if (!m) {
		ksft_ok(0, "a file with holes mapped");
		return;
	}
	(void)probe(m);
	rss = rss_kb(m);
	ksft_ok(rss >= 4 && rss <= 8 && (!linnet || rss == 8),
		"holes are not mapped: the two cached pages are (Rss %ld kB)", rss);
	ksft_ok(mincore(m, 16 * PG, vec) == 0 && !(vec[4] & 1) && !(vec[15] & 1) && (vec[9] & 1),
		"and no page was made for a hole (mincore)");
	munmap(m, 16 * PG);
	close(fd);

	/* 5.5 pages of data mapped over 16 pages */
	fd = make_file(5 * PG + PG / 2, ~0UL);
	a = aligned_spot(16);
	m = fd >= 0 && a ? map_at(a, 16, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	if (!m) {
		ksft_ok(0, "a 5.5-page file mapped");
		return;
	}
	(void)probe(m);
	rss = rss_kb(m);
	ksft_ok(rss >= 4 && rss <= 24 && (!linnet || rss == 24),
		"nothing past the end of the file is mapped (Rss %ld kB)", rss);
	ksft_ok(probe(m + 5 * PG + PG / 2) == 0 && probe(m + 6 * PG) == -SIGBUS,
		"the last page's tail reads 0, the next page is SIGBUS");
	munmap(m, 16 * PG);
	close(fd);
}

/* The window starts at the VMA (not below) and stops at its end. */
static void test_vma_edges(int fd)
{
	char *a = aligned_spot(32), *m, *n;
	long rss_m, rss_n;

	m = a ? map_at(a + 12 * PG, 8, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	/* right after it, a mapping that cannot merge (offset 0 again) */
	n = m ? map_at(a + 20 * PG, 8, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	if (!n) {
		ksft_ok(0, "two adjacent mappings");
		return;
	}
	(void)probe(m);
	rss_m = rss_kb(m);
	rss_n = rss_kb(n);
	ksft_ok(rss_m >= 4 && rss_m <= 32 && (!linnet || rss_m == 32) && rss_n == 0,
		"a VMA starting inside a window: its 8 pages (Rss %ld kB), the next VMA none (%ld)",
		rss_m, rss_n);
	munmap(m, 16 * PG);
}

/* Pages fault-around mapped are still copy-on-write, or shared, as before. */
static void test_cow_and_shared(int fd)
{
	char *a = aligned_spot(16), *p = a ? map_at(a, 16, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : NULL;
	char *s = p ? map_at(NULL, 16, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : NULL;
	char c = 0, d = 0;

	if (!s) {
		ksft_ok(0, "private and shared mappings");
		return;
	}
	(void)probe(p);			/* maps the window read-only */
	p[3 * PG] = 'X';		/* copy-on-write */
	ksft_ok(pread(fd, &c, 1, 3 * PG) == 1 && c == 'a' + 3 && s[3 * PG] == 'a' + 3 &&
		p[3 * PG] == 'X', "a private write after fault-around copies: the file is unchanged");
	ksft_ok(pwrite(fd, "Y", 1, 5 * PG) == 1 && p[5 * PG] == 'Y',
		"an unwritten private page is still the file's (a later write to the file shows)");
	(void)probe(s);			/* the shared mapping's window */
	s[7 * PG] = 'Z';
	ksft_ok(pread(fd, &d, 1, 7 * PG) == 1 && d == 'Z' && p[7 * PG] == 'Z',
		"a shared write after fault-around reaches the file");
	pwrite(fd, "h", 1, 7 * PG);
	pwrite(fd, "f", 1, 5 * PG);
	munmap(p, 16 * PG);
	munmap(s, 16 * PG);
}

/* Truncation and munmap take the pages fault-around mapped, too. */
static void test_truncate_munmap(void)
{
	int fd = make_file(16 * PG, ~0UL);
	char *a = aligned_spot(16), *m = fd >= 0 && a ? map_at(a, 16, PROT_READ, MAP_SHARED, fd, 0) : NULL;
	long rss;

	if (!m) {
		ksft_ok(0, "a 16-page shared mapping");
		return;
	}
	(void)probe(m);
	ftruncate(fd, 2 * PG);
	rss = rss_kb(m);
	ksft_ok(probe(m + 5 * PG) == -SIGBUS && probe(m + PG) == 'b' && rss <= 8,
		"after truncation to 2 pages: SIGBUS at page 5, page 1 readable, Rss %ld kB", rss);
	ftruncate(fd, 16 * PG);
	ksft_ok(probe(m + 5 * PG) == 0, "grown again, page 5 reads zeros");
	munmap(m, 16 * PG);
	close(fd);

	fd = make_file(16 * PG, ~0UL);
	m = fd >= 0 ? map_at(a, 16, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
	if (!m) {
		ksft_ok(0, "a 16-page private mapping");
		return;
	}
	(void)probe(m);
	munmap(m + 4 * PG, 4 * PG);
	ksft_ok(probe(m + 5 * PG) == -SIGSEGV && probe(m + 8 * PG) == 'a' + 8 &&
		probe(m + 3 * PG) == 'a' + 3 && rss_kb(m) <= 16 && rss_kb(m + 8 * PG) <= 32,
		"munmap of the window's middle: SIGSEGV there, both sides intact");
	munmap(m, 16 * PG);
	close(fd);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_sig };
	struct utsname u;
	int fd;

	ksft_plan(22);
	linnet = uname(&u) == 0 && !strcmp(u.sysname, "Linnet");
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	memset(text, 0, sizeof(text));	/* resident before any Rss is read */
	(void)minflt();			/* and the code counting faults, too */
	(void)probe(text);
	fd = make_file(32 * PG, ~0UL);
	if (fd < 0) {
		ksft_diag("cannot make a file in /tmp: %s", strerror(errno));
		ksft_exit();
	}
	if (knob_get() < 0) {
		for (int i = 0; i < 8; i++)
			ksft_skip("no /sys/kernel/debug/fault_around_bytes", "knob case %d", i + 1);
	} else {
		test_knob(fd);
	}
	test_window(fd);
	test_holes_and_eof();
	test_vma_edges(fd);
	test_cow_and_shared(fd);
	test_truncate_munmap();
	close(fd);
	ksft_exit();
}
