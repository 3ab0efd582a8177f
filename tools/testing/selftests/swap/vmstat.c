/*
 * /proc/vmstat's reclaim and swap counters that issue 14 names, on Linux
 * 6.1 and Linnet: they exist (pswpin, pswpout, pgmajfault, pgscan_kswapd,
 * pgscan_direct, pgsteal_kswapd, pgsteal_direct, and the others both
 * kernels keep), and they count a known event right, with swap on vda5
 * (swap_dev.h):
 *   - MADV_PAGEOUT of 32 pages adds their number to pswpout (Linux may
 *     leave a page or two it could not isolate: at least 7/8);
 *   - reading the first page back is either a major fault (getrusage's
 *     ru_majflt and vmstat's pgmajfault at least +1) that reads the slot
 *     (pswpin at least +1; readahead may bring its neighbours), or, if
 *     the pages are still in the swap cache (meminfo SwapCached holds
 *     them), a minor fault that reads nothing.  Linnet's MADV_PAGEOUT
 *     waits for the write and frees the page; Linux 6.1's leaves the
 *     written page in the swap cache until reclaim comes back for it;
 *   - reading all 32 back: every byte intact, at most one major fault
 *     and one slot read per page, a read for every major fault;
 *   - drop_caches 1 and 2 count once each in drop_pagecache, drop_slab.
 * Counters are system-wide, so the checks are lower and upper bounds
 * that hold with nothing else running, as in the selftest boots.
 */
#include <sys/mman.h>
#include <sys/resource.h>
#include "swap_dev.h"

#define NTESTS	10
#define NPAGES	32

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static const char *const names[] = {
	"pswpin", "pswpout", "pgmajfault", "pgscan_kswapd", "pgscan_direct",
	"pgsteal_kswapd", "pgsteal_direct", "pgscan_anon", "pgscan_file", "pgsteal_anon",
	"pgsteal_file", "allocstall_normal", "pgactivate",
	"pgdeactivate", "pgrefill", "pageoutrun", "drop_pagecache", "drop_slab",
	"oom_kill", "nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
	"nr_active_file", "nr_unevictable", "nr_mlock",
};

/* A /proc/vmstat counter, or -1 if it is not there. */
static long long vmstat(const char *name)
{
	static char buf[16384];
	char key[64], *at;

	if (ksft_read_file("/proc/vmstat", buf + 1, sizeof(buf) - 1) < 0)
		return -1;
	buf[0] = '\n';
	snprintf(key, sizeof(key), "\n%s ", name);
	at = strstr(buf, key);
	return at ? strtoll(at + strlen(key), NULL, 10) : -1;
}

static long majflt(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) ? -1 : ru.ru_majflt;
}

static void names_exist(void)
{
	char missing[256] = "";

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (vmstat(names[i]) < 0 && strlen(missing) + strlen(names[i]) + 2 < sizeof(missing)) {
			strcat(missing, " ");
			strcat(missing, names[i]);
		}
	ksft_ok(!missing[0], "/proc/vmstat has all %zu counters (missing:%s)",
		sizeof(names) / sizeof(names[0]), missing[0] ? missing : " none");
}

static int drop(const char *what)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY), ok;

	ok = fd >= 0 && write(fd, what, 1) == 1;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static void drop_counts(void)
{
	long long pc = vmstat("drop_pagecache"), sl = vmstat("drop_slab");
	int ok = drop("1") == 0;
	long long pc1 = vmstat("drop_pagecache"), sl1 = vmstat("drop_slab");

	ksft_ok(ok && pc1 == pc + 1 && sl1 == sl,
		"drop_caches 1: drop_pagecache +1 (%lld -> %lld), drop_slab unchanged", pc, pc1);
	ok = drop("2") == 0;
	ksft_ok(ok && vmstat("drop_slab") == sl1 + 1 && vmstat("drop_pagecache") == pc1,
		"drop_caches 2: drop_slab +1 (%lld -> %lld), drop_pagecache unchanged",
		sl1, vmstat("drop_slab"));
}

static int intact(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != (unsigned char)(i * 7 + i / PAGE))
			return 0;
	return 1;
}

static void swap_counts(void)
{
	unsigned char *p = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long long out, in, maj_sys, d_out, d_in, d_sys;
	long maj, d_maj, cached;
	int ok;

	if (p == MAP_FAILED) {
		ksft_diag("mmap: %s", strerror(errno));
		_exit(1);
	}
	for (size_t i = 0; i < NPAGES * PAGE; i++)
		p[i] = (unsigned char)(i * 7 + i / PAGE);
	if (mlock(p, PAGE) == 0)		/* empties Linux's per-CPU LRU batches */
		munlock(p, PAGE);
	out = vmstat("pswpout");
	ok = madvise(p, NPAGES * PAGE, MADV_PAGEOUT) == 0;
	d_out = vmstat("pswpout") - out;
	ksft_ok(ok && d_out >= NPAGES * 7 / 8 && d_out <= NPAGES,
		"MADV_PAGEOUT of %d pages: pswpout +%lld", NPAGES, d_out);

	cached = proc_kb("/proc/meminfo", "SwapCached:");
	in = vmstat("pswpin");
	maj_sys = vmstat("pgmajfault");
	maj = majflt();
	ok = intact(p, 0, PAGE);
	d_maj = majflt() - maj;
	d_sys = vmstat("pgmajfault") - maj_sys;
	d_in = vmstat("pswpin") - in;
	ksft_ok(ok && ((d_maj >= 1 && d_in >= 1) ||
		       (!d_maj && !d_in && cached > 0)),
		"page 0 back: ru_majflt +%ld, pswpin +%lld (SwapCached was %ld kB)",
		d_maj, d_in, cached);
	ksft_ok(d_sys >= d_maj, "pgmajfault counts it (+%lld)", d_sys);
	ksft_ok(d_in <= NPAGES, "pswpin +%lld: the page and readahead's neighbours at most", d_in);
	ok = intact(p, 0, NPAGES * PAGE);
	d_maj = majflt() - maj;
	d_in = vmstat("pswpin") - in;
	ksft_ok(ok && d_maj <= NPAGES, "all %d pages back intact with %ld major faults",
		NPAGES, d_maj);
	ksft_ok(d_in <= NPAGES && d_in >= d_maj && (d_in > 0) == (d_maj > 0),
		"every slot read at most once, a read for every major fault: pswpin +%lld", d_in);
	munmap(p, NPAGES * PAGE);
}

int main(void)
{
	ksft_plan(NTESTS);
	names_exist();
	drop_counts();
	if (find_swap_dev() || mkswap()) {
		for (int i = 0; i < NTESTS - 3 - 1; i++)
			ksft_skip("no test disk", "swap counters");
		ksft_skip("no test disk", "swapoff");
		ksft_exit();
	}
	if (sys_swapon(swap_path, 0)) {
		ksft_diag("swapon %s: %s", swap_path, strerror(errno));
		_exit(1);
	}
	swap_counts();
	ksft_ok(sys_swapoff(swap_path) == 0, "swapoff");
	ksft_exit();
}
