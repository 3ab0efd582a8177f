/*
 * mremap: shrink, grow in place, move (the very same frames end up at the
 * new address: /proc/self/pagemap PFNs, root), MREMAP_FIXED replacing
 * what was there, MREMAP_DONTUNMAP leaving the old range mapped and
 * empty (private) or still showing the object (shared), private file and
 * shared anonymous mappings, old_len 0 duplicating a shared mapping,
 * locked growth populated, RLIMIT_AS, and every EINVAL/EFAULT/ENOMEM of
 * Linux 6.1.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include "../kselftest.h"

#define P KSFT_PAGE
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static uint64_t pfn_of(const void *addr)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0 || pread(fd, &e, sizeof(e), (uintptr_t)addr / P * sizeof(e)) != sizeof(e))
		e = 0;
	if (fd >= 0)
		close(fd);
	return (e >> 63) ? (e & ((1ULL << 55) - 1)) : 0;	/* present: the PFN */
}

/* Is the page at @addr mapped (mincore does not fail with ENOMEM)? */
static int mapped(void *addr)
{
	unsigned char v;

	return mincore(addr, P, &v) == 0;
}

static int resident(void *addr)
{
	unsigned char v = 0;

	return mincore(addr, P, &v) == 0 && (v & 1);
}

/* An address with @pages free pages there (reserved, then released). */
static char *free_area(size_t pages)
{
	char *p = mmap(NULL, pages * P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, pages * P);
	return p;
}

