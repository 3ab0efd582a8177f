/*
 * Block device files on the test disk (scripts/mkdisk-test: 16 MiB,
 * vda1 4 MiB at sector 2048, extended vda2 with logical vda5 1 MiB at
 * sector 12288).  The harness attaches it as the first virtio disk on
 * Linnet and on Linux 6.1; without it (or if vda is some other disk,
 * told by its MBR signature) every case skips.  The node is /dev/vda,
 * or one made in /tmp from /proc/partitions (Linux's devtmpfs is not
 * mounted in the test initramfs).
 *
 * Writes go to the disk's last 8 MiB (no partition) and to vda1; make
 * test checks the pattern at 12 MiB on the host (check-test-disk).
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <uapi/linux-ish/fs.h>
#include "../kselftest.h"
#include "test_disk.h"

#define NTESTS		18
#define DISK_SIZE	(16 << 20)
#define P1_SIZE		(4 << 20)
#define P1_START	(2048 * 512)
#define HOST_OFF	(12 << 20)	/* check-test-disk reads this region */
#define HOST_LEN	(256 << 10)

static unsigned int vda_major, vda_minor;

/* The pattern check-test-disk expects at HOST_OFF. */
static unsigned char host_byte(size_t i)
{
	return (unsigned char)(i * 7 + i / 4096);
}

static void test_ioctls(int fd)
{
	unsigned long long bytes = 0;
	unsigned long sectors = 0;
	int ssz = 0, bsz = 0, ro = -1;

	int ok;

	ok = ioctl(fd, BLKGETSIZE64, &bytes) == 0 && bytes == DISK_SIZE;
	ksft_ok(ok, "BLKGETSIZE64 is the image's size (%llu)", bytes);
	ok = ioctl(fd, BLKGETSIZE, &sectors) == 0 && sectors == DISK_SIZE / 512;
	ksft_ok(ok, "BLKGETSIZE in 512-byte sectors (%lu)", sectors);
	ok = ioctl(fd, BLKSSZGET, &ssz) == 0 && ssz == 512 && ioctl(fd, BLKBSZGET, &bsz) == 0 &&
	     bsz == 4096 && ioctl(fd, BLKROGET, &ro) == 0 && ro == 0;
	ksft_ok(ok, "BLKSSZGET 512, BLKBSZGET 4096, BLKROGET 0 (%d %d %d)", ssz, bsz, ro);
	errno = 0;
	ksft_ok(ioctl(fd, BLKGETSIZE64, NULL) == -1 && errno == EFAULT &&
		ioctl(fd, 0x12ff, 0) == -1 && errno == ENOTTY,
		"BLKGETSIZE64 to NULL EFAULT, an unknown ioctl ENOTTY");
}

static void test_llseek(int fd)
{
	ksft_ok(lseek(fd, 0, SEEK_END) == DISK_SIZE && lseek(fd, -512, SEEK_END) == DISK_SIZE - 512,
		"SEEK_END is the device's size");
	errno = 0;
	ksft_ok(lseek(fd, 1, SEEK_END) == -1 && errno == EINVAL &&
		lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL,
		"seeking past the end or before 0: EINVAL");
	errno = 0;
	ksft_ok(lseek(fd, 4096, SEEK_DATA) == -1 && errno == EINVAL &&
		lseek(fd, 4096, SEEK_HOLE) == -1 && errno == EINVAL &&
		lseek(fd, 0, SEEK_CUR) == DISK_SIZE - 512,
		"SEEK_DATA and SEEK_HOLE: EINVAL (a fixed-size file), the position kept");
}

/* Patterns at odd offsets through one descriptor, read through another. */
static void test_rw(int fd)
{
	static unsigned char buf[HOST_LEN], back[HOST_LEN];
	int fd2 = open_dev("vda", O_RDONLY), ok = 1;
	void *volatile bad = (void *)8;
	off_t offs[] = { 9 << 20, (9 << 20) + 70001, (10 << 20) - 100 };

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = host_byte(i);
	ok &= pwrite(fd, buf, HOST_LEN, HOST_OFF) == HOST_LEN;
	for (int k = 0; k < 3; k++) {
		memset(buf, 'a' + k, 5000);
		ok &= pwrite(fd, buf, 5000, offs[k]) == 5000;
	}
	for (int k = 0; k < 3; k++)
		ok &= pread(fd2, back, 5000, offs[k]) == 5000 && back[0] == 'a' + k &&
		      back[4999] == 'a' + k;
	ksft_ok(fd2 >= 0 && ok, "writes at unaligned offsets read back through a second open");
	ksft_ok(fsync(fd) == 0 && fdatasync(fd) == 0, "fsync and fdatasync of the device: 0");
	ok = ioctl(fd, BLKFLSBUF, 0) == 0;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = host_byte(i);
	ok &= pread(fd2, back, HOST_LEN, HOST_OFF) == HOST_LEN && !memcmp(back, buf, HOST_LEN);
	ok &= pread(fd2, back, 5000, offs[1]) == 5000 && back[0] == 'b' && back[4999] == 'b';
	ksft_ok(ok, "after BLKFLSBUF the data comes back from the disk");
	errno = 0;
	ksft_ok(read(fd2, bad, 512) == -1 && errno == EFAULT &&
		pread(fd2, back, 512, -512) == -1 && errno == EINVAL,
		"read into a bad pointer EFAULT, a negative offset EINVAL");
	close(fd2);
}

