/*
 * pagemap: /proc/self/pagemap's 64-bit entries and /proc/kpagecount and
 * kpageflags, watched through fork and copy-on-write: a written private
 * page is present and exclusive; untouched memory is not present; read
 * faults share the zero page; after fork parent and child map the same
 * frame, mapped twice, and the child's write gives it a frame of its own
 * while the parent's becomes exclusive again.  Needs the PFNs (root).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <uapi/linux-ish/kernel-page-flags.h>
#include <uapi/linux-ish/pagemap.h>
#include "../kselftest.h"

#define PM_PFN(e)	((e) & PM_PFN_MASK)
#define KPF_MMAP_ANON	((1ULL << KPF_MMAP) | (1ULL << KPF_ANON))

static uint64_t entry_at(const char *path, uint64_t index)
{
	uint64_t e = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || pread(fd, &e, sizeof(e), index * sizeof(e)) != sizeof(e))
		e = ~0ULL;
	if (fd >= 0)
		close(fd);
	return e;
}

static uint64_t pagemap(const void *addr)
{
	return entry_at("/proc/self/pagemap", (uintptr_t)addr / KSFT_PAGE);
}

static uint64_t kpagecount(uint64_t pfn)
{
	return entry_at("/proc/kpagecount", pfn);
}

/* The child's report through the pipe: its entry before and after writing. */
struct report {
	uint64_t before, after, count_shared, count_after;
};

static void child(char *mem, int fd)
{
	struct report r;

	r.before = pagemap(mem);
	r.count_shared = kpagecount(PM_PFN(r.before));
	mem[0] = 2;
	r.after = pagemap(mem);
	r.count_after = kpagecount(PM_PFN(r.after));
	(void)!write(fd, &r, sizeof(r));
	_exit(0);
}

static void test_fork(char *mem)
{
	uint64_t mine = pagemap(mem);
	struct report r = { 0 };
	int p[2], status;
	pid_t pid;

	if (pipe(p))
		return;
	pid = fork();
	if (pid == 0)
		child(mem, p[1]);
	(void)!read(p[0], &r, sizeof(r));
	waitpid(pid, &status, 0);
	ksft_ok(PM_PFN(r.before) == PM_PFN(mine) && !(r.before & PM_MMAP_EXCLUSIVE) &&
		r.count_shared == 2, "after fork the child maps the parent's frame, mapped twice");
	ksft_ok((r.after & PM_PRESENT) && PM_PFN(r.after) != PM_PFN(mine) &&
		(r.after & PM_MMAP_EXCLUSIVE) && r.count_after == 1,
		"the child's write gave it a new frame of its own");
	ksft_ok(pagemap(mem) == mine && (mine & PM_MMAP_EXCLUSIVE) && kpagecount(PM_PFN(mine)) == 1 &&
		mem[0] == 1, "the parent keeps its frame, exclusive again");
}

int main(void)
{
	char *mem = mmap(NULL, 4 * KSFT_PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shared = mmap(NULL, KSFT_PAGE, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t e, z1, z2, buf[2];
	int fd;

	ksft_plan(9);
	mem[0] = 1;
	(void)*(volatile char *)(mem + KSFT_PAGE);
	(void)*(volatile char *)(mem + 2 * KSFT_PAGE);
	shared[0] = 1;
	e = pagemap(mem);
	if (!(e & PM_PRESENT) || !PM_PFN(e)) {
		ksft_diag("no PFNs in pagemap (not root?)");
		for (int i = 0; i < 9; i++)
			ksft_skip("PFNs hidden", "pagemap");
		ksft_exit();
	}
	ksft_ok(!(e & PM_FILE) && (e & PM_MMAP_EXCLUSIVE), "a written private page: present, exclusive, anon");
	ksft_ok(!(pagemap(mem + 3 * KSFT_PAGE) & PM_PRESENT), "an untouched page is not present");
	z1 = pagemap(mem + KSFT_PAGE);
	z2 = pagemap(mem + 2 * KSFT_PAGE);
	ksft_ok((z1 & PM_PRESENT) && PM_PFN(z1) == PM_PFN(z2) && PM_PFN(z1) != PM_PFN(e),
		"read faults map one shared zero page");
	ksft_ok((pagemap(shared) & (PM_PRESENT | PM_FILE)) == (PM_PRESENT | PM_FILE),
		"a shared anonymous page is present and \"file\"");
	ksft_ok(kpagecount(PM_PFN(e)) == 1 &&
		(entry_at("/proc/kpageflags", PM_PFN(e)) & KPF_MMAP_ANON) == KPF_MMAP_ANON,
		"kpagecount 1 and kpageflags mmap|anon for it");
	fd = open("/proc/self/pagemap", O_RDONLY);
	ksft_ok(pread(fd, buf, 8, 4) == -1 && pread(fd, buf, 4, 8) == -1 &&
		pread(fd, buf, 16, ((uintptr_t)mem / KSFT_PAGE) * 8) == 16 && buf[0] == e,
		"pagemap reads whole entries at multiples of 8 only");
	close(fd);
	test_fork(mem);
	ksft_exit();
}
