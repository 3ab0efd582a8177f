/*
 * overcommit: vm.overcommit_memory's three policies against private
 * writable mappings.  0 (guess) refuses one mapping larger than RAM + swap
 * unless MAP_NORESERVE; 1 grants it; 2 refuses what would take
 * Committed_AS to CommitLimit, MAP_NORESERVE or not, while read-only
 * private mappings cost nothing until mprotect makes them writable.
 * Committed_AS moves by what is mapped and unmapped.  Needs root; puts
 * every value back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../kselftest.h"

#define MIB	(1024UL * 1024)

/* A /proc/meminfo value in kB, or -1. */
static long meminfo(const char *key)
{
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");
	long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':')
			v = atol(line + strlen(key) + 1);
	if (f)
		fclose(f);
	return v;
}

static int set_mode(const char *v)
{
	int fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY);
	int ok = fd >= 0 && write(fd, v, strlen(v)) == (ssize_t)strlen(v);

	if (fd >= 0)
		close(fd);
	return ok;
}

static void *map(size_t len, int prot, int extra)
{
	return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
}

static void test_guess(size_t huge)
{
	void *p;

	ksft_ok(set_mode("0"), "mode 0 (guess)");
	p = map(huge, PROT_READ | PROT_WRITE, 0);
	ksft_ok(p == MAP_FAILED && errno == ENOMEM, "guess: more than RAM + swap at once: ENOMEM");
	p = map(huge, PROT_READ | PROT_WRITE, MAP_NORESERVE);
	ksft_ok(p != MAP_FAILED, "guess: the same with MAP_NORESERVE is granted");
	if (p != MAP_FAILED)
		munmap(p, huge);
}

static void test_always(size_t huge)
{
	void *p;

	ksft_ok(set_mode("1"), "mode 1 (always)");
	p = map(huge, PROT_READ | PROT_WRITE, 0);
	ksft_ok(p != MAP_FAILED, "always: more than RAM + swap is granted");
	if (p != MAP_FAILED)
		munmap(p, huge);
}

static void test_never(void)
{
	long before, after, room;
	size_t over;
	char *p, *ro;

	ksft_ok(set_mode("2"), "mode 2 (never)");
	room = meminfo("CommitLimit") - meminfo("Committed_AS");
	over = (size_t)(room + 4096) * 1024;
	ksft_ok(map(over, PROT_READ | PROT_WRITE, 0) == MAP_FAILED && errno == ENOMEM,
		"never: beyond CommitLimit - Committed_AS: ENOMEM");
	ksft_ok(map(over, PROT_READ | PROT_WRITE, MAP_NORESERVE) == MAP_FAILED && errno == ENOMEM,
		"never: MAP_NORESERVE does not help");
	ro = map(over, PROT_READ, 0);
	ksft_ok(ro != MAP_FAILED, "never: a read-only private mapping costs nothing");
	ksft_ok(ro != MAP_FAILED && mprotect(ro, over, PROT_READ | PROT_WRITE) == -1 &&
		errno == ENOMEM, "never: making it writable is charged: ENOMEM");
	if (ro != MAP_FAILED)
		munmap(ro, over);
	before = meminfo("Committed_AS");
	p = map(8 * MIB, PROT_READ | PROT_WRITE, 0);
	after = meminfo("Committed_AS");
	/* Linux's counter is per-CPU with a batch of up to 1 MiB here: allow for it. */
	ksft_ok(p != MAP_FAILED && labs(after - before - 8192) < 1536,
		"never: an 8 MiB mapping adds 8 MiB to Committed_AS (%ld kB)", after - before);
	if (p != MAP_FAILED)
		munmap(p, 8 * MIB);
	ksft_ok(labs(meminfo("Committed_AS") - before) < 1536, "munmap gives it back");
}

int main(void)
{
	long ram = meminfo("MemTotal"), swap = meminfo("SwapTotal");
	size_t huge = (size_t)(ram + swap) * 1024 + 64 * MIB;
	char mode[8] = "0";
	int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY);

	ksft_plan(13);
	if (fd < 0 || read(fd, mode, 1) != 1)
		ksft_ok(0, "read vm.overcommit_memory");
	else
		ksft_ok(mode[0] == '0', "vm.overcommit_memory is 0 at boot");
	if (fd >= 0)
		close(fd);
	mode[1] = '\0';
	test_guess(huge);
	test_always(huge);
	test_never();
	set_mode(mode);
	ksft_exit();
}