/* vda1: bounded by its size; its data is the disk's at its start. */
static void test_partition(int disk)
{
	int fd = open_dev("vda1", O_RDWR), ok;
	unsigned long long bytes = 0;
	char buf[200], back[200];

	memset(buf, 'P', sizeof(buf));
	ok = fd >= 0 && ioctl(fd, BLKGETSIZE64, &bytes) == 0 && bytes == P1_SIZE &&
	     lseek(fd, 0, SEEK_END) == P1_SIZE;
	ksft_ok(ok, "vda1: BLKGETSIZE64 and SEEK_END are its 4 MiB");
	errno = 0;
	ksft_ok(fd >= 0 && pwrite(fd, buf, 200, P1_SIZE - 100) == 100 &&
		pwrite(fd, buf, 1, P1_SIZE) == -1 && errno == ENOSPC &&
		pwrite(fd, buf, 0, P1_SIZE) == 0 && pread(fd, back, 10, P1_SIZE) == 0,
		"vda1: a write across the end is short, at the end ENOSPC; reads there 0");
	ok = fd >= 0 && pwrite(fd, "partition-one", 13, 0) == 13 && fsync(fd) == 0 &&
	     ioctl(disk, BLKFLSBUF, 0) == 0 && pread(disk, back, 13, P1_START) == 13 &&
	     !memcmp(back, "partition-one", 13);
	ksft_ok(ok, "vda1's offset 0 is the disk's sector 2048");
	if (fd >= 0)
		close(fd);
}

/* Sectors written to vda so far, from /proc/diskstats; -1 if absent. */
static long sectors_written(void)
{
	static char buf[8192];
	unsigned int ma, mi;
	unsigned long f[7];
	char name[32];
	char *line;

	ksft_read_file("/proc/diskstats", buf, sizeof(buf));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (sscanf(line, "%u %u %31s %lu %lu %lu %lu %lu %lu %lu", &ma, &mi, name, &f[0], &f[1],
			   &f[2], &f[3], &f[4], &f[5], &f[6]) == 10 && !strcmp(name, "vda"))
			return (long)f[6];
	return -1;
}

/* sync(2) writes a block device's dirty pages too. */
static void test_sync(int fd)
{
	static char buf[65536];
	long before = sectors_written(), after;

	memset(buf, 's', sizeof(buf));
	if (pwrite(fd, buf, sizeof(buf), 13 << 20) != sizeof(buf))
		before = -1;
	sync();
	after = sectors_written();
	ksft_ok(before >= 0 && after >= before + 128,
		"sync() writes the device's dirty pages (%ld -> %ld sectors)", before, after);
}

static void test_proc(void)
{
	unsigned int ma, mi, ma1, mi1, ma5, mi5, ma2, mi2;
	unsigned long long kib, kib1, kib5, kib2;
	static char buf[8192];
	unsigned long f[17];
	char name[32];
	char *line;
	int found = 0;

	ksft_ok(!partition_row("vda", &ma, &mi, &kib) && kib == 16384 &&
		!partition_row("vda1", &ma1, &mi1, &kib1) && kib1 == 4096 && ma1 == ma && mi1 == mi + 1 &&
		!partition_row("vda2", &ma2, &mi2, &kib2) && kib2 == 1 && mi2 == mi + 2 &&
		!partition_row("vda5", &ma5, &mi5, &kib5) && kib5 == 1024 && mi5 == mi + 5,
		"/proc/partitions: vda 16384, vda1 4096, vda2 (extended) 1, vda5 1024");
	vda_major = ma;
	vda_minor = mi;
	ksft_read_file("/proc/diskstats", buf, sizeof(buf));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "%u %u %31s %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			   &ma, &mi, name, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8],
			   &f[9], &f[10], &f[11], &f[12], &f[13], &f[14], &f[15], &f[16]) == 20 &&
		    !strcmp(name, "vda") && ma == vda_major && mi == vda_minor)
			found = f[0] > 0 && f[2] >= 8 && f[4] > 0 && f[6] >= HOST_LEN / 512 &&
				f[8] == 0;
	}
	ksft_ok(found, "/proc/diskstats: vda's reads, sectors read, writes, sectors written; none in flight");
}

int main(void)
{
	int fd;

	ksft_plan(NTESTS);
	fd = open_dev("vda", O_RDWR);
	if (fd < 0 || !is_test_disk(fd)) {
		ksft_diag("vda: %s", fd < 0 ? strerror(errno) : "another disk");
		for (int i = 0; i < NTESTS; i++)
			ksft_skip("no test disk", "vda is not the test disk (scripts/mkdisk-test)");
		ksft_exit();
	}
	test_ioctls(fd);
	test_llseek(fd);
	test_rw(fd);
	test_partition(fd);
	test_sync(fd);
	test_proc();
	ksft_ok(close(fd) == 0, "close");
	ksft_exit();
}
