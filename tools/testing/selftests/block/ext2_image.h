/*
 * The ext2 images of the selftests (scripts/mkdisk-ext2: vdb holds
 * linnet-ext2-1k, vdc linnet-ext2-4k; Linux 6.1 mounts them with its
 * ext4 driver): finding the disk that holds one, by the superblock's
 * magic and volume label.
 */
#ifndef BLOCK_EXT2_IMAGE_H
#define BLOCK_EXT2_IMAGE_H

#include <fcntl.h>
#include "test_disk.h"

#define EXT2_MAGIC	0xEF53

/* 1 if the open disk @fd holds an ext2 file system labelled @label (NULL: any). */
static inline int is_ext2_image(int fd, const char *label)
{
	char sb[1024];
	uint16_t magic;

	if (pread(fd, sb, sizeof(sb), 1024) != sizeof(sb))
		return 0;
	memcpy(&magic, sb + 56, sizeof(magic));
	return magic == EXT2_MAGIC && (!label || !strncmp(sb + 120, label, 16));
}

/* The node of disk @name in @dev if it holds the ext2 image labelled @label (NULL: any); 0 or -1. */
static inline int find_ext2_image(const char *name, const char *label, char *dev, size_t size)
{
	int fd, ok;

	if (disk_node(name, dev, size))
		return -1;
	fd = open(dev, O_RDONLY);
	if (fd < 0)
		return -1;
	ok = is_ext2_image(fd, label);
	close(fd);
	return ok ? 0 : -1;
}

#endif
