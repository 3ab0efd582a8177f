/*
 * Swap files for the swap selftests: the ext2 image on vdc (scripts/
 * mkdisk-ext2: 4 KiB blocks, label linnet-ext2-4k; Linux 6.1 mounts it
 * with its ext4 driver) mounted at MNT, and files on it written in full
 * and given mkswap's header.  Include after swap_dev.h.
 */
#ifndef SWAP_FILE_H
#define SWAP_FILE_H

#include <sys/mount.h>
#include "../block/ext2_image.h"

#define MNT	"/tmp/swapfile-mnt"

/* vdc holding the ext2 image labelled linnet-ext2-4k: its node in @dev.  0 or -1. */
static inline int find_ext2(char *dev, size_t size)
{
	return find_ext2_image("vdc", "linnet-ext2-4k", dev, size);
}

/* Root, vdc found and mounted at MNT (its node in @dev): 0, or -1 (skip). */
static inline int mount_ext2(char *dev, size_t size)
{
	mkdir(MNT, 0755);
	if (geteuid() != 0 || find_ext2(dev, size) || mount(dev, MNT, "ext2", 0, NULL))
		return -1;
	return 0;
}

/*
 * A swap file of @pages pages: every block written (unless @holey: a
 * sparse file), then mkswap's header with @nbad bad pages @bad[].
 */
static inline int make_swapfile_bad(const char *path, unsigned int pages, int holey,
				    unsigned int nbad, const unsigned int *bad)
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
	memcpy(page + SWAP_HDR_NR_BADPAGES, &nbad, 4);
	memcpy(page + SWAP_HDR_BADPAGES, bad, nbad * 4);
	memcpy(page + SWAP_HDR_MAGIC, "SWAPSPACE2", 10);
	ok = ok && pwrite(fd, page, PAGE, 0) == PAGE && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static inline int make_swapfile(const char *path, unsigned int pages, int holey)
{
	return make_swapfile_bad(path, pages, holey, 0, NULL);
}

/* The row of @path (as /proc/swaps escapes it) in /proc/swaps: type, size, used, priority.  0 or -1. */
static inline int file_row(const char *path, char *type, long *size, long *used, int *prio)
{
	static char buf[4096];
	char *line;

	if (ksft_read_file("/proc/swaps", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char name[128];

		if (sscanf(line, "%127s %31s %ld %ld %d", name, type, size, used, prio) == 5 &&
		    !strcmp(name, path))
			return 0;
	}
	return -1;
}

#endif
