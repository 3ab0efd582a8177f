/*
 * smaps: /proc/self/smaps and smaps_rollup count what is really mapped.
 * Eight private pages, three of them written: Size 32 kB, Rss, Pss,
 * Private_Dirty and Anonymous 12 kB.  With a forked child alive the
 * same pages are mapped twice: Shared_Dirty 12 kB and Pss 6 kB.
 * smaps_rollup's Rss is the sum of the VMAs' Rss.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../kselftest.h"

static char text[1 << 17];

static int slurp(const char *path)
{
	return ksft_read_file(path, text, sizeof(text));
}

/* The value of @key in the smaps block of the VMA starting at @start; -1 if none. */
static long vma_field(unsigned long start, const char *key)
{
	char head[32], *block, *end, *at;

	snprintf(head, sizeof(head), "%08lx-", start);
	block = strstr(text, head);
	if (!block)
		return -1;
	end = strstr(block, "VmFlags:");
	at = strstr(block, key);
	if (!at || !end || at > end)
		return -1;
	return strtol(at + strlen(key), NULL, 10);
}

/* The sum of @key over every VMA in text (smaps). */
static long sum_field(const char *key)
{
	long sum = 0;

	for (char *at = strstr(text, key); at; at = strstr(at + 1, key))
		if (at == text || at[-1] == '\n')
			sum += strtol(at + strlen(key), NULL, 10);
	return sum;
}

int main(void)
{
	/* PROT_NONE guards on both sides: the VMA merges with no neighbour. */
	char *mem = mmap(NULL, 10 * KSFT_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
		    + KSFT_PAGE;
	unsigned long a = (unsigned long)mem;
	long size, rss, pss, priv, anon, shared, swap, total, rollup;
	int status;
	pid_t pid;

	ksft_plan(5);
	mprotect(mem, 8 * KSFT_PAGE, PROT_READ | PROT_WRITE);
	memset(text, 0, sizeof(text));	/* our buffer's pages are resident from here on */
	mem[0] = mem[3 * KSFT_PAGE] = mem[7 * KSFT_PAGE] = 1;
	/*
	 * Twice: the first pass faults in the code and stack the parsing
	 * uses, so that nothing new is mapped between the two reads of the
	 * second pass.
	 */
	for (int pass = 0; pass < 2; pass++) {
		slurp("/proc/self/smaps");
		size = vma_field(a, "\nSize:");
		rss = vma_field(a, "\nRss:");
		pss = vma_field(a, "\nPss:");
		priv = vma_field(a, "\nPrivate_Dirty:");
		anon = vma_field(a, "\nAnonymous:");
		shared = vma_field(a, "\nShared_Dirty:");
		swap = vma_field(a, "\nSwap:");
		total = sum_field("Rss:");
		slurp("/proc/self/smaps_rollup");
		rollup = strstr(text, "[rollup]") ? strtol(strstr(text, "\nRss:") + 5, NULL, 10) : -1;
	}
	ksft_ok(size == 32 && rss == 12 && pss == 12, "Size 32 kB, Rss and Pss 12 kB");
	ksft_ok(priv == 12 && anon == 12 && shared == 0 && swap == 0,
		"Private_Dirty and Anonymous 12 kB, no Shared_Dirty, no Swap");
	ksft_ok(rollup == total && total > 12,
		"smaps_rollup Rss (%ld kB) is the sum of smaps (%ld kB)", rollup, total);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	slurp("/proc/self/smaps");
	ksft_ok(vma_field(a, "\nShared_Dirty:") == 12 && vma_field(a, "\nPrivate_Dirty:") == 0,
		"with a child alive the pages are Shared_Dirty");
	ksft_ok(vma_field(a, "\nPss:") == 6 && vma_field(a, "\nRss:") == 12,
		"and Pss is half the Rss");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ksft_exit();
}