static char *anon_at(char *at, size_t pages)
{
	char *p = mmap(at, pages * P, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | (at ? MAP_FIXED : 0), -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* @pages of private anonymous memory with free room after them. */
static char *anon_room(size_t pages)
{
	return anon_at(free_area(pages + 4), pages);
}

static void fill(char *p, size_t pages, char base)
{
	for (size_t i = 0; i < pages; i++)
		memset(p + i * P, base + (char)i, P);
}

static int holds(const char *p, size_t pages, char base)
{
	for (size_t i = 0; i < pages; i++)
		for (size_t j = 0; j < P; j += 512)
			if (p[i * P + j] != (char)(base + (char)i))
				return 0;
	return 1;
}

static int zeros(const char *p, size_t pages)
{
	for (size_t i = 0; i < pages * P; i += 256)
		if (p[i])
			return 0;
	return 1;
}

static int fails(void *ret, int err)
{
	return ret == MAP_FAILED && errno == err;
}

static void errors(void)
{
	char *a = anon_at(NULL, 4), *b;

	ksft_ok(fails(mremap(a, P, P, 8), EINVAL), "unknown flag: EINVAL");
	ksft_ok(fails(mremap(a, P, P, MREMAP_FIXED, a + 8 * P), EINVAL),
		"MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
	ksft_ok(fails(mremap(a, P, P, MREMAP_DONTUNMAP), EINVAL),
		"MREMAP_DONTUNMAP without MREMAP_MAYMOVE: EINVAL");
	ksft_ok(fails(mremap(a, P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL), EINVAL),
		"MREMAP_DONTUNMAP resizing: EINVAL");
	ksft_ok(fails(mremap(a + 1, P, P, 0), EINVAL), "unaligned address: EINVAL");
	ksft_ok(fails(mremap(a, P, 0, MREMAP_MAYMOVE), EINVAL), "new_len 0: EINVAL");
	ksft_ok(fails(mremap(a, P, (size_t)-100, MREMAP_MAYMOVE), EINVAL),
		"new_len rounding up to 0: EINVAL");
	ksft_ok(fails(mremap(a, 2 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + P), EINVAL),
		"MREMAP_FIXED onto an overlapping range: EINVAL");
	ksft_ok(fails(mremap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 8 * P + 1), EINVAL),
		"MREMAP_FIXED to an unaligned address: EINVAL");
	ksft_ok(fails(mremap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)0xbffff000), EINVAL),
		"MREMAP_FIXED past the end of user space: EINVAL");
	ksft_ok(fails(mremap(a, 0, P, MREMAP_MAYMOVE), EINVAL),
		"old_len 0 on a private mapping: EINVAL");
	munmap(a + 2 * P, P);
	ksft_ok(fails(mremap(a, 4 * P, 8 * P, MREMAP_MAYMOVE), EFAULT),
		"growing a range with a hole: EFAULT");
	b = mremap(a + P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	ksft_ok(fails(b, EFAULT), "DONTUNMAP of a range past its VMA: EFAULT (%p, %d)", b, errno);
	b = a + 2 * P;
	ksft_ok(fails(mremap(b, P, 2 * P, MREMAP_MAYMOVE), EFAULT), "an unmapped address: EFAULT");
	ksft_ok(fails(mremap(b, 2 * P, P, 0), EFAULT), "shrinking at an unmapped address: EFAULT");
	munmap(a, 4 * P);
}

static void shrink_and_grow(void)
{
	char *a = anon_room(4), *r;

	fill(a, 4, 'a');
	r = mremap(a, 4 * P, 2 * P, 0);
	ksft_ok(r == a && holds(a, 2, 'a') && !mapped(a + 2 * P) && !mapped(a + 3 * P),
		"shrink keeps the head and unmaps the tail");
	r = mremap(a, 2 * P, 4 * P, 0);
	ksft_ok(r == a && holds(a, 2, 'a') && zeros(a + 2 * P, 2),
		"grow in place: same address, data kept, the new pages are zeros");
	r = anon_at(a + 4 * P, 1);
	ksft_ok(r == a + 4 * P, "a blocker right after the mapping (%p %p %d)", a, r, errno);
	ksft_ok(fails(mremap(a, 4 * P, 6 * P, 0), ENOMEM),
		"growth into a mapped range without MREMAP_MAYMOVE: ENOMEM");
	ksft_ok(fails(mremap(a, P, 2 * P, 0), ENOMEM),
		"growth of a range that ends inside its VMA, without MAYMOVE: ENOMEM");
	ksft_ok(mremap(a, 5 * P, 2 * P, 0) == a && !mapped(a + 4 * P) && mapped(a + P),
		"shrinking across two VMAs unmaps the tail of both");
	munmap(a, 5 * P);
}

static void move(void)
{
	char *a = anon_room(4), *r;
	uint64_t pfn[4];
	int same = 1;

	anon_at(a + 4 * P, 1);
	fill(a, 4, 'm');
	for (int i = 0; i < 4; i++)
		pfn[i] = pfn_of(a + i * P);
	r = mremap(a, 4 * P, 8 * P, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED && r != a, "MREMAP_MAYMOVE moves a mapping that cannot grow");
	if (r == MAP_FAILED)
		return;
	for (int i = 0; i < 4; i++)
		same &= pfn[i] && pfn_of(r + i * P) == pfn[i];
	ksft_ok(same, "the same frames are mapped at the new address (nothing copied)");
	ksft_ok(holds(r, 4, 'm') && zeros(r + 4 * P, 4), "data moved, growth is zeros");
	ksft_ok(!mapped(a) && !mapped(a + 3 * P) && mapped(a + 4 * P),
		"the old range is unmapped, its neighbour kept");
	r[5 * P] = 1;
	ksft_ok(r[5 * P] == 1 && r[0] == 'm', "the moved mapping is writable");
	munmap(r, 8 * P);
	munmap(a + 4 * P, P);
}

static void fixed(void)
{
	char *a = anon_at(NULL, 3), *t = free_area(8), *r;
	uint64_t pfn;

	fill(a, 3, 'f');
	anon_at(t, 8);
	fill(t, 8, 'x');
	pfn = pfn_of(a + P);
	r = mremap(a + P, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t + 2 * P);
	ksft_ok(r == t + 2 * P, "MREMAP_FIXED moves the middle page to the given address");
	ksft_ok(r != MAP_FAILED && pfn_of(r) == pfn && holds(r, 1, 'f' + 1) && zeros(r + P, 1),
		"it replaced what was there with the moved page and zeros");
	ksft_ok(holds(t, 2, 'x') && t[4 * P] == 'x' + 4, "the target's neighbours are untouched");
	ksft_ok(holds(a, 1, 'f') && !mapped(a + P) && a[2 * P] == 'f' + 2,
		"the source VMA was split around the hole");
	r = mremap(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, t + 7 * P);
	ksft_ok(r == t + 7 * P && holds(r, 1, 'f'), "a same-size fixed move");
	r = mremap(t, 4 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, a);
	ksft_ok(r == a && holds(a, 2, 'x') && !mapped(t) && t[4 * P] == 'x' + 4,
		"a shrinking fixed move unmaps the tail and moves the head");
	munmap(a, 3 * P);
	munmap(t, 8 * P);
}

static void dontunmap(void)
{
	char *a = anon_at(NULL, 2), *s, *r;
	uint64_t pfn;

	fill(a, 2, 'd');
	pfn = pfn_of(a);
	r = mremap(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	ksft_ok(r != MAP_FAILED && r != a, "MREMAP_DONTUNMAP of private anonymous memory");
	if (r == MAP_FAILED)
		return;
	ksft_ok(pfn_of(r) == pfn && holds(r, 2, 'd'), "the frames moved to the new range");
	ksft_ok(mapped(a) && !resident(a) && zeros(a, 2), "the old range stays mapped and reads zeros");
	a[0] = 7;
	ksft_ok(a[0] == 7 && r[0] == 'd', "the two ranges are independent");
	munmap(a, 2 * P);
	munmap(r, 2 * P);

	s = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fill(s, 2, 's');
	r = mremap(s, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	ksft_ok(r != MAP_FAILED && holds(r, 2, 's') && holds(s, 2, 's'),
		"DONTUNMAP of shared memory: both ranges show the object");
	if (r != MAP_FAILED) {
		r[0] = 'Z';
		ksft_ok(s[0] == 'Z', "a write through the new range is seen through the old");
		munmap(r, 2 * P);
	} else {
		ksft_ok(0, "a write through the new range is seen through the old");
	}
	munmap(s, 2 * P);
}

static void shared_and_file(void)
{
	char *s = mmap(free_area(6), 2 * P, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	char *d, *r, *f, path[] = "/tmp/mremap-XXXXXX", buf[P];
	int fd;

	fill(s, 2, 'S');
	d = mremap(s, 0, 2 * P, MREMAP_MAYMOVE);
	ksft_ok(d != MAP_FAILED && d != s && holds(d, 2, 'S'),
		"old_len 0 duplicates a shared mapping");
	if (d != MAP_FAILED) {
		d[1] = '!';
		ksft_ok(s[1] == '!', "the duplicate shares the pages");
		munmap(d, 2 * P);
	} else {
		ksft_ok(0, "the duplicate shares the pages");
	}
	anon_at(s + 2 * P, 1);
	r = mremap(s, 2 * P, 4 * P, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED && holds(r, 1, 'S') && r[1] == '!', "shared memory moves");
	munmap(s + 2 * P, P);
	if (r != MAP_FAILED)
		munmap(r, 4 * P);

	fd = mkstemp(path);
	unlink(path);
	for (int i = 0; i < 4; i++) {
		memset(buf, 'F' + i, P);
		(void)!write(fd, buf, P);
	}
	f = mmap(free_area(8), 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0);
	f[P] = '1';		/* a private copy of page 1 */
	anon_at(f + 4 * P, 1);
	r = mremap(f + P, 3 * P, 5 * P, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED && r[0] == '1' && r[1] == 'G' && r[P] == 'H' && r[2 * P] == 'I',
		"a private file mapping moves with its private copy and its offset");
	ksft_ok(f[0] == 'F' && !mapped(f + P), "the file mapping's head stays");
	if (r != MAP_FAILED) {
		ksft_ok(madvise(r, P, MADV_DONTNEED) == 0 && r[0] == 'G',
			"after the move, DONTNEED re-reads the file at the right offset");
		munmap(r, 5 * P);
	} else {
		ksft_ok(0, "after the move, DONTNEED re-reads the file at the right offset");
	}
	munmap(f, 5 * P);

	f = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	r = mremap(f, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, free_area(2));
	r[0] = 'w';
	ksft_ok(pread(fd, buf, 1, 0) == 1 && buf[0] == 'w',
		"a moved shared file mapping still writes the file");
	munmap(r, 2 * P);
	close(fd);
}

static void shared_anon_past_end_child(void *p)
{
	(void)*(volatile char *)p;
}

static void limits(void)
{
	char *a = anon_at(NULL, 2), *s, *r;
	struct rlimit old, lim;
	int st;

	/* The grown part of shared anonymous memory is past the object's end. */
	s = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	r = mremap(s, P, 2 * P, MREMAP_MAYMOVE);
	st = r == MAP_FAILED ? -1 : ksft_run_child(shared_anon_past_end_child, r + P);
	ksft_ok(KSFT_SIGNALLED(st, SIGBUS), "grown shared memory past its object: SIGBUS");
	munmap(r, 2 * P);

	r = mremap(a, 2 * P, 2 * P, 0);
	ksft_ok(r == a, "same size: nothing to do, the address back");
	ksft_ok(mlock(a, 2 * P) == 0, "mlock the mapping");
	r = mremap(a, 2 * P, 6 * P, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED && resident(r + 2 * P) && resident(r + 5 * P),
		"a locked mapping's growth is populated");
	if (r != MAP_FAILED)
		a = r;
	getrlimit(RLIMIT_AS, &old);
	lim = old;
	lim.rlim_cur = 64 << 20;
	setrlimit(RLIMIT_AS, &lim);
	ksft_ok(fails(mremap(a, 6 * P, 128 << 20, MREMAP_MAYMOVE), ENOMEM),
		"growth past RLIMIT_AS: ENOMEM");
	setrlimit(RLIMIT_AS, &old);
	munmap(a, 6 * P);
}

static uint64_t kpagecount(uint64_t pfn)
{
	uint64_t c = ~0ULL;
	int fd = open("/proc/kpagecount", O_RDONLY);

	if (fd < 0 || pread(fd, &c, sizeof(c), pfn * sizeof(c)) != sizeof(c))
		c = ~0ULL;
	if (fd >= 0)
		close(fd);
	return c;
}

/* A page shared with a forked child moves: same frame, same count, COW intact. */
static void after_fork(void)
{
	char *a = anon_room(1), *r, c = 0;
	int go[2], done[2];
	uint64_t pfn;
	pid_t pid;

	a[0] = 'p';
	if (pipe(go) || pipe(done))
		return;
	pid = fork();
	if (pid == 0) {
		(void)!read(go[0], &c, 1);
		c = a[0];
		(void)!write(done[1], &c, 1);
		_exit(0);
	}
	pfn = pfn_of(a);
	r = mremap(a, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, free_area(2));
	ksft_ok(r != MAP_FAILED && pfn_of(r) == pfn && kpagecount(pfn) == 2,
		"a page shared with a child moves with its count (%llu) unchanged",
		(unsigned long long)kpagecount(pfn));
	if (r != MAP_FAILED)
		r[0] = 'q';
	ksft_ok(r != MAP_FAILED && pfn_of(r) != pfn && kpagecount(pfn) == 1,
		"writing it at the new address copies it (COW survived the move)");
	(void)!write(go[1], "x", 1);
	(void)!read(done[0], &c, 1);
	waitpid(pid, NULL, 0);
	ksft_ok(c == 'p', "the child still sees the old contents");
	if (r != MAP_FAILED)
		munmap(r, 2 * P);
	close(go[0]);
	close(go[1]);
	close(done[0]);
	close(done[1]);
}

static int write_sysctl(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, v, strlen(v)) == (ssize_t)strlen(v);
	close(fd);
	return ok ? 0 : -1;
}

/* Under overcommit mode 2, growth is charged: 1 GiB more is refused. */
static void commit_charge(void)
{
	char *a = anon_room(4), *r, old[16] = "0\n";
	const char *knob = "/proc/sys/vm/overcommit_memory";

	ksft_read_file(knob, old, sizeof(old));
	ksft_ok(write_sysctl(knob, "2") == 0, "overcommit mode 2");
	ksft_ok(fails(mremap(a, 4 * P, 1UL << 30, MREMAP_MAYMOVE), ENOMEM),
		"growing by 1 GiB past CommitLimit: ENOMEM");
	r = mremap(a, 4 * P, 8 * P, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED, "a small growth is still granted");
	a = r == MAP_FAILED ? a : r;
	ksft_ok(write_sysctl(knob, "1") == 0, "overcommit mode 1");
	r = mremap(a, 8 * P, 1UL << 30, MREMAP_MAYMOVE);
	ksft_ok(r != MAP_FAILED, "there the same 1 GiB growth is granted");
	if (r != MAP_FAILED)
		a = mremap(r, 1UL << 30, 8 * P, 0);
	write_sysctl(knob, old);
	munmap(a, 8 * P);
}

int main(void)
{
	ksft_plan(58);
	errors();
	shrink_and_grow();
	move();
	fixed();
	dontunmap();
	shared_and_file();
	limits();
	after_fork();
	commit_charge();
	ksft_exit();
}
