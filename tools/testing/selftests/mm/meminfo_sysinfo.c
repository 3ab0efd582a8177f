/*
 * meminfo_sysinfo: sysinfo(2) and /proc/meminfo tell the same story, the
 * one free(1) computes "used" from.  busybox free adds sysinfo's
 * bufferram to meminfo's Cached (and SReclaimable) and subtracts both,
 * with free, from the total: a kernel that reports page-cache pages in
 * bufferram as well as in Cached makes that wrap around (used printed as
 * 17179866444 KiB).  On Linux bufferram is meminfo's Buffers and
 * sharedram its Shmem.
 */
#include "../kselftest.h"
#include <sys/mman.h>
#include <sys/sysinfo.h>

#define SHARED_BYTES	(1024 * 1024)
#define SLACK_KB	4096	/* what a busy host may change between two reads */

/* The value of "@key:" in /proc/meminfo, in KiB; -1 if missing. */
static long meminfo(const char *key)
{
	char line[256], name[64];
	long value = -1, v;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63[^:]: %ld", name, &v) == 2 && !strcmp(name, key))
			value = v;
	fclose(f);
	return value;
}

static long kb(unsigned long units, unsigned int unit)
{
	return (long)((unsigned long long)units * unit / 1024);
}

static int near(long a, long b)
{
	return labs(a - b) <= SLACK_KB;
}

int main(void)
{
	char *shared = mmap(NULL, SHARED_BYTES, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long used, total, free_kb, buffers, cached, sreclaimable;
	struct sysinfo si;

	ksft_plan(5);
	if (shared == MAP_FAILED || sysinfo(&si)) {
		ksft_diag("mmap or sysinfo: %s", strerror(errno));
		return 1;
	}
	memset(shared, 1, SHARED_BYTES);	/* shmem pages now */
	if (sysinfo(&si))
		return 1;
	buffers = meminfo("Buffers");
	ksft_ok(buffers >= 0 && near(kb(si.bufferram, si.mem_unit), buffers),
		"sysinfo bufferram (%ld kB) is meminfo Buffers (%ld kB)",
		kb(si.bufferram, si.mem_unit), buffers);
	ksft_ok(near(kb(si.sharedram, si.mem_unit), meminfo("Shmem")) &&
		kb(si.sharedram, si.mem_unit) >= SHARED_BYTES / 1024,
		"sysinfo sharedram (%ld kB) is meminfo Shmem (%ld kB), our 1 MiB included",
		kb(si.sharedram, si.mem_unit), meminfo("Shmem"));
	total = kb(si.totalram, si.mem_unit);
	free_kb = kb(si.freeram, si.mem_unit);
	cached = meminfo("Cached");
	sreclaimable = meminfo("SReclaimable");
	ksft_ok(near(total, meminfo("MemTotal")) && near(free_kb, meminfo("MemFree")),
		"sysinfo totalram/freeram are MemTotal/MemFree");
	/* busybox free: used = total - free - (bufferram + Cached + SReclaimable) */
	used = total - free_kb - kb(si.bufferram, si.mem_unit) - cached -
	       (sreclaimable < 0 ? 0 : sreclaimable);
	ksft_ok(cached >= 0 && used > 0 && used < total,
		"busybox free's used is between 0 and the total (%ld kB of %ld kB)", used, total);
	ksft_ok(cached + meminfo("AnonPages") + buffers <=
		meminfo("MemTotal") - meminfo("MemFree") + SLACK_KB,
		"Cached + AnonPages + Buffers fit in MemTotal - MemFree");
	munmap(shared, SHARED_BYTES);
	ksft_exit();
}
