/*
 * madvise: every advice Linnet honours, against Linux 6.1: DONTNEED's
 * zero-fill (private anonymous), re-read (private file) and keep (shared)
 * semantics, FREE and REMOVE with their EINVAL/EACCES rules, the VMA-flag
 * advice seen in smaps VmFlags, DONTFORK and WIPEONFORK seen by a child,
 * POPULATE_READ/WRITE and their errors, ranges with holes (the mapped
 * parts get the advice, the call fails with ENOMEM), and mprotect across
 * a hole changing what lies before it.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../kselftest.h"

#define P KSFT_PAGE
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif

static char *anon(size_t pages, int flags)
{
	char *p = mmap(NULL, pages * P, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int resident(void *addr)
{
	unsigned char v = 0;

	return mincore(addr, P, &v) == 0 && (v & 1);
}

static int fails(int ret, int err)
{
	return ret == -1 && errno == err;
}

static int is_filled(const char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i += 128)
		if (p[i] != c)
			return 0;
	return 1;
}

/*
 * Does the VmFlags line of the VMA holding @addr name @flag?  1 or 0; -1
 * if there is no such VMA, or (@starts) it does not start at @addr.
 */
static int vmflag_at(const void *addr, const char *flag, int starts)
{
	static char buf[1 << 17];
	unsigned long lo, hi, want = (unsigned long)addr;
	char key[8], *line = buf;

	if (ksft_read_file("/proc/self/smaps", buf, sizeof(buf)) < 0)
		return -1;
	while (line && *line) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && lo <= want && want < hi) {
			char *v = strstr(line, "VmFlags:"), *end;

			if (!v || (starts && lo != want))
				return -1;
			end = strchr(v, '\n');
			if (end)
				*end = '\0';
			snprintf(key, sizeof(key), " %s", flag);
			return strstr(v, key) != NULL;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return -1;
}

static int vmflag(const void *addr, const char *flag)
{
	return vmflag_at(addr, flag, 0);
}

static int tmpfile_of(int pages, char c)
{
	char path[] = "/tmp/madvise-XXXXXX", buf[P];
	int fd = mkstemp(path);

	unlink(path);
	memset(buf, c, P);
	for (int i = 0; i < pages; i++)
		(void)!write(fd, buf, P);
	return fd;
}

static void errors(void)
{
	char *a = anon(2, MAP_PRIVATE);

	ksft_ok(fails(madvise(a, P, 999), EINVAL), "unknown advice: EINVAL");
	ksft_ok(fails(madvise(a, P, 7), EINVAL), "advice 7 (unused): EINVAL");
	ksft_ok(fails(madvise(a + 1, P, MADV_NORMAL), EINVAL), "unaligned start: EINVAL");
	ksft_ok(madvise(a, 0, MADV_DONTNEED) == 0, "length 0: success");
	ksft_ok(fails(madvise(a, (size_t)-1, MADV_NORMAL), EINVAL),
		"a length that rounds up to 0: EINVAL");
	munmap(a, 2 * P);
	ksft_ok(fails(madvise(a, P, MADV_DONTNEED), ENOMEM), "an unmapped range: ENOMEM");
}

static void dontneed(void)
{
	char *a = anon(2, MAP_PRIVATE), *s = anon(2, MAP_SHARED), *f, *g;
	int fd = tmpfile_of(2, 'F');
	char c;

	memset(a, 'a', 2 * P);
	ksft_ok(madvise(a, 2 * P, MADV_DONTNEED) == 0 && is_filled(a, 2 * P, 0),
		"DONTNEED on private anonymous memory: zeros on the next touch");
	memset(s, 's', 2 * P);
	ksft_ok(madvise(s, 2 * P, MADV_DONTNEED) == 0 && is_filled(s, 2 * P, 's'),
		"DONTNEED on shared anonymous memory: the contents stay");
	f = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	memset(f, 'p', P);
	ksft_ok(madvise(f, 2 * P, MADV_DONTNEED) == 0 && is_filled(f, 2 * P, 'F'),
		"DONTNEED on a private file mapping: the private copy goes, the file is re-read");
	g = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(g, 'g', P);
	ksft_ok(madvise(g, 2 * P, MADV_DONTNEED) == 0 && is_filled(g, P, 'g') &&
		pread(fd, &c, 1, 0) == 1 && c == 'g',
		"DONTNEED on a shared file mapping: the written page stays in the file");
	ksft_ok(madvise(a, P, MADV_FREE) == 0, "FREE on private anonymous memory");
	ksft_ok(fails(madvise(s, P, MADV_FREE), EINVAL), "FREE on shared memory: EINVAL");
	ksft_ok(fails(madvise(f, P, MADV_FREE), EINVAL), "FREE on a private file mapping: EINVAL");
	ksft_ok(mlock(a, P) == 0 && fails(madvise(a, 2 * P, MADV_DONTNEED), EINVAL),
		"DONTNEED on locked memory: EINVAL");
	ksft_ok(fails(madvise(a, P, MADV_COLD), EINVAL) && fails(madvise(a, P, MADV_PAGEOUT), EINVAL),
		"COLD and PAGEOUT on locked memory: EINVAL");
	a[0] = 5;
	ksft_ok(madvise(a, P, MADV_DONTNEED_LOCKED) == 0 && a[0] == 0,
		"DONTNEED_LOCKED drops locked memory too");
	munlock(a, P);
	ksft_ok(madvise(a, 2 * P, MADV_COLD) == 0 && madvise(s, 2 * P, MADV_PAGEOUT) == 0 &&
		madvise(f, 2 * P, MADV_WILLNEED) == 0 && madvise(a, P, MADV_WILLNEED) == 0,
		"COLD, PAGEOUT and WILLNEED succeed");
	munmap(a, 2 * P);
	munmap(s, 2 * P);
	munmap(f, 2 * P);
	munmap(g, 2 * P);
	close(fd);
}

