/*
 * swapdemo: pages going to swap and coming back, across fork.
 *
 * A parent writes 8 private anonymous pages and sends pages 0-3 to swap
 * with madvise(MADV_PAGEOUT): their page-table entries now hold a swap
 * entry (the area's type and the slot's offset) instead of a frame, and
 * the frames are free.  Then it forks: the child's page table names the
 * same slots (each slot's count is 2).  The table below each step shows,
 * for every page and from each process's own view:
 *
 *   resident <frame> x<mapcount>   the page is in RAM (/proc/self/pagemap
 *                                  and /proc/kpagecount)
 *   swap <type>:<offset>           in swap (pagemap's swap bit and entry)
 *   +cache                         ... and in the swap cache too (mincore
 *                                  says resident), so a fault needs no I/O
 *
 * The steps: the child reads page 0 (a major fault: the page is read
 * from disk into the swap cache and mapped, and readahead brings pages
 * 1-3 into the cache too; the parent still has the swap entry, now
 * "+cache"); the parent reads page 0 (found in the swap
 * cache: no I/O, the same frame, mapped by both, x2, and the slot is
 * free); the child writes page 0 (copy-on-write: the child gets a copy,
 * the parent keeps the frame, x1 each).  The processes take turns
 * through two pipes.  (Right after fork, Linnet's child shares the
 * parent's page table, so a page shows x1 until either changes a PTE
 * there: Documentation/mm/fork.md.)
 *
 * It needs swap: with no area in /proc/swaps it runs `swapon` on its
 * argument if given -- a path, or a partition's name such as vda5 (a
 * node is made for it in /tmp) that holds mkswap's header -- else it
 * says so and stops.  Runs on Linux too (as
 * root, to see frames); Linux may keep a page in the swap cache longer.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <uapi/linux-ish/pagemap.h>

#define DEMO_NAME "swapdemo"
#include "say.h"

#define NPAGES	8
#define NOUT	4
#define PAGE	4096

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static unsigned char *mem;

static uint64_t read_u64(const char *file, uint64_t index)
{
	uint64_t v = 0;
	int fd = open(file, O_RDONLY);

	if (fd >= 0) {
		if (pread(fd, &v, 8, index * 8) != 8)
			v = 0;
		close(fd);
	}
	return v;
}

static void show(const char *who, const char *step)
{
	unsigned char vec[NPAGES];

	say("%s %s:\n", who, step);
	if (mincore(mem, NPAGES * PAGE, vec))
		die("mincore");
	for (int i = 0; i < NPAGES; i++) {
		uint64_t e = read_u64("/proc/self/pagemap", (uintptr_t)(mem + i * PAGE) / PAGE);

		if (e & PM_PRESENT) {
			uint64_t pfn = e & PM_PFN_MASK;

			say("  page %d: resident %#llx x%llu\n", i, (unsigned long long)pfn,
			    (unsigned long long)read_u64("/proc/kpagecount", pfn));
		} else if (e & PM_SWAP) {
			say("  page %d: swap %llu:%llu%s\n", i, (unsigned long long)(e & 31),
			    (unsigned long long)((e & PM_PFN_MASK) >> 5), vec[i] ? " +cache" : "");
		} else {
			say("  page %d: not mapped\n", i);
		}
	}
}

static int swap_is_on(void)
{
	char buf[512];
	int fd = open("/proc/swaps", O_RDONLY), n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strchr(buf, '\n') && strchr(buf, '\n')[1] != '\0';
}

/* A partition's name (vda5) becomes a node made in /tmp from /proc/partitions. */
static const char *device_path(const char *arg)
{
	static char path[64], buf[2048];
	unsigned int ma, mi;
	unsigned long long kib;
	char name[32], *line;
	int fd, n;

	if (strchr(arg, '/') || (fd = open("/proc/partitions", O_RDONLY)) < 0)
		return arg;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "%u %u %llu %31s", &ma, &mi, &kib, name) == 4 && !strcmp(name, arg)) {
			snprintf(path, sizeof(path), "/tmp/swapdemo-%s", arg);
			unlink(path);
			if (!mknod(path, S_IFBLK | 0600, makedev(ma, mi)))
				return path;
		}
	}
	return arg;
}

int main(int argc, char **argv)
{
	int to_child[2], to_parent[2];
	pid_t pid;

	if (!swap_is_on() && argc < 2) {
		say("%s: no swap area: give one (mkswap'd) as the argument\n", DEMO_NAME);
		return 0;
	}
	if (!swap_is_on() && syscall(SYS_swapon, device_path(argv[1]), 0))
		die(argv[1]);
	mem = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap");
	for (int i = 0; i < NPAGES; i++)
		memset(mem + i * PAGE, 'a' + i, PAGE);
	show("parent", "wrote 8 pages");
	if (madvise(mem, NOUT * PAGE, MADV_PAGEOUT))
		die("madvise");
	show("parent", "MADV_PAGEOUT of pages 0-3");
	if (pipe(to_child) || pipe(to_parent))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		show("child", "after fork (the same swap entries)");
		say("child reads page 0: '%c'\n", mem[0]);
		show("child", "after its read (a major fault)");
		give_turn(to_parent[1]);
		wait_turn(to_child[0]);
		mem[0] = 'X';
		show("child", "after writing page 0 (copy-on-write)");
		give_turn(to_parent[1]);
		_exit(0);
	}
	wait_turn(to_parent[0]);
	show("parent", "while the child has page 0");
	say("parent reads page 0: '%c'\n", mem[0]);
	show("parent", "after its read (from the swap cache)");
	give_turn(to_child[1]);
	wait_turn(to_parent[0]);
	show("parent", "after the child's write");
	waitpid(pid, NULL, 0);
	return 0;
}
