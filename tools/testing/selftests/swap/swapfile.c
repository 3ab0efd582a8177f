/*
 * A swap file on ext2 (vdc of scripts/mkdisk-ext2: 4 KiB blocks; Linux
 * 6.1 mounts it with its ext4 driver): a 64-page file written in full
 * and given mkswap's header swaps on as type "file" in /proc/swaps, a
 * second swapon is EBUSY, pages paged out to it read back, swapoff
 * brings them back; a file with holes (ftruncate) is EINVAL.  Skipped
 * without the image.
 */
#include <sys/mman.h>
#include <sys/mount.h>
#include "swap_dev.h"

#define NTESTS	6
#define FPAGES	64
#define MNT	"/tmp/swapfile-mnt"
#define FILE1	MNT "/swapfile"
#define HOLEY	MNT "/holey"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

/* vdc holding the ext2 image labelled linnet-ext2-4k: its node in @dev.  0 or -1. */
static int find_ext2(char *dev, size_t size)
{
	char sb[1024];
	int fd = open_dev("vdc", O_RDONLY), ok;

	if (fd < 0)
		return -1;
	ok = pread(fd, sb, sizeof(sb), 1024) == sizeof(sb) && *(uint16_t *)(sb + 56) == 0xEF53 &&
	     !strncmp(sb + 120, "linnet-ext2-4k", 16);
	close(fd);
	snprintf(dev, size, access("/dev/vdc", F_OK) ? "/tmp/blkdev-vdc" : "/dev/vdc");
	return ok ? 0 : -1;
}

/* A swap file of @pages pages: every block written (unless @holey), then the header. */
static int make_swapfile(const char *path, unsigned int pages, int holey)
{
	static unsigned char page[PAGE];
	unsigned int one = 1, last = pages - 1;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), ok = fd >= 0;

	memset(page, 0, sizeof(page));
	if (holey)
		ok = ok && ftruncate(fd, (off_t)pages * PAGE) == 0;
	for (unsigned int i = 0; ok && !holey && i < pages; i++)
		ok = write(fd, page, PAGE) == PAGE;
	memcpy(page + SWAP_HDR_VERSION, &one, 4);
	memcpy(page + SWAP_HDR_LAST_PAGE, &last, 4);
	memcpy(page + SWAP_HDR_MAGIC, "SWAPSPACE2", 10);
	ok = ok && pwrite(fd, page, PAGE, 0) == PAGE && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* The row of @path in /proc/swaps is a "file" of @kb kB. */
static int file_row(const char *path, long kb)
{
	static char buf[4096];
	char *line;

	if (ksft_read_file("/proc/swaps", buf, sizeof(buf)) < 0)
		return 0;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char name[128], type[32];
		long size, used;
		int prio;

		if (sscanf(line, "%127s %31s %ld %ld %d", name, type, &size, &used, &prio) == 5 &&
		    !strcmp(name, path))
			return !strcmp(type, "file") && size == kb;
	}
	return 0;
}

static void test_file(void)
{
	unsigned char *p;
	int ok;

	ok = make_swapfile(FILE1, FPAGES, 0) == 0 && sys_swapon(FILE1, SWAP_FLAG_PREFER | 7) == 0;
	ksft_ok(ok, "swapon of a 64-page swap file on ext2");
	ksft_ok(file_row(FILE1, (FPAGES - 1) * 4), "/proc/swaps: type file, 252 kB");
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

int main(void)
{
	char dev[64];

	ksft_plan(NTESTS);
	mkdir(MNT, 0755);
	if (geteuid() != 0 || find_ext2(dev, sizeof(dev)) || mount(dev, MNT, "ext2", 0, NULL)) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image on vdc, or not root", "swapfile case %d", i + 1);
		ksft_exit();
	}
	test_file();
	umount(MNT);
	ksft_exit();
}