static void remove_(void)
{
	char *s = anon(3, MAP_SHARED), *d, *a = anon(1, MAP_PRIVATE), *f, *r, path[64];
	int fd = tmpfile_of(1, 'R'), ro;

	memset(s, 'x', 3 * P);
	d = mremap(s, 0, 3 * P, MREMAP_MAYMOVE);	/* a second mapping of the object */
	ksft_ok(madvise(s + P, P, MADV_REMOVE) == 0, "REMOVE on shared anonymous memory");
	ksft_ok(is_filled(s + P, P, 0) && is_filled(s, P, 'x') && is_filled(s + 2 * P, P, 'x'),
		"the hole reads as zeros, its neighbours keep their data");
	ksft_ok(d != MAP_FAILED && is_filled(d + P, P, 0) && is_filled(d, P, 'x'),
		"another mapping of the object sees the hole too");
	s[P] = 'n';
	ksft_ok(d != MAP_FAILED && d[P] == 'n', "the hole fills again, shared");
	ksft_ok(fails(madvise(a, P, MADV_REMOVE), EINVAL), "REMOVE on private anonymous memory: EINVAL");
	f = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ksft_ok(fails(madvise(f, P, MADV_REMOVE), EACCES), "REMOVE on a private file mapping: EACCES");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	r = mmap(NULL, P, PROT_READ, MAP_SHARED, ro, 0);
	ksft_ok(fails(madvise(r, P, MADV_REMOVE), EACCES),
		"REMOVE on a shared mapping of a read-only file: EACCES");
	close(ro);
	mprotect(s, P, PROT_READ);
	ksft_ok(madvise(s, P, MADV_REMOVE) == 0 && is_filled(s, P, 0),
		"REMOVE on shared memory mapped read-only but writable later: allowed");
	munmap(s, 3 * P);
	if (d != MAP_FAILED)
		munmap(d, 3 * P);
	munmap(a, P);
	munmap(f, P);
	munmap(r, P);
	close(fd);
}

static void flags(void)
{
	char *a = anon(3, MAP_PRIVATE);

	ksft_ok(madvise(a + P, P, MADV_RANDOM) == 0 && vmflag(a + P, "rr") == 1 &&
		vmflag(a, "rr") == 0, "RANDOM marks just its page's VMA rr");
	ksft_ok(madvise(a + P, P, MADV_SEQUENTIAL) == 0 && vmflag(a + P, "sr") == 1 &&
		vmflag(a + P, "rr") == 0, "SEQUENTIAL replaces it with sr");
	ksft_ok(madvise(a + P, P, MADV_NORMAL) == 0 && vmflag(a, "sr") == 0 &&
		vmflag_at(a + P, "sr", 1) == -1, "NORMAL clears it and the VMAs merge again");
	ksft_ok(madvise(a, P, MADV_DONTDUMP) == 0 && vmflag(a, "dd") == 1, "DONTDUMP: dd");
	ksft_ok(madvise(a, P, MADV_DODUMP) == 0 && vmflag(a, "dd") == 0, "DODUMP clears dd");
	munmap(a, 3 * P);
}

static void child_reads(void *p)
{
	_exit(*(volatile char *)p);
}

