/*
 * vm.drop_caches on a file of the ext2 image vdb (scripts/mkdisk-ext2;
 * skipped without it): 1 drops the clean, unmapped page cache (Cached
 * in /proc/meminfo falls by the file's size; the data reads back from
 * the disk), pages mapped by a process stay (mincore); 2 (dentries and
 * inodes) and 3 are accepted; 0 and 5 are EINVAL.  Needs root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NTESTS	7
#define SIZE	(4 << 20)
#define MAPPED	(256 << 10)
#define MNT	"/tmp/mnt-drop-caches"
#define FILE_	MNT "/drop-caches.dat"

static char buf[SIZE];

static int drop(const char *val)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY), r;

	if (fd < 0)
		return -errno;
	r = write(fd, val, strlen(val));
	r = r == (int)strlen(val) ? 0 : r < 0 ? -errno : -EIO;
	close(fd);
	return r;
}

static long cached_kb(void)
{
	char m[4096], *p;
	long kb = -1;

	if (ksft_read_file("/proc/meminfo", m, sizeof(m)) > 0 && (p = strstr(m, "\nCached:")))
		sscanf(p, "\nCached: %ld kB", &kb);
	return kb;
}

/* Mounts vdb's ext2 image (label linnet-ext2-1k) on MNT; 0 or -1. */
static int mount_image(void)
{
	char dev[64];

	if (find_ext2_image("vdb", "linnet-ext2-1k", dev, sizeof(dev)))
		return -1;
	mkdir(MNT, 0755);
	return mount(dev, MNT, "ext2", 0, NULL);
}

/* Writes the file, syncs it (clean pages) and reads it once (cached). */
static int make_file(void)
{
	int fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644), ok;

	for (int i = 0; i < SIZE; i++)
		buf[i] = (char)(i * 7 + i / 4096);
	ok = fd >= 0 && write(fd, buf, SIZE) == SIZE && fsync(fd) == 0 &&
	     pread(fd, buf, SIZE, 0) == SIZE;
	return close(fd) == 0 && ok ? 0 : -1;
}

static int data_ok(void)
{
	int fd = open(FILE_, O_RDONLY), ok;

	memset(buf, 0, SIZE);
	ok = fd >= 0 && read(fd, buf, SIZE) == SIZE;
	for (int i = 0; ok && i < SIZE; i++)
		ok = buf[i] == (char)(i * 7 + i / 4096);
	close(fd);
	return ok;
}

/* Pages of [0, MAPPED) resident after drop_caches 1 while mapped and touched. */
static int mapped_pages_stay(void)
{
	unsigned char vec[MAPPED / 4096];
	int fd = open(FILE_, O_RDONLY), n = 0;
	volatile char *p;
	long sum = 0;

	if (fd < 0)
		return 0;
	p = mmap(NULL, MAPPED, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 0;
	for (int i = 0; i < MAPPED; i += 4096)
		sum += p[i];
	if (drop("1") == 0 && mincore((void *)p, MAPPED, vec) == 0)
		for (unsigned int i = 0; i < sizeof(vec); i++)
			n += vec[i] & 1;
	munmap((void *)p, MAPPED);
	return n == (int)sizeof(vec) && sum != -1;
}

int main(void)
{
	long before, after;

	ksft_plan(NTESTS);
	if (getuid() != 0 || mount_image()) {
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no ext2 image or not root", "drop_caches needs vdb's ext2 image");
		ksft_exit();
	}
	ksft_ok(make_file() == 0, "a 4 MiB file written, synced and read: in the page cache");
	before = cached_kb();
	ksft_ok(drop("1") == 0, "drop_caches 1 accepted");
	after = cached_kb();
	ksft_ok(before - after >= (SIZE >> 10) * 9 / 10,
		"Cached fell by the file's size or more (%ld kB -> %ld kB)", before, after);
	ksft_ok(data_ok(), "the file reads back from the disk, every byte");
	ksft_ok(mapped_pages_stay(), "pages mapped by a process stay in the cache (mincore)");
	ksft_ok(drop("2") == 0 && drop("3") == 0 && drop("4") == 0,
		"drop_caches 2 (dentries, inodes), 3 (both) and 4 accepted");
	ksft_ok(drop("0") == -EINVAL && drop("5") == -EINVAL && drop("x") == -EINVAL,
		"drop_caches 0, 5, not a number: EINVAL");
	unlink(FILE_);
	umount(MNT);
	ksft_exit();
}
