/*
 * The block selftests' test disk (scripts/mkdisk-test): finding its node
 * (/dev/NAME, or one made in /tmp from /proc/partitions when devtmpfs is
 * not on /dev, as in Linux's test initramfs) and telling it from another
 * disk by its MBR signature.
 */
#ifndef BLOCK_TEST_DISK_H
#define BLOCK_TEST_DISK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"

#define MBR_SIG		0x4c4e4554

/* /proc/partitions' row for @name: its major, minor and KiB; 0 if found. */
static inline int partition_row(const char *name, unsigned int *ma, unsigned int *mi,
				unsigned long long *kib)
{
	static char buf[8192];
	char *line;

	if (ksft_read_file("/proc/partitions", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char n[64];

		if (sscanf(line, "%u %u %llu %63s", ma, mi, kib, n) == 4 && !strcmp(n, name))
			return 0;
	}
	return -1;
}

/*
 * A node for disk @name in @dev: /dev/NAME when it exists, else
 * /tmp/blkdev-NAME made from /proc/partitions.  0, or -1 without one.
 */
static inline int disk_node(const char *name, char *dev, size_t size)
{
	unsigned int ma, mi;
	unsigned long long kib;

	snprintf(dev, size, "/dev/%s", name);
	if (!access(dev, F_OK))
		return 0;
	if (partition_row(name, &ma, &mi, &kib))
		return -1;
	snprintf(dev, size, "/tmp/blkdev-%s", name);
	unlink(dev);
	return mknod(dev, S_IFBLK | 0600, makedev(ma, mi)) ? -1 : 0;
}

/* Opens /dev/@name, or a node made for it in /tmp.  fd or -1. */
static inline int open_dev(const char *name, int flags)
{
	char path[64];

	if (disk_node(name, path, sizeof(path)))
		return -1;
	return open(path, flags);
}

/*
 * fail_make_request's debugfs knobs and Linnet's per-disk switch (Linux's
 * is /sys/block/NAME/make-it-fail): every request to disk @name fails
 * when @on, none when not.  0, or -1 without the knobs.
 */
static inline int fail_disk_requests(const char *name, int on)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/kernel/debug/block/%s/make-it-fail", name);
	return ksft_write_file("/sys/kernel/debug/fail_make_request/probability", on ? "100" : "0") |
	       ksft_write_file("/sys/kernel/debug/fail_make_request/times", "-1") |
	       ksft_write_file("/sys/kernel/debug/fail_make_request/verbose", "0") |
	       ksft_write_file(path, on ? "1" : "0");
}

static inline int is_test_disk(int fd)
{
	unsigned char mbr[512];
	uint32_t sig;

	if (pread(fd, mbr, sizeof(mbr), 0) != sizeof(mbr))
		return 0;
	memcpy(&sig, mbr + 440, 4);
	return sig == MBR_SIG && mbr[510] == 0x55 && mbr[511] == 0xaa;
}

#endif