static void fork_advice(void)
{
	char *a = anon(2, MAP_PRIVATE), *s = anon(1, MAP_SHARED);
	int fd = tmpfile_of(1, 'W');
	char *f = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	int st;

	memset(a, 'w', 2 * P);
	ksft_ok(madvise(a, P, MADV_WIPEONFORK) == 0 && vmflag(a, "wf") == 1,
		"WIPEONFORK on private anonymous memory: wf");
	st = ksft_run_child(child_reads, a);
	ksft_ok(KSFT_EXITED(st, 0), "the child reads zeros (status %#x)", st);
	st = ksft_run_child(child_reads, a + P);
	ksft_ok(KSFT_EXITED(st, 'w'), "the child's copy of the next page has the data");
	ksft_ok(a[0] == 'w', "the parent keeps its data");
	ksft_ok(madvise(a, P, MADV_KEEPONFORK) == 0 && KSFT_EXITED(ksft_run_child(child_reads, a), 'w'),
		"KEEPONFORK: the child gets the data again");
	ksft_ok(fails(madvise(s, P, MADV_WIPEONFORK), EINVAL), "WIPEONFORK on shared memory: EINVAL");
	ksft_ok(fails(madvise(f, P, MADV_WIPEONFORK), EINVAL),
		"WIPEONFORK on a private file mapping: EINVAL");
	ksft_ok(madvise(a, P, MADV_DONTFORK) == 0 &&
		KSFT_SIGNALLED(ksft_run_child(child_reads, a), SIGSEGV),
		"DONTFORK: the child has a hole there");
	ksft_ok(madvise(a, P, MADV_DOFORK) == 0 && KSFT_EXITED(ksft_run_child(child_reads, a), 'w'),
		"DOFORK: the child has the page again");
	munmap(a, 2 * P);
	munmap(s, P);
	munmap(f, P);
	close(fd);
}

static void populate(void)
{
	char *a = anon(2, MAP_PRIVATE), *n, *r, *f;
	int fd = tmpfile_of(1, 'P');

	ksft_ok(madvise(a, P, MADV_POPULATE_READ) == 0 && resident(a) && !resident(a + P),
		"POPULATE_READ faults the page in");
	ksft_ok(madvise(a + P, P, MADV_POPULATE_WRITE) == 0 && resident(a + P) && a[P] == 0,
		"POPULATE_WRITE faults a zeroed page in");
	n = mmap(NULL, P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ksft_ok(fails(madvise(n, P, MADV_POPULATE_READ), EINVAL), "POPULATE_READ of PROT_NONE: EINVAL");
	r = mmap(NULL, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ksft_ok(fails(madvise(r, P, MADV_POPULATE_WRITE), EINVAL),
		"POPULATE_WRITE of read-only memory: EINVAL");
	f = mmap(NULL, 2 * P, PROT_READ, MAP_SHARED, fd, 0);
	ksft_ok(fails(madvise(f, 2 * P, MADV_POPULATE_READ), EFAULT),
		"POPULATE_READ past the end of the file: EFAULT");
	munmap(a, 2 * P);
	munmap(n, P);
	munmap(r, P);
	munmap(f, 2 * P);
	close(fd);
}

static void child_writes(void *p)
{
	*(volatile char *)p = 1;
}

static void holes(void)
{
	char *a = anon(3, MAP_PRIVATE);

	memset(a, 'h', 3 * P);
	munmap(a + P, P);
	ksft_ok(fails(madvise(a, 3 * P, MADV_DONTNEED), ENOMEM),
		"DONTNEED across a hole: ENOMEM");
	ksft_ok(is_filled(a, P, 0) && is_filled(a + 2 * P, P, 0),
		"... and both mapped pages were dropped all the same");
	ksft_ok(fails(madvise(a, 3 * P, MADV_RANDOM), ENOMEM) && vmflag(a, "rr") == 1 &&
		vmflag(a + 2 * P, "rr") == 1, "RANDOM across a hole: ENOMEM, both sides marked");
	ksft_ok(fails(madvise(a + P, 2 * P, MADV_NORMAL), ENOMEM) && vmflag(a + 2 * P, "rr") == 0,
		"a range starting in the hole: ENOMEM, the part after it advised");
	ksft_ok(fails(mprotect(a, 3 * P, PROT_READ), ENOMEM), "mprotect across a hole: ENOMEM");
	ksft_ok(KSFT_SIGNALLED(ksft_run_child(child_writes, a), SIGSEGV) &&
		KSFT_EXITED(ksft_run_child(child_writes, a + 2 * P), 0),
		"mprotect changed the VMA before the hole, not the one after");
	ksft_ok(fails(mprotect(a + P, 2 * P, PROT_READ), ENOMEM) &&
		KSFT_EXITED(ksft_run_child(child_writes, a + 2 * P), 0),
		"mprotect starting in a hole changes nothing");
	munmap(a, 3 * P);
}

int main(void)
{
	ksft_plan(51);
	errors();
	dontneed();
	remove_();
	flags();
	fork_advice();
	populate();
	holes();
	ksft_exit();
}
