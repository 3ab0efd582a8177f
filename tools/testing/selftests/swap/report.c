/*
 * Every report of swap agrees, on Linux 6.1 as on Linnet, for N pages
 * paged out with MADV_PAGEOUT to vda5 (see swap_dev.h), n of them
 * swapped (pagemap):
 *   - /proc/<pid>/pagemap: bit 62 (swapped), not bit 63, the area's type
 *     in bits 0-4 and distinct offsets 1..255 above them;
 *   - /proc/swaps Used = n pages; /proc/meminfo SwapFree down by as
 *     much, SwapTotal unchanged; sysinfo freeswap (what busybox free's
 *     Swap: line shows) = SwapFree;
 *   - /proc/self/status VmSwap = n pages; smaps Swap: and SwapPss: n
 *     pages, Rss: the rest.
 * A forked child reading the first page has it from the swap cache
 * (the parent's PTE still names the slot, so both kernels keep it
 * cached): /proc/kpageflags says SWAPCACHE (and OWNER_PRIVATE, the
 * same bit in Linux), SWAPBACKED, ANON, MMAP, UPTODATE, LRU (after mlock
 * drained Linux's per-CPU LRU batches), not DIRTY, ACTIVE, REFERENCED; meminfo SwapCached counts it; the child's smaps: Swap: n-1
 * pages, SwapPss: half of that (each slot named by two PTEs).  After the
 * child exits the parent's SwapPss is whole again; written back in, the
 * data is intact, pagemap shows no swap, VmSwap is 0 (once Linux's
 * per-task counters are synced, after 64 more faults); after swapoff
 * SwapTotal, SwapFree and SwapCached are what they were before swapon.
 */
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <uapi/linux-ish/kernel-page-flags.h>
#include "swap_dev.h"

#define NTESTS	13
#define NPAGES	32

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

#define PM_SWAP		(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN		((1ULL << 55) - 1)
#define KPF(b)		(1ULL << (b))
/* Linux 6.1's flags for a clean page just read into the swap cache, on the inactive list. */
#define KFLAGS_WANT	(KPF(KPF_SWAPCACHE) | KPF(KPF_OWNER_PRIVATE) | KPF(KPF_SWAPBACKED) | \
			 KPF(KPF_ANON) | KPF(KPF_MMAP) | KPF(KPF_UPTODATE) | KPF(KPF_LRU))
#define KFLAGS_CHECKED	(KFLAGS_WANT | KPF(KPF_DIRTY) | KPF(KPF_ACTIVE) | KPF(KPF_REFERENCED) | \
			 KPF(KPF_LOCKED))

static int pagemap(const void *p, size_t pages, uint64_t *e)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	ssize_t r = fd >= 0 ? pread(fd, e, pages * 8, (uintptr_t)p / PAGE * 8) : -1;

	if (fd >= 0)
		close(fd);
	return r == (ssize_t)(pages * 8) ? 0 : -1;
}

/* The swapped pages of @e[0..pages) if their entries are sane (one type, distinct offsets), else -1. */
static int count_swapped(const uint64_t *e, size_t pages)
{
	int n = 0, type = -1;

	for (size_t i = 0; i < pages; i++) {
		uint64_t off = (e[i] >> 5) & ((1ULL << 50) - 1);

		if (!(e[i] & PM_SWAP))
			continue;
		if ((e[i] & PM_PRESENT) || !off || off >= SWAP_PAGES ||
		    (type >= 0 && (int)(e[i] & 31) != type))
			return -1;
		type = e[i] & 31;
		for (size_t j = 0; j < i; j++)
			if ((e[j] & PM_SWAP) && e[j] == e[i])
				return -1;
		n++;
	}
	return n;
}

/* A field ("Swap:", ...) of the smaps block of the VMA at @addr, in kB; -1 if none. */
static long smaps_kb(const void *addr, const char *field)
{
	static char buf[65536];
	char start[32];
	const char *vma, *end, *f;

	snprintf(start, sizeof(start), "\n%08lx-", (unsigned long)addr);
	buf[0] = '\n';
	if (ksft_read_file("/proc/self/smaps", buf + 1, sizeof(buf) - 1) < 0 ||
	    !(vma = strstr(buf, start)))
		return -1;
	end = strstr(vma, "VmFlags:");
	f = strstr(vma, field);
	if (!f || (end && f > end))
		return -1;
	return strtol(f + strlen(field), NULL, 10);
}

static long kb(const char *name)
{
	return proc_kb("/proc/meminfo", name);
}

static long used_kb(void)
{
	long size, used;
	int prio;

	return swaps_row(&size, &used, &prio) ? -1 : used;
}

/* The child's findings, in a shared page. */
struct child_report {
	uint64_t pm, kflags;
	long cached, swap, swap_pss;
	int read_ok;
};

static void child(unsigned char *p, struct child_report *r)
{
	static unsigned char other[PAGE];
	int fd;

	r->read_ok = *(volatile unsigned char *)p == 1;
	/* mlock runs lru_add_drain_all() on Linux: the page is on its LRU list then. */
	other[0] = 1;
	mlock(other, PAGE);
	munlock(other, PAGE);
	if (pagemap(p, 1, &r->pm))
		return;
	fd = open("/proc/kpageflags", O_RDONLY);
	if (fd >= 0 && pread(fd, &r->kflags, 8, (r->pm & PM_PFN) * 8) != 8)
		r->kflags = 0;
	if (fd >= 0)
		close(fd);
	r->cached = kb("SwapCached:");
	r->swap = smaps_kb(p, "Swap:");
	r->swap_pss = smaps_kb(p, "SwapPss:");
}

