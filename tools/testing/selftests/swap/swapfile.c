/*
 * A swap file on ext2 (vdc of scripts/mkdisk-ext2: 4 KiB blocks; Linux
 * 6.1 mounts it with its ext4 driver): a 64-page file written in full
 * and given mkswap's header swaps on as type "file" in /proc/swaps, a
 * second swapon is EBUSY, pages paged out to it read back, swapoff
 * brings them back; a file with holes (ftruncate) is EINVAL, and so are,
 * as Linux 6.1's read_swap_header has it, a header listing bad pages
 * (they make sense only on a partition), a file shorter than the
 * header's last_page and an empty file; a directory is EISDIR.  Skipped
 * without the image.
 */
#include <sys/mman.h>
#include "swap_dev.h"
#include "swap_file.h"

#define NTESTS	10
#define FPAGES	64
#define FILE1	MNT "/swapfile"
#define HOLEY	MNT "/holey"
#define SHORT	MNT "/short"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

/* The row of @path in /proc/swaps is a "file" of @kb kB. */
static int file_row_kb(const char *path, long kb)
{
	char type[32];
	long size, used;
	int prio;

	return !file_row(path, type, &size, &used, &prio) && !strcmp(type, "file") && size == kb;
}

static void test_file(void)
{
	unsigned char *p;
	int ok;

	ok = make_swapfile(FILE1, FPAGES, 0) == 0 && sys_swapon(FILE1, SWAP_FLAG_PREFER | 7) == 0;
	ksft_ok(ok, "swapon of a 64-page swap file on ext2");
	ksft_ok(file_row_kb(FILE1, (FPAGES - 1) * 4), "/proc/swaps: type file, 252 kB");
	errno = 0;
	ksft_ok(sys_swapon(FILE1, 0) == -1 && errno == EBUSY, "a second swapon of the file: EBUSY");
	p = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok = p != MAP_FAILED;
	for (size_t i = 0; ok && i < 32 * PAGE; i++)
		p[i] = (unsigned char)(i * 7 + i / PAGE);
	ok = ok && madvise(p, 32 * PAGE, MADV_PAGEOUT) == 0;
	for (size_t i = 0; ok && i < 32 * PAGE; i++)
		ok = p[i] == (unsigned char)(i * 7 + i / PAGE);
	ksft_ok(ok, "32 pages paged out to the file read back");
	ok = ok && madvise(p, 32 * PAGE, MADV_PAGEOUT) == 0 && sys_swapoff(FILE1) == 0;
	for (size_t i = 0; ok && i < 32 * PAGE; i++)
		ok = p[i] == (unsigned char)(i * 7 + i / PAGE);
	ksft_ok(ok, "paged out again, swapoff: every byte back");
	if (p != MAP_FAILED)
		munmap(p, 32 * PAGE);
	errno = 0;
	ok = make_swapfile(HOLEY, FPAGES, 1) == 0 && sys_swapon(HOLEY, 0) == -1 && errno == EINVAL;
	ksft_ok(ok, "a swap file with holes: EINVAL");
	sys_swapoff(FILE1);
	unlink(FILE1);
	unlink(HOLEY);
}

/* Linux 6.1's read_swap_header on a regular file. */
static void test_bad_headers(void)
{
	unsigned int bad[1] = { 5 };
	int fd, ok;

	errno = 0;
	ok = make_swapfile_bad(FILE1, FPAGES, 0, 1, bad) == 0 && sys_swapon(FILE1, 0) == -1 &&
	     errno == EINVAL;
	ksft_ok(ok, "a swap file whose header lists a bad page: EINVAL");
	/* A header for 64 pages in a file of 16. */
	errno = 0;
	ok = make_swapfile(SHORT, FPAGES, 0) == 0 && truncate(SHORT, 16 * PAGE) == 0 &&
	     sys_swapon(SHORT, 0) == -1 && errno == EINVAL;
	ksft_ok(ok, "a swap file shorter than its header's last_page: EINVAL");
	errno = 0;
	fd = open(SHORT, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ok = fd >= 0 && close(fd) == 0 && sys_swapon(SHORT, 0) == -1 && errno == EINVAL;
	ksft_ok(ok, "an empty file: EINVAL");
	errno = 0;
	ok = mkdir(MNT "/dir", 0755) == 0 && sys_swapon(MNT "/dir", 0) == -1 && errno == EISDIR;
	ksft_ok(ok, "a directory on ext2: EISDIR");
	rmdir(MNT "/dir");
	unlink(FILE1);
	unlink(SHORT);
}

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	if (mount_ext2(dev, sizeof(dev))) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image on vdc, or not root", "swapfile case %d", i + 1);
		ksft_exit();
	}
	test_file();
	test_bad_headers();
	umount(MNT);
	ksft_exit();
}
