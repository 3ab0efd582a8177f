/*
 * The swap selftests' swap area: vda5 of the test disk (scripts/
 * mkdisk-test: a 1 MiB logical partition no other test writes), made a
 * swap area here as mkswap would (SWAPSPACE2, version 1, last_page 255:
 * 255 slots).  Skipped without the test disk.  swap_path is the node
 * swapon/swapoff take (/dev/vda5, or one made in /tmp).
 */
#ifndef SWAP_DEV_H
#define SWAP_DEV_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uapi/linux-ish/swap.h>
#include "../kselftest.h"
#include "../block/test_disk.h"

#define SWAP_PAGES	256		/* vda5: 1 MiB */
#define PAGE		4096

static char swap_path[64];

static inline long sys_swapon(const char *path, int flags)
{
	return syscall(SYS_swapon, path, flags);
}

static inline long sys_swapoff(const char *path)
{
	return syscall(SYS_swapoff, path);
}

/* Finds vda5 of the test disk; its node's path in swap_path.  0 or -1 (skip). */
static inline int find_swap_dev(void)
{
	unsigned int ma, mi;
	unsigned long long kib;
	struct stat st;
	int fd = open_dev("vda", O_RDONLY), ok;

	ok = fd >= 0 && is_test_disk(fd);
	if (fd >= 0)
		close(fd);
	if (!ok || partition_row("vda5", &ma, &mi, &kib) || kib != 1024)
		return -1;
	snprintf(swap_path, sizeof(swap_path), "/dev/vda5");
	if (!stat(swap_path, &st) && S_ISBLK(st.st_mode) && st.st_rdev == makedev(ma, mi))
		return 0;
	snprintf(swap_path, sizeof(swap_path), "/tmp/swap-vda5");
	unlink(swap_path);
	return mknod(swap_path, S_IFBLK | 0600, makedev(ma, mi));
}

/* Writes a header: @version, @last_page, @nbad bad pages @bad[], the magic if @magic. */
static inline int write_header(unsigned int version, unsigned int last_page, unsigned int nbad,
			const unsigned int *bad, int magic)
{
	static unsigned char page[PAGE];
	int fd = open(swap_path, O_RDWR), ok;

	memset(page, 0, sizeof(page));
	memcpy(page + SWAP_HDR_VERSION, &version, 4);
	memcpy(page + SWAP_HDR_LAST_PAGE, &last_page, 4);
	memcpy(page + SWAP_HDR_NR_BADPAGES, &nbad, 4);
	memcpy(page + SWAP_HDR_BADPAGES, bad, nbad * 4);
	if (magic)
		memcpy(page + SWAP_HDR_MAGIC, "SWAPSPACE2", 10);
	ok = fd >= 0 && pwrite(fd, page, PAGE, 0) == PAGE && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* A good header for the whole partition, as mkswap makes it. */
static inline int mkswap(void)
{
	return write_header(1, SWAP_PAGES - 1, 0, NULL, 1);
}

/* The row of swap_path in /proc/swaps: size, used (KiB), priority.  0 or -1 (none). */
static inline int swaps_row(long *size, long *used, int *prio)
{
	static char buf[4096];
	char *line;

	if (ksft_read_file("/proc/swaps", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char name[128], type[32];

		if (sscanf(line, "%127s %31s %ld %ld %d", name, type, size, used, prio) == 5 &&
		    !strcmp(name, swap_path) && !strcmp(type, "partition"))
			return 0;
	}
	return -1;
}

/* A "Name:   N kB" line of a /proc file, or -1. */
static inline long proc_kb(const char *file, const char *name)
{
	static char buf[16384];
	const char *p;

	if (ksft_read_file(file, buf, sizeof(buf)) < 0 || !(p = strstr(buf, name)))
		return -1;
	return strtol(p + strlen(name), NULL, 10);
}

#endif
