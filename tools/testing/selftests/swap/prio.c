/*
 * Swap priorities as Linux 6.1 assigns and uses them, with two 64-page
 * swap files on the ext2 image of vdc (see swap_file.h), the second
 * named with a space: without SWAP_FLAG_PREFER the areas get -2, -3
 * (and a swapoff closes the gap: the later area moves up one, the next
 * swapon gets the lowest); /proc/swaps is byte for byte Linux's (tabs,
 * the name padded to 40 columns, the space escaped as \040); pages go
 * to the area of the highest priority until it is full, then to the
 * next; areas of equal priority take turns (each about half).  Skipped
 * without the image.
 */
#include <sys/mman.h>
#include "swap_dev.h"
#include "swap_file.h"

#define NTESTS	8
#define FPAGES	64
#define SLOTS	(FPAGES - 1)
#define FILE_A	MNT "/prio-a"
#define FILE_B	MNT "/prio b"
#define ESC_B	MNT "/prio\\040b"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

/* Used kB and priority of the area at @path (escaped); -1 if it is not in /proc/swaps. */
static long used_kb(const char *path, int *prio)
{
	char type[32];
	long size, used;
	int p;

	if (file_row(path, type, &size, &used, &p))
		return -1;
	if (prio)
		*prio = p;
	return used;
}

/* @pages anonymous pages written and paged out: the mapping (unmap it), or NULL. */
static unsigned char *paged_out(size_t pages)
{
	unsigned char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	for (size_t i = 0; i < pages * PAGE; i += 512)
		p[i] = (unsigned char)(i / PAGE + 1);
	madvise(p, pages * PAGE, MADV_PAGEOUT);
	return p;
}

/* Linux's swap_show() line for a file of @kb kB. */
static void swaps_line(char *out, size_t size, const char *esc, long kb, long used, int prio)
{
	int len = strlen(esc);

	snprintf(out, size, "%s%*s%s\t%ld\t%s%ld\t%s%d\n", esc, len < 40 ? 40 - len : 1, " ",
		 "file\t", kb, kb < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "", prio);
}

static void test_defaults(void)
{
	static char buf[4096], want[1024], a[256], b[256];
	int pa = 0, pb = 0, ok;
	unsigned char *p;

	ok = sys_swapon(FILE_A, 0) == 0 && sys_swapon(FILE_B, 0) == 0 &&
	     used_kb(FILE_A, &pa) == 0 && used_kb(ESC_B, &pb) == 0;
	ksft_ok(ok && pa == -2 && pb == -3, "default priorities -2 and -3 (%d, %d)", pa, pb);
	swaps_line(a, sizeof(a), FILE_A, SLOTS * 4, 0, -2);
	swaps_line(b, sizeof(b), ESC_B, SLOTS * 4, 0, -3);
	snprintf(want, sizeof(want), "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s%s", a, b);
	ok = ksft_read_file("/proc/swaps", buf, sizeof(buf)) > 0 && !strcmp(buf, want);
	ksft_ok(ok, "/proc/swaps is Linux's text, byte for byte");
	if (!ok)
		ksft_diag("got:\n%s\nwant:\n%s", buf, want);
	p = paged_out(16);
	ok = p && used_kb(FILE_A, NULL) == 64 && used_kb(ESC_B, NULL) == 0;
	ksft_ok(ok, "16 pages out: all in the -2 area (%ld kB, %ld kB)", used_kb(FILE_A, NULL),
		used_kb(ESC_B, NULL));
	if (p)
		munmap(p, 16 * PAGE);
	ok = sys_swapoff(FILE_A) == 0 && used_kb(ESC_B, &pb) == 0 && pb == -2 &&
	     sys_swapon(FILE_A, 0) == 0 && used_kb(FILE_A, &pa) == 0 && pa == -3;
	ksft_ok(ok, "swapoff of -2: the other moves up to %d, a new swapon gets %d", pb, pa);
	sys_swapoff(FILE_A);
	sys_swapoff(FILE_B);
}

static void test_prefer(void)
{
	long ua, ub;
	unsigned char *p;
	int pa = 0, ok;

	ok = sys_swapon(FILE_A, SWAP_FLAG_PREFER | 10) == 0 &&
	     sys_swapon(FILE_B, SWAP_FLAG_PREFER | 3) == 0 && used_kb(FILE_A, &pa) == 0 && pa == 10;
	ksft_ok(ok, "SWAP_FLAG_PREFER | 10 and | 3");
	p = paged_out(80);
	ua = used_kb(FILE_A, NULL);
	ub = used_kb(ESC_B, NULL);
	ksft_ok(p && ua == SLOTS * 4 && ub > 0, "80 pages out: the priority-10 area full (%ld kB), "
		"the rest in the other (%ld kB)", ua, ub);
	if (p)
		munmap(p, 80 * PAGE);
	sys_swapoff(FILE_A);
	sys_swapoff(FILE_B);
	ok = sys_swapon(FILE_A, SWAP_FLAG_PREFER | 5) == 0 && sys_swapon(FILE_B, SWAP_FLAG_PREFER | 5) == 0;
	p = paged_out(32);
	ua = used_kb(FILE_A, NULL);
	ub = used_kb(ESC_B, NULL);
	ok = ok && p && ua > 0 && ub > 0 && labs(ua - ub) <= 8 && ua + ub >= 28 * 4;
	ksft_ok(ok, "equal priorities take turns: 32 pages out, %ld kB and %ld kB", ua, ub);
	if (p)
		munmap(p, 32 * PAGE);
	ok = sys_swapoff(FILE_A) == 0 && sys_swapoff(FILE_B) == 0;
	ksft_ok(ok, "both swapoff");
}

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	if (mount_ext2(dev, sizeof(dev)) || make_swapfile(FILE_A, FPAGES, 0) ||
	    make_swapfile(FILE_B, FPAGES, 0)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image on vdc, or not root", "prio case %d", i + 1);
		ksft_exit();
	}
	test_defaults();
	test_prefer();
	unlink(FILE_A);
	unlink(FILE_B);
	umount(MNT);
	ksft_exit();
}
