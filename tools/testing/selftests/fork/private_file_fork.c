/*
 * private_file_fork: fork of private file mappings.  A mapping that holds
 * only page-cache pages is not copied PTE by PTE (the child faults them
 * in again, as on Linux: its Rss starts at 0); one with a private copy
 * anywhere in it is (the child sees the copy and the file's pages, Rss as
 * the parent's).  A private copy made by a forced write through
 * /proc/self/mem into a read-only mapping counts too.  Either way the
 * child reads exactly what the parent saw, and the file stays unchanged.
 */
#include "../kselftest.h"
#include <sys/mman.h>

#define PG	KSFT_PAGE
#define PAGES	16

static char text[1 << 17];
static char path[] = "/tmp/linnet-pff-XXXXXX";

static long rss_kb(const void *start)
{
	char head[32], *block, *end, *at;

	if (ksft_read_file("/proc/self/smaps", text, sizeof(text)) < 0)
		return -1;
	snprintf(head, sizeof(head), "%08lx-", (unsigned long)start);
	block = strstr(text, head);
	if (!block)
		return -1;
	end = strstr(block, "VmFlags:");
	at = strstr(block, "\nRss:");
	if (!at || !end || at > end)
		return -1;
	return strtol(at + 5, NULL, 10);
}

/* Exit status for the child: 0 if every page reads its expected byte. */
struct expect {
	const char *m;
	char special;		/* page 3's byte, or 0 for the file's */
	long rss_max;		/* the child's Rss before reading, at most (kB) */
};

static void child_checks(void *arg)
{
	const struct expect *e = arg;
	long rss = rss_kb(e->m);

	if (rss < 0 || rss > e->rss_max)
		_exit(2);
	for (int p = 0; p < PAGES; p++) {
		char want = (p == 3 && e->special) ? e->special : (char)('a' + p);

		if (e->m[p * PG] != want)
			_exit(3);
	}
	_exit(0);
}

static int file_intact(int fd)
{
	char c;

	for (int p = 0; p < PAGES; p++)
		if (pread(fd, &c, 1, (off_t)p * PG) != 1 || c != 'a' + p)
			return 0;
	return 1;
}

int main(void)
{
	static char page[PG];
	struct expect e;
	char *m;
	int fd, st, memfd;

	ksft_plan(6);
	memset(text, 0, sizeof(text));
	fd = mkstemp(path);
	if (fd < 0) {
		ksft_diag("mkstemp: %s", strerror(errno));
		ksft_exit();
	}
	unlink(path);
	for (int p = 0; p < PAGES; p++) {
		memset(page, 'a' + p, sizeof(page));
		if (pwrite(fd, page, PG, (off_t)p * PG) != PG)
			ksft_diag("pwrite: %s", strerror(errno));
	}

	/* 1: only page-cache pages mapped */
	m = mmap(NULL, PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	for (int p = 0; p < PAGES; p++)
		(void)*(volatile char *)(m + p * PG);
	e = (struct expect){ .m = m, .special = 0, .rss_max = PAGES * 4 };
	st = ksft_run_child(child_checks, &e);
	ksft_ok(KSFT_EXITED(st, 0), "unwritten private file mapping: the child reads the file (status %#x)", st);
	e.rss_max = 0;
	st = ksft_run_child(child_checks, &e);
	ksft_ok(KSFT_EXITED(st, 0), "and starts with Rss 0: nothing was copied (status %#x)", st);

	/* 2: one page copied on write */
	m[3 * PG] = 'X';
	e = (struct expect){ .m = m, .special = 'X', .rss_max = PAGES * 4 };
	st = ksft_run_child(child_checks, &e);
	ksft_ok(KSFT_EXITED(st, 0) && file_intact(fd),
		"after a private write the child sees the copy and the file's pages (status %#x)", st);
	ksft_ok(rss_kb(m) == PAGES * 4, "the parent still has all 16 pages mapped");
	munmap(m, PAGES * PG);

	/* 3: a read-only private mapping written through /proc/self/mem (as a debugger's breakpoint) */
	m = mmap(NULL, PAGES * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	(void)*(volatile char *)m;
	memfd = open("/proc/self/mem", O_RDWR);
	ksft_ok(memfd >= 0 && pwrite64(memfd, "Y", 1, (off64_t)(unsigned long)(m + 3 * PG)) == 1 &&
		m[3 * PG] == 'Y' && file_intact(fd),
		"a forced write into a read-only private mapping makes a private copy");
	e = (struct expect){ .m = m, .special = 'Y', .rss_max = PAGES * 4 };
	st = ksft_run_child(child_checks, &e);
	ksft_ok(KSFT_EXITED(st, 0), "which the child inherits (status %#x)", st);
	if (memfd >= 0)
		close(memfd);
	munmap(m, PAGES * PG);
	close(fd);
	ksft_exit();
}