static void test_report(void)
{
	long total0 = kb("SwapTotal:"), free0 = kb("SwapFree:"), used, vmswap;
	static uint64_t e[NPAGES];
	struct child_report *r;
	unsigned char *p, *more;
	struct sysinfo si;
	int n, st = -1, ok;
	pid_t pid;

	p = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	more = mmap(NULL, 128 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || r == MAP_FAILED || more == MAP_FAILED) {
		ksft_ok(0, "mmap");
		return;
	}
	for (size_t i = 0; i < NPAGES * PAGE; i++)
		p[i] = (unsigned char)(i / PAGE + 1 + i % 7);
	madvise(p, NPAGES * PAGE, MADV_PAGEOUT);
	n = pagemap(p, NPAGES, e) ? -1 : count_swapped(e, NPAGES);
	ksft_ok(n >= NPAGES - NPAGES / 8 && (e[0] & PM_SWAP),
		"pagemap: %d of %d pages swapped (bit 62, not 63), one type, distinct offsets",
		n, NPAGES);
	used = used_kb();
	ksft_ok(used == n * 4L, "/proc/swaps Used: %ld kB", used);
	ok = kb("SwapTotal:") == total0 && kb("SwapFree:") == free0 - used;
	ksft_ok(ok, "meminfo SwapFree down by Used (%ld -> %ld kB), SwapTotal the same", free0,
		kb("SwapFree:"));
	ok = sysinfo(&si) == 0 && (long)((unsigned long long)si.freeswap * si.mem_unit / 1024) ==
				  kb("SwapFree:") &&
	     (long)((unsigned long long)si.totalswap * si.mem_unit / 1024) == total0;
	ksft_ok(ok, "sysinfo (busybox free's Swap: line) totalswap and freeswap agree");
	vmswap = proc_kb("/proc/self/status", "VmSwap:");
	ksft_ok(vmswap == n * 4L, "status VmSwap: %ld kB", vmswap);
	ok = smaps_kb(p, "Swap:") == n * 4L && smaps_kb(p, "SwapPss:") == n * 4L &&
	     smaps_kb(p, "Rss:") == (NPAGES - n) * 4L;
	ksft_ok(ok, "smaps Swap: %ld kB, SwapPss: %ld kB, Rss: %ld kB", smaps_kb(p, "Swap:"),
		smaps_kb(p, "SwapPss:"), smaps_kb(p, "Rss:"));

	memset(r, 0, sizeof(*r));
	pid = fork();
	if (pid == 0) {
		child(p, r);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	ok = KSFT_EXITED(st, 0) && r->read_ok && (r->pm & PM_PRESENT) && !(r->pm & PM_SWAP);
	ksft_ok(ok, "a child reads page 0 back from swap: present in its pagemap");
	ok = (r->kflags & KFLAGS_CHECKED) == KFLAGS_WANT;
	ksft_ok(ok, "kpageflags %llx: SWAPCACHE (and OWNER_PRIVATE) SWAPBACKED ANON MMAP UPTODATE "
		"LRU; not DIRTY, ACTIVE, REFERENCED, LOCKED", (unsigned long long)r->kflags);
	ksft_ok(r->cached >= 4, "meminfo SwapCached counts it (%ld kB)", r->cached);
	ok = r->swap == (n - 1) * 4L && r->swap_pss == (n - 1) * 2L;
	ksft_ok(ok, "the child's smaps: Swap: %ld kB, SwapPss: %ld kB (slots named twice)",
		r->swap, r->swap_pss);
	ok = smaps_kb(p, "Swap:") == n * 4L && smaps_kb(p, "SwapPss:") == n * 4L;
	ksft_ok(ok, "the child gone, the parent's SwapPss is whole again (%ld kB)",
		smaps_kb(p, "SwapPss:"));

	ok = 1;
	for (size_t i = 0; i < NPAGES * PAGE; i++) {
		ok = ok && p[i] == (unsigned char)(i / PAGE + 1 + i % 7);
		p[i] ^= 0xff;
	}
	for (size_t i = 0; i < 128; i++)
		more[i * PAGE] = 1;	/* 64+ faults: Linux syncs its per-task counters */
	vmswap = proc_kb("/proc/self/status", "VmSwap:");
	ok = ok && !pagemap(p, NPAGES, e) && count_swapped(e, NPAGES) == 0 && vmswap == 0;
	ksft_ok(ok, "written back in: data intact, pagemap shows no swap, VmSwap %ld kB", vmswap);
	munmap(p, NPAGES * PAGE);
	munmap(more, 128 * PAGE);
	munmap(r, PAGE);
}

int main(void)
{
	long total0 = kb("SwapTotal:"), free0 = kb("SwapFree:"), cached0 = kb("SwapCached:");
	int ok;

	ksft_plan(NTESTS);
	if (geteuid() != 0 || find_swap_dev() || mkswap() || sys_swapon(swap_path, 0)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk (vda5), not root, or swapon failed", "report case %d",
				  i + 1);
		ksft_exit();
	}
	test_report();
	/* (Not Used after munmap: Linux 6.1 keeps a slot whose page was under writeback.) */
	ok = sys_swapoff(swap_path) == 0 && kb("SwapTotal:") == total0 && kb("SwapFree:") == free0 &&
	     kb("SwapCached:") == cached0;
	ksft_ok(ok, "swapoff: SwapTotal, SwapFree and SwapCached (%ld kB) as before swapon",
		kb("SwapCached:"));
	ksft_exit();
}
