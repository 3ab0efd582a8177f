/*
 * Reclaim must not drop ext2 metadata that is not on the disk yet, on
 * both images of scripts/mkdisk-ext2 (vdb: 1 KiB blocks, vdc: 4 KiB;
 * skipped without them).  A new file's blocks change the block bitmap,
 * the inode table, the group descriptors and an indirect block, all in
 * the block device's page cache and not written; drop_caches 1 (the
 * clean page cache, as reclaim under memory pressure takes it) must
 * leave them, so that fsync writes them (0, not EIO) and after umount
 * and mount the file reads back.  make test's e2fsck of the images
 * (tools/testing/check-ext2) checks the rest.  Needs root.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kselftest.h"
#include "../block/ext2_image.h"

#define NPER	4		/* checks per image */
#define SIZE	(1 << 20)	/* past the direct blocks: an indirect block too */
#define MNT	"/tmp/mnt-meta-reclaim"
#define FILE_	MNT "/meta-reclaim.dat"

static char buf[SIZE];

static int drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, "1", 1) == 1;
	close(fd);
	return ok ? 0 : -1;
}

static void fill(void)
{
	for (int i = 0; i < SIZE; i++)
		buf[i] = (char)(i * 13 + i / 1024);
}

static int data_ok(void)
{
	int fd = open(FILE_, O_RDONLY), ok;

	memset(buf, 0, SIZE);
	ok = fd >= 0 && read(fd, buf, SIZE) == SIZE;
	for (int i = 0; ok && i < SIZE; i++)
		ok = buf[i] == (char)(i * 13 + i / 1024);
	if (fd >= 0)
		close(fd);
	return ok;
}

static void one_image(const char *name, const char *label)
{
	struct statfs before, after;
	char dev[64];
	int fd, ok;

	if (getuid() != 0 || find_ext2_image(name, label, dev, sizeof(dev))) {
		for (int i = 0; i < NPER; i++)
			ksft_skip("no ext2 image or not root", "%s: meta_reclaim needs %s", name, label);
		return;
	}
	mkdir(MNT, 0755);
	if (mount(dev, MNT, "ext2", 0, NULL)) {
		for (int i = 0; i < NPER; i++)
			ksft_ok(0, "%s: mount: %s", name, strerror(errno));
		return;
	}
	unlink(FILE_);
	sync();
	fill();
	fd = open(FILE_, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ok = fd >= 0 && write(fd, buf, SIZE) == SIZE && drop_caches() == 0;
	ksft_ok(ok, "%s: 1 MiB written into a new file, drop_caches 1 before any sync", name);
	ksft_ok(fd >= 0 && fsync(fd) == 0, "%s: fsync writes the file's metadata: 0, not EIO", name);
	if (fd >= 0)
		close(fd);
	ok = statfs(MNT, &before) == 0 && umount(MNT) == 0 && mount(dev, MNT, "ext2", 0, NULL) == 0 &&
	     statfs(MNT, &after) == 0;
	ksft_ok(ok && before.f_bfree == after.f_bfree && before.f_ffree == after.f_ffree,
		"%s: after umount and mount the free block and inode counts are the same", name);
	ksft_ok(ok && data_ok(), "%s: the file reads back, every byte", name);
	unlink(FILE_);
	umount(MNT);
}

int main(void)
{
	ksft_plan(2 * NPER);
	one_image("vdb", "linnet-ext2-1k");
	one_image("vdc", "linnet-ext2-4k");
	ksft_exit();
}
